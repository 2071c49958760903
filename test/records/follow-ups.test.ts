import { PgFollowUps } from '../../src/records/pg.follow-ups.js';
import { PgTicketStore } from '../../src/records/pg.ticket-store.js';
import { draft } from '../contract/ticket-store.contract.js';
import { followUpsContract } from '../contract/follow-ups.contract.js';
import { openTestDatabase, testBackends } from './databases.js';

for (const backend of await testBackends()) {
  followUpsContract(backend, async () => {
    const test = await openTestDatabase(backend);
    const tickets = new PgTicketStore(test.database.db);
    return {
      store: new PgFollowUps(test.database.db),
      ticket: async () => (await tickets.create(draft())).id,
      close: () => test.drop(),
    };
  });
}
