import { PgConfigVersions } from '../../src/records/pg.config-versions.js';
import { configVersionsContract } from '../contract/config-versions.contract.js';
import { openTestDatabase, testBackends } from './databases.js';

for (const backend of await testBackends()) {
  configVersionsContract(backend, async () => {
    const test = await openTestDatabase(backend);
    return { store: new PgConfigVersions(test.database.db), close: () => test.drop() };
  });
}
