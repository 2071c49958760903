import { MemoryConfigVersions } from '../../src/config/memory.config-versions.js';
import { configVersionsContract } from '../contract/config-versions.contract.js';

configVersionsContract('memory', () =>
  Promise.resolve({ store: new MemoryConfigVersions(), close: () => Promise.resolve() }),
);
