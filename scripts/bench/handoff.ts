/**
 * Handoff latency (DESIGN §7: visible in the agent console ≤ 100 ms p95 after the trigger): 200 web
 * customers send an angry "转人工" message at the same moment; for each, the time from emitting the
 * message to the case arriving on an agent's `/agent` socket (and first, 50 handoffs one at a time). The server (intake flows, offline
 * understanding) runs as its own process, embedded and — when Redis answers — in Redis mode.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { io, type Socket } from 'socket.io-client';
import type { QueueItem } from '../../src/handoff/agent-events.js';
import { percentile } from '../support/timing.js';

const SERVER = fileURLToPath(new URL('../../test/support/app-server.ts', import.meta.url));
const CUSTOMERS = 200;
/** Handoffs one after another first: the latency of a single case with nothing else running. */
const SEQUENTIAL = 50;
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const TAG = /\(客户(\d+)\)/;

function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    env: {
      ...process.env,
      AGENT_SEED: 'bench:bench-password',
      AGENT_TOKEN_SECRET: 'bench-secret-bench-secret-bench-secret-01',
      LOG_LEVEL: 'silent',
      CHAT_RATE_LIMIT: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /LISTENING (\S+)/.exec(out)?.[1];
      if (url !== undefined) resolve({ child, url });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

function report(mode: string, what: string, latencies: number[], totalMs?: number): void {
  const sorted = [...latencies].sort((a, b) => a - b);
  const all = totalMs === undefined ? '' : `; all queued in ${totalMs.toFixed(0)} ms`;
  console.log(
    `${mode.padEnd(8)} ${what} → agent socket: p50 ${percentile(sorted, 50).toFixed(1)} ms, ` +
      `p95 ${percentile(sorted, 95).toFixed(1)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms${all}`,
  );
}

async function measure(mode: string, env: Record<string, string>): Promise<void> {
  const { child, url } = await startServer(env);
  const sockets: Socket[] = [];
  try {
    const login = await fetch(`${url}/api/agent/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench', password: 'bench-password' }),
    });
    const { token } = (await login.json()) as { token: string };
    const agent = io(`${url}/agent`, { auth: { token }, transports: ['websocket'] });
    sockets.push(agent);
    await new Promise<void>((resolve) => agent.once('connect', () => resolve()));
    const sentAt = new Map<number, number>();
    const arrivals = new Map<number, (ms: number) => void>();
    agent.on('queue:added', (item: QueueItem) => {
      const arrived = performance.now();
      const text = item.summary.transcript.find((m) => TAG.test(m.text))?.text ?? '';
      const i = Number(TAG.exec(text)?.[1]);
      const sent = sentAt.get(i);
      if (sent !== undefined) arrivals.get(i)?.(arrived - sent);
    });
    const customers = await Promise.all(
      Array.from({ length: SEQUENTIAL + CUSTOMERS }, async () => {
        const socket = io(`${url}/chat`, { transports: ['websocket'], reconnection: false });
        sockets.push(socket);
        await new Promise<void>((resolve) => socket.once('session', () => resolve()));
        return socket;
      }),
    );
    const fire = (i: number): Promise<number> =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`case ${i} never reached the agent`)),
          60_000,
        );
        arrivals.set(i, (ms) => {
          clearTimeout(timer);
          resolve(ms);
        });
        sentAt.set(i, performance.now());
        customers[i]?.emit(
          'message',
          {
            text: `你们乱扣我话费整整三个月!气死我了!!我要投诉,马上给我转人工!(客户${i})`,
            clientMessageId: randomUUID(),
          },
          () => undefined,
        );
      });
    const one: number[] = [];
    for (let i = 0; i < SEQUENTIAL; i++) one.push(await fire(i));
    report(mode, `${SEQUENTIAL} handoffs one at a time`, one);
    const started = performance.now();
    const burst = await Promise.all(
      Array.from({ length: CUSTOMERS }, (_, k) => fire(SEQUENTIAL + k)),
    );
    report(mode, `${CUSTOMERS} handoffs at once`, burst, performance.now() - started);
  } finally {
    for (const socket of sockets) socket.disconnect();
    child.kill('SIGTERM');
  }
}

async function redisReachable(): Promise<boolean> {
  const client = createClient({ url: REDIS_URL, socket: { reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.close();
    return true;
  } catch {
    return false;
  }
}

async function cleanup(prefix: string): Promise<void> {
  const client = createClient({ url: REDIS_URL });
  client.on('error', () => undefined);
  await client.connect();
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 }))
    if (keys.length > 0) await client.unlink(keys);
  await client.close();
}

export async function run(): Promise<void> {
  console.log(
    `machine: ${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)}; client and server on it`,
  );
  await measure('embedded', {});
  if (!(await redisReachable())) {
    console.log('redis    skipped: no Redis at', REDIS_URL);
    return;
  }
  const prefix = `qt-bench:${randomUUID()}:`;
  try {
    await measure('redis', { REDIS_URL, REDIS_PREFIX: prefix });
  } finally {
    await cleanup(prefix);
  }
}
