import { MemoryTicketStore } from '../../src/tickets/memory.ticket-store.js';
import { RedisTicketStore } from '../../src/tickets/redis.ticket-store.js';
import { ticketStoreContract } from '../contract/ticket-store.contract.js';
import { connectTestRedis, deleteByPrefix, redisAvailable, testPrefix } from '../support/redis.js';

ticketStoreContract('memory', () =>
  Promise.resolve({ store: new MemoryTicketStore(), close: () => Promise.resolve() }),
);

if (await redisAvailable()) {
  ticketStoreContract('redis', async () => {
    const client = await connectTestRedis();
    const prefix = testPrefix('tickets');
    return {
      store: new RedisTicketStore({ client, prefix }),
      twin: new RedisTicketStore({ client, prefix }),
      close: async () => {
        await deleteByPrefix(client, prefix);
        await client.close();
      },
    };
  });
}
