import { PgTicketStore } from '../../src/records/pg.ticket-store.js';
import { ticketStoreContract } from '../contract/ticket-store.contract.js';
import { openTestDatabase, testBackends } from './databases.js';

for (const backend of await testBackends()) {
  ticketStoreContract(backend, async () => {
    const test = await openTestDatabase(backend);
    return {
      store: new PgTicketStore(test.database.db),
      twin: new PgTicketStore(test.database.db),
      close: () => test.drop(),
    };
  });
}
