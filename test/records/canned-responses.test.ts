import { PgCannedResponses } from '../../src/records/pg.canned-responses.js';
import { cannedResponsesContract } from '../contract/canned-responses.contract.js';
import { openTestDatabase, testBackends } from './databases.js';

for (const backend of await testBackends()) {
  cannedResponsesContract(backend, async () => {
    const test = await openTestDatabase(backend);
    return { store: new PgCannedResponses(test.database.db), close: () => test.drop() };
  });
}
