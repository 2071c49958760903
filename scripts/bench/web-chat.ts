/**
 * Web-chat customer turns (DESIGN §7): 500 customers (BENCH_CUSTOMERS) each sending a message a second to a server in
 * its own process — ack latency p50/p95/p99 (ack = message recorded, bot turn run, reply emitted) —
 * and closed-loop throughput against a bare socket.io echo server measured in the same run.
 * Embedded mode always; Redis mode too when REDIS_URL is set (own key prefix, deleted afterwards).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';

/** 500 by default; fewer (BENCH_CUSTOMERS) to see a turn's own cost when the machine is busy. */
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 500);
const OPEN_LOOP_SECONDS = 15;
const CLOSED_LOOP_CLIENTS = 50;
const CLOSED_LOOP_SECONDS = 8;
const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const SELF = fileURLToPath(import.meta.url);

type Ack = { ok: boolean };
type Client = Socket;

/** `tsx scripts/bench/web-chat.ts --serve-echo`: the baseline — ack every `message` at once. */
function serveEcho(): void {
  const http = createServer();
  new Server(http).of('/chat').on('connection', (socket) => {
    socket.on('message', (payload: unknown, ack: (r: Ack & { id: string }) => void) => {
      socket.emit('message', payload);
      ack({ ok: true, id: randomUUID() });
    });
  });
  http.listen(0, '127.0.0.1', () => {
    console.log(
      JSON.stringify({
        msg: 'echo listening',
        url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
      }),
    );
  });
}

async function startServer(
  args: string[],
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  // One process (node + the tsx loader), so its CPU time can be read from /proc.
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Never leave a server behind, even when the bench itself dies.
  process.once('exit', () => child.kill('SIGKILL'));
  if (!child.stdout) throw new Error('no stdout');
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    lines.on('line', (line) => {
      const match = /"url":"([^"]+)"/.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
  });
  return { url, child };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function connectAll(url: string, count: number): Promise<Client[]> {
  const clients: Client[] = [];
  for (let i = 0; i < count; i += 1) {
    const client = io(`${url}/chat`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('connect_error', reject);
    });
    clients.push(client);
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  return clients;
}

const send = (client: Client): Promise<number> => {
  const started = performance.now();
  return (
    client.timeout(10_000).emitWithAck('message', {
      text: '我的宽带又断了,已经三天了',
      clientMessageId: randomUUID(),
    }) as Promise<Ack>
  ).then((ack) => {
    if (!ack.ok) throw new Error(`refused: ${JSON.stringify(ack)}`);
    return performance.now() - started;
  });
};

/** Every client sends once a second at its own phase for the whole window; failures are counted. */
async function openLoop(clients: Client[]): Promise<{ latencies: number[]; failed: number }> {
  const latencies: number[] = [];
  let failed = 0;
  const sends: Promise<void>[] = [];
  const timers = clients.map((client, i) =>
    setTimeout(
      () => {
        const tick = (): void => {
          sends.push(
            send(client).then(
              (ms) => void latencies.push(ms),
              () => void (failed += 1),
            ),
          );
        };
        tick();
        timers.push(setInterval(tick, 1000));
      },
      (i * 1000) / clients.length,
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, OPEN_LOOP_SECONDS * 1000));
  timers.forEach((timer) => clearTimeout(timer));
  await Promise.all(sends);
  return { latencies, failed };
}

/** Each client sends its next message as soon as the last is acknowledged. */
async function closedLoop(clients: Client[]): Promise<number> {
  let done = 0;
  const until = performance.now() + CLOSED_LOOP_SECONDS * 1000;
  await Promise.all(
    clients.map(async (client) => {
      while (performance.now() < until) {
        const ok = await send(client).then(
          () => true,
          () => false,
        );
        if (ok) done += 1;
      }
    }),
  );
  return done / CLOSED_LOOP_SECONDS;
}

/** CPU seconds (user + system) a process has used, from /proc on Linux; undefined elsewhere. */
function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

const pct = (sorted: number[], p: number): string =>
  (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN).toFixed(2);

async function measure(
  label: string,
  url: string,
  pid: number | undefined,
): Promise<{ throughput: number; ackP95: number }> {
  const crowd = await connectAll(url, CUSTOMERS);
  const cpuBefore = cpuSeconds(pid);
  const ownBefore = process.cpuUsage();
  const { latencies, failed } = await openLoop(crowd);
  latencies.sort((a, b) => a - b);
  const cpuAfter = cpuSeconds(pid);
  const own = process.cpuUsage(ownBefore);
  crowd.forEach((client) => client.disconnect());
  const cpuPerTurn =
    cpuBefore === undefined || cpuAfter === undefined
      ? 'n/a'
      : (((cpuAfter - cpuBefore) * 1000) / latencies.length).toFixed(2);
  console.log(
    `${label}: ${CUSTOMERS} customers × 1 msg/s for ${OPEN_LOOP_SECONDS}s: ${latencies.length} turns, ack ms p50 ${pct(latencies, 0.5)} p95 ${pct(latencies, 0.95)} p99 ${pct(latencies, 0.99)}, ${failed} timed out; server CPU ms/turn ${cpuPerTurn}`,
  );
  // Is the machine itself the bottleneck? The load generator shares it with the server and Redis.
  console.log(
    `${label}: load generator CPU ms/turn ${((own.user + own.system) / 1000 / Math.max(1, latencies.length)).toFixed(2)}, load average now ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const loop = await connectAll(url, CLOSED_LOOP_CLIENTS);
  const throughput = await closedLoop(loop);
  loop.forEach((client) => client.disconnect());
  console.log(
    `${label}: closed loop, ${CLOSED_LOOP_CLIENTS} clients: ${throughput.toFixed(0)} turns/s`,
  );
  return { throughput, ackP95: Number(pct(latencies, 0.95)) };
}

export async function run(): Promise<void> {
  console.log(
    `machine: ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const echo = await startServer([SELF, '--serve-echo'], {});
  const echoRate = await (async () => {
    const loop = await connectAll(echo.url, CLOSED_LOOP_CLIENTS);
    const rate = await closedLoop(loop);
    loop.forEach((client) => client.disconnect());
    return rate;
  })();
  await stop(echo.child);
  console.log(
    `bare socket.io echo: closed loop, ${CLOSED_LOOP_CLIENTS} clients: ${echoRate.toFixed(0)} acks/s`,
  );

  // Each mode without and with the system of record, so its cost on a turn shows (goal ≤ +0.5 ms p95);
  // records go to a throwaway PGlite, or to BENCH_DATABASE_URL when set.
  const records: Record<string, string> = process.env.BENCH_DATABASE_URL
    ? { RECORDS: 'database', DATABASE_URL: process.env.BENCH_DATABASE_URL }
    : { RECORDS: 'database', DATA_DIR: 'memory://' };
  const modes: Array<[string, Record<string, string>]> = [
    ['embedded', { RECORDS: 'none' }],
    ['embedded+records', records],
  ];
  const prefix = `qt-bench:${randomUUID()}:`;
  if (process.env.REDIS_URL)
    for (const [label, extra] of [
      ['redis', { RECORDS: 'none' }],
      ['redis+records', records],
    ] as const)
      modes.push([
        label,
        {
          REDIS_URL: process.env.REDIS_URL,
          REDIS_PREFIX: prefix,
          AGENT_TOKEN_SECRET: 'bench-secret-bench-secret-bench-secret-01',
          ...extra,
        },
      ]);
  const ackP95 = new Map<string, number>();
  for (const [label, env] of modes) {
    // Every simulated customer connects from 127.0.0.1: lift the per-address session and rate limits.
    const server = await startServer([MAIN], {
      CHAT_RATE_LIMIT: '1000000',
      SESSIONS_PER_ADDRESS: '1000000',
      ...env,
    });
    try {
      const { throughput, ackP95: p95 } = await measure(label, server.url, server.child.pid);
      ackP95.set(label, p95);
      console.log(
        `${label}: throughput ${((throughput / echoRate) * 100).toFixed(0)}% of bare echo (target ≥ 25%)`,
      );
    } finally {
      await stop(server.child);
    }
  }
  for (const mode of ['embedded', 'redis']) {
    const without = ackP95.get(mode);
    const withRecords = ackP95.get(`${mode}+records`);
    if (without === undefined || withRecords === undefined) continue;
    const cost = withRecords - without;
    console.log(
      `${mode}: the system of record adds ${cost >= 0 ? '+' : ''}${cost.toFixed(2)} ms to ack p95 (${without.toFixed(2)} → ${withRecords.toFixed(2)}; goal ≤ +0.5 ms), load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  }
  if (process.env.REDIS_URL) {
    const redis = createClient({ url: process.env.REDIS_URL });
    await redis.connect();
    for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 }))
      if (keys.length > 0) await redis.unlink(keys);
    await redis.close();
  }
}

if (process.argv.includes('--serve-echo')) serveEcho();
