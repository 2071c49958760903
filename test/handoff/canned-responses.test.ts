import { MemoryCannedResponses } from '../../src/handoff/memory.canned-responses.js';
import { cannedResponsesContract } from '../contract/canned-responses.contract.js';

cannedResponsesContract('memory', () =>
  Promise.resolve({ store: new MemoryCannedResponses(), close: () => Promise.resolve() }),
);
