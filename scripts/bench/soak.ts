/**
 * Issue 9 item 4: connections that never send a message must cost no stored state. 20,000
 * connect/greet/disconnect cycles (20 at a time) against the shipped product in one process
 * started with --expose-gc; heap after a forced GC is compared with the heap after a warm-up
 * (target: within 10 %). In Redis mode (REDIS_URL set), the keys under the run's own prefix are
 * scanned: how many were added, and how many have no TTL (target: 0). `SOAK_CYCLES` overrides.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { createClient } from 'redis';
import { io } from 'socket.io-client';
import { createApp } from '../../src/app.js';
import { loadEnv } from '../../src/config/env.js';
import { productOptions } from '../../src/product.js';

const CYCLES = Number(process.env['SOAK_CYCLES'] ?? 20_000);
const WARM_UP = 500;
const PARALLEL = 20;
const SELF = fileURLToPath(import.meta.url);

async function cycle(url: string): Promise<void> {
  const client = io(`${url}/chat`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    client.once('message', () => resolve());
    client.once('connect_error', reject);
  });
  client.disconnect();
}

async function cycles(url: string, count: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < count) {
        next += 1;
        await cycle(url);
      }
    }),
  );
}

const settledHeap = async (): Promise<number> => {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  for (let i = 0; i < 3; i += 1) globalThis.gc?.();
  return process.memoryUsage().heapUsed;
};

/** The measuring process: app and clients in one heap, so nothing leaks unseen. */
async function child(redisUrl: string | undefined): Promise<void> {
  const prefix = `qt-soak:${randomUUID()}:`;
  const env = loadEnv({
    LOG_LEVEL: 'silent',
    RECORDS: 'none',
    SESSIONS_PER_ADDRESS: '100000000',
    ...(redisUrl
      ? { REDIS_URL: redisUrl, REDIS_PREFIX: prefix, AGENT_TOKEN_SECRET: 's'.repeat(40) }
      : {}),
  });
  const logger = pino({ level: 'silent' });
  const app = await createApp(env, { logger, ...(await productOptions(env, logger)) });
  const url = await app.listen(0, '127.0.0.1');
  const redis = redisUrl ? createClient({ url: redisUrl }) : undefined;
  await redis?.connect();
  const keys = async (): Promise<{ total: number; noTtl: number }> => {
    let total = 0;
    let noTtl = 0;
    if (!redis) return { total, noTtl };
    for await (const batch of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
      for (const key of batch) {
        total += 1;
        if ((await redis.ttl(key)) === -1) noTtl += 1;
      }
    }
    return { total, noTtl };
  };
  await cycles(url, WARM_UP);
  const heapBefore = await settledHeap();
  const keysBefore = await keys();
  const started = performance.now();
  await cycles(url, CYCLES);
  const seconds = (performance.now() - started) / 1000;
  const heapAfter = await settledHeap();
  const keysAfter = await keys();
  await app.close();
  if (redis) {
    for await (const batch of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 }))
      if (batch.length > 0) await redis.unlink(batch);
    await redis.close();
  }
  const mb = (bytes: number): string => (bytes / 1048576).toFixed(1);
  const growth = ((heapAfter - heapBefore) / heapBefore) * 100;
  console.log(
    `${redisUrl ? 'redis' : 'embedded'}: ${CYCLES} connect/disconnect cycles in ${seconds.toFixed(0)} s; heap after GC ${mb(heapBefore)} → ${mb(heapAfter)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} %, target within 10 %)` +
      (redisUrl
        ? `; Redis keys under the prefix ${keysBefore.total} → ${keysAfter.total}, without TTL ${keysBefore.noTtl} → ${keysAfter.noTtl} (target 0 added)`
        : ''),
  );
}

function measure(redisUrl: string | undefined): Promise<void> {
  const proc = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', SELF, '--child', ...(redisUrl ? [redisUrl] : [])],
    { stdio: 'inherit', env: process.env },
  );
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`soak exited ${code}`)),
    );
  });
}

export async function run(): Promise<void> {
  await measure(undefined);
  if (process.env['REDIS_URL']) await measure(process.env['REDIS_URL']);
}

if (process.argv[2] === '--child') {
  await child(process.argv[3]);
  process.exit(0);
}
