/**
 * Issue 9 item 3: a flood of worst-case 4,000-character messages (time phrases, numbers, amounts,
 * phone numbers, repeated punctuation, emoji) from 20 sessions, each sending as fast as its acks
 * come back, while one ordinary customer sends a short message every 250 ms. Reports that
 * customer's ack p50/p95 with and without the flood (target: p95 < 50 ms under flood), and how
 * many flood messages were processed or refused by the per-session rate limit. The server is the
 * shipped product (`src/main.ts`, offline understanding) in its own process, default limits.
 */
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { io, type Socket } from 'socket.io-client';
import { startAppProcess } from '../support/app-process.js';
import { percentile } from '../support/timing.js';

const FLOODERS = 20;
const WINDOW_SECONDS = 15;
const VICTIM_INTERVAL_MS = 250;
const MAX_CHARS = 4000;

/** The costliest text we know for the extractors, cut to exactly MAX_CHARS characters. */
export function worstCaseMessage(): string {
  const parts = [
    '前天下午3点半',
    '上个月5号',
    '2026年11月3日晚上8点',
    '昨天凌晨',
    '已经断了三天了',
    '扣了我128.50元',
    '又扣了¥3,000',
    '手机号13812345678',
    '订单号2026110312345678',
    '!!!!!!',
    '??????',
    '。。。。。。',
    '😡😡🔥🔥💢',
    ' 12:30-14:45 ',
    'last Friday at 5pm',
    '$1,234.56',
  ];
  const chars: string[] = [];
  for (let i = 0; chars.length < MAX_CHARS; i += 1) chars.push(...(parts[i % parts.length] ?? ''));
  return chars.slice(0, MAX_CHARS).join('');
}

type Ack = { ok: true; id: string } | { ok: false; error: string };

async function connect(url: string): Promise<Socket> {
  const client = io(`${url}/chat`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    client.once('session', () => resolve());
    client.once('connect_error', reject);
  });
  return client;
}

const send = (client: Socket, text: string): Promise<Ack> =>
  client
    .timeout(30_000)
    .emitWithAck('message', { text, clientMessageId: randomUUID() }) as Promise<Ack>;

/** The ordinary customer: one short message every VICTIM_INTERVAL_MS; ack latencies in ms. */
async function victim(url: string, seconds: number): Promise<number[]> {
  const client = await connect(url);
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  const texts = ['我的宽带又断了', '已经三天了', '什么时候能修好?', '我的手机号13900001111'];
  for (let i = 0; performance.now() < end; i += 1) {
    const started = performance.now();
    const ack = await send(client, texts[i % texts.length] ?? '你好');
    if (ack.ok) latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, VICTIM_INTERVAL_MS));
  }
  client.disconnect();
  return latencies.sort((a, b) => a - b);
}

/** FLOODERS sessions, each sending the worst-case message as soon as the previous is acked. */
async function flood(
  url: string,
  seconds: number,
): Promise<{ processed: number; refused: number }> {
  const clients = await Promise.all(Array.from({ length: FLOODERS }, () => connect(url)));
  const text = worstCaseMessage();
  const end = performance.now() + seconds * 1000;
  let processed = 0;
  let refused = 0;
  await Promise.all(
    clients.map(async (client) => {
      while (performance.now() < end) {
        const ack = await send(client, text).catch(() => ({ ok: false, error: 'timeout' }));
        if (ack.ok) processed += 1;
        else refused += 1;
      }
    }),
  );
  clients.forEach((client) => client.disconnect());
  return { processed, refused };
}

const line = (sorted: number[]): string =>
  `ack ms p50 ${percentile(sorted, 50).toFixed(1)}, p95 ${percentile(sorted, 95).toFixed(1)}, p99 ${percentile(sorted, 99).toFixed(1)} (n=${sorted.length})`;

export async function run(): Promise<void> {
  console.log(
    `machine: ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const app = await startAppProcess({ RECORDS: 'none' });
  try {
    const quiet = await victim(app.url, 5);
    console.log(`alone:        ${line(quiet)}`);
    const [loud, flooded] = await Promise.all([
      new Promise((resolve) => setTimeout(resolve, 1000)).then(() =>
        victim(app.url, WINDOW_SECONDS - 2),
      ),
      flood(app.url, WINDOW_SECONDS),
    ]);
    console.log(`under flood:  ${line(loud)} (target p95 < 50 ms)`);
    console.log(
      `flood: ${FLOODERS} sessions × ${MAX_CHARS}-char messages for ${WINDOW_SECONDS}s: ${flooded.processed} processed (${(flooded.processed / WINDOW_SECONDS).toFixed(1)}/s), ${flooded.refused} refused by the per-session rate limit`,
    );
  } finally {
    await app.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
