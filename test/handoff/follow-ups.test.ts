import { randomUUID } from 'node:crypto';
import { MemoryFollowUps } from '../../src/handoff/memory.follow-ups.js';
import { followUpsContract } from '../contract/follow-ups.contract.js';

followUpsContract('memory', () =>
  Promise.resolve({
    store: new MemoryFollowUps(),
    ticket: () => Promise.resolve(`Q20261201-${randomUUID().slice(0, 6)}`),
    close: () => Promise.resolve(),
  }),
);
