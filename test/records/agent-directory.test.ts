import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PgAgentDirectory } from '../../src/records/pg.agent-directory.js';
import { agentDirectoryContract, SEED } from '../contract/agent-directory.contract.js';
import { openTestDatabase, testBackends, type TestDatabase } from './databases.js';

for (const backend of await testBackends()) {
  agentDirectoryContract(
    backend,
    async (seed) => {
      const test = await openTestDatabase(backend);
      return {
        directory: await PgAgentDirectory.open(test.database.db, seed),
        twin: await PgAgentDirectory.open(test.database.db, []),
        close: () => test.drop(),
      };
    },
    { shared: true },
  );

  describe(`PgAgentDirectory on ${backend}: AGENT_SEED seeds an empty database only`, () => {
    let test: TestDatabase;
    beforeEach(async () => {
      test = await openTestDatabase(backend);
    });
    afterEach(async () => {
      await test.drop();
    });

    it('a second start with a different seed changes nothing, and token versions persist', async () => {
      const first = await PgAgentDirectory.open(test.database.db, SEED);
      await first.resetPassword('amy', 'changed-by-amy');
      const second = await PgAgentDirectory.open(test.database.db, [
        { username: 'amy', password: 'seeded-again' },
        { username: 'mallory', password: 'seeded-later', role: 'admin' },
      ]);
      expect(await second.has('mallory')).toBe(false);
      expect(await second.verify('amy', 'seeded-again')).toBeUndefined();
      expect(await second.verify('amy', 'changed-by-amy')).toMatchObject({ tokenVersion: 1 });
      expect((await second.list()).map((agent) => agent.username)).toEqual(['amy', 'root']);
    });

    it('two instances starting at once seed the accounts once', async () => {
      const [a, b] = await Promise.all([
        PgAgentDirectory.open(test.database.db, SEED),
        PgAgentDirectory.open(test.database.db, SEED),
      ]);
      expect(await a.list()).toEqual(await b.list());
      expect(await a.list()).toHaveLength(2);
    });
  });
}
