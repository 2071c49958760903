/**
 * The intake dialog's share of a customer turn (DESIGN §7: a whole turn ≤ 5 ms p95 embedded,
 * ≤ 10 ms in Redis mode): understanding + dialogs + state load/save + ticket filing, for zh and en
 * conversations run to a filed ticket, over MemoryStorage and (when reachable) RedisStorage.
 */
import { randomUUID } from 'node:crypto';
import {
  ActivityTypes,
  ConversationState,
  MemoryStorage,
  TestAdapter,
  type Storage,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import { createClient, type RedisClientType } from 'redis';
import { createIntakeDialog } from '../../src/dialogs/intake.dialog.js';
import { scriptedWriter } from '../../src/dialogs/reply-writer.js';
import { loadIntakeConfig } from '../../src/flows/intake-config.js';
import { RedisStorage } from '../../src/storage/redis.storage.js';
import { MemoryTicketStore } from '../../src/tickets/memory.ticket-store.js';
import { RedisTicketStore } from '../../src/tickets/redis.ticket-store.js';
import type { TicketStore } from '../../src/tickets/ticket-store.port.js';
import { createOfflineUnderstanding } from '../../src/understanding/offline.understanding.js';
import { percentile } from '../support/timing.js';

const CONVERSATIONS: readonly (readonly string[])[] = [
  ['你们太过分了!我的话费莫名其妙多扣了50元', '13812345678', '昨天', '对的'],
  ['我很担心,宽带断了三天了怎么办', '不清楚', '13812345678', '对的'],
  ["I'm so worried, my internet has been down since Monday", "I don't know", '13812345678', 'yes'],
  ['I was charged 50 yuan extra on my phone bill yesterday', '13812345678', 'yes'],
];
const RUNS = 150;

async function measure(storage: Storage, tickets: TicketStore): Promise<string> {
  const intake = await loadIntakeConfig({ configDir: 'config', watch: false });
  const conversationState = new ConversationState(storage);
  const dialogs = new DialogSet(conversationState.createProperty<DialogState>('dialogState'));
  const root = createIntakeDialog({
    understanding: createOfflineUnderstanding(),
    tickets,
    flows: intake.flows,
    scripts: scriptedWriter(intake.scripts.current),
  });
  dialogs.add(root);
  const adapter = new TestAdapter(async (context) => {
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(root.id);
    await conversationState.saveChanges(context);
  });
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const conversation = {
      id: `bench-${randomUUID()}`,
      isGroup: false,
      name: '',
      conversationType: 'personal',
    };
    for (const text of CONVERSATIONS[run % CONVERSATIONS.length] ?? []) {
      const t0 = performance.now();
      await adapter.processActivity({ type: ActivityTypes.Message, text, conversation });
      if (run >= 20) times.push(performance.now() - t0);
      adapter.activeQueue.splice(0);
    }
  }
  intake.close();
  times.sort((a, b) => a - b);
  const ms = (x: number): string => `${x.toFixed(2)} ms`;
  return `${times.length} turns  p50 ${ms(percentile(times, 50))}  p95 ${ms(percentile(times, 95))}  p99 ${ms(percentile(times, 99))}`;
}

export async function run(): Promise<void> {
  console.log(`memory  ${await measure(new MemoryStorage(), new MemoryTicketStore())}`);
  const client: RedisClientType = createClient({
    url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    socket: { reconnectStrategy: false, connectTimeout: 1000 },
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch {
    console.log('redis   skipped (no Redis reachable)');
    return;
  }
  const prefix = `qt-bench:${randomUUID()}:`;
  try {
    const storage = new RedisStorage(client, `${prefix}state:`);
    console.log(`redis   ${await measure(storage, new RedisTicketStore({ client, prefix }))}`);
  } finally {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 }))
      if (keys.length > 0) await client.unlink(keys);
    await client.close();
  }
}
