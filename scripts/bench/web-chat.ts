/**
 * Web-chat customer turns (DESIGN §7): 500 customers (BENCH_CUSTOMERS) each sending a message a second to a server in
 * its own process — ack latency p50/p95/p99 (ack = message recorded, bot turn run, reply emitted) —
 * and closed-loop throughput against a bare socket.io echo server measured in the same run.
 * Embedded mode always; Redis mode too when REDIS_URL is set (own key prefix, deleted afterwards).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { startAppProcess, type AppProcess } from '../support/app-process.js';
import type { LoopDelay } from '../support/loop-delay.preload.js';

/** 500 by default; fewer (BENCH_CUSTOMERS) to see a turn's own cost when the machine is busy. */
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 500);
const OPEN_LOOP_SECONDS = 15;
const CLOSED_LOOP_CLIENTS = 50;
const CLOSED_LOOP_SECONDS = 8;
const SELF = fileURLToPath(import.meta.url);
const LOOP_DELAY = fileURLToPath(new URL('../support/loop-delay.preload.ts', import.meta.url));
/** BENCH_CPU_PROF=<dir>: each server writes V8 CPU profiles into <dir>/<mode>/ (open in Chrome DevTools). */
const CPU_PROF = process.env.BENCH_CPU_PROF;

type Ack = { ok: boolean };
type Client = Socket;

/** `BENCH_SERVE_ECHO=1 tsx scripts/bench/web-chat.ts`: the baseline — ack every `message` at once. */
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

/**
 * CPU seconds (user + system) from /proc on Linux, undefined elsewhere: the whole process (every
 * thread, a database worker included), or its main thread alone (`thread` = pid), the one a turn
 * runs on.
 */
function cpuSeconds(pid: number | undefined, thread?: number): number | undefined {
  try {
    const path = thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`;
    const fields = readFileSync(path, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

/** Asks the preloaded monitor for the event-loop delay since its last report (and resets it). */
async function loopDelay(server: AppProcess, file: string): Promise<LoopDelay | undefined> {
  const last = readLoopDelay(file)?.seq ?? 0;
  server.child.kill('SIGUSR2');
  // A saturated server answers the signal late: wait up to 15 s.
  for (let i = 0; i < 750; i += 1) {
    const report = readLoopDelay(file);
    if (report !== undefined && report.seq > last) return report;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return undefined;
}

function readLoopDelay(file: string): LoopDelay | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LoopDelay;
  } catch {
    return undefined;
  }
}

type Figures = {
  turns: number;
  ackP95: number;
  cpuPerTurn: number;
  mainCpuPerTurn: number;
  loopP99: number;
  throughput: number;
};

async function measure(label: string, server: AppProcess, delayFile: string): Promise<Figures> {
  const pid = server.child.pid;
  const crowd = await connectAll(server.url, CUSTOMERS);
  await loopDelay(server, delayFile);
  const cpuBefore = [cpuSeconds(pid), cpuSeconds(pid, pid)];
  const ownBefore = process.cpuUsage();
  const { latencies, failed } = await openLoop(crowd);
  latencies.sort((a, b) => a - b);
  const cpuAfter = [cpuSeconds(pid), cpuSeconds(pid, pid)];
  const delay = await loopDelay(server, delayFile);
  const own = process.cpuUsage(ownBefore);
  crowd.forEach((client) => client.disconnect());
  const perTurn = (i: 0 | 1): number => {
    const [before, after] = [cpuBefore[i], cpuAfter[i]];
    return before === undefined || after === undefined
      ? NaN
      : ((after - before) * 1000) / latencies.length;
  };
  const figures = {
    turns: latencies.length,
    ackP95: pct(latencies, 0.95),
    cpuPerTurn: perTurn(0),
    mainCpuPerTurn: perTurn(1),
    loopP99: delay?.p99 ?? NaN,
  };
  console.log(
    `${label}: ${CUSTOMERS} customers × 1 msg/s for ${OPEN_LOOP_SECONDS}s: ${latencies.length} turns, ack ms p50 ${pct(latencies, 0.5).toFixed(2)} p95 ${figures.ackP95.toFixed(2)} p99 ${pct(latencies, 0.99).toFixed(2)}, ${failed} timed out`,
  );
  console.log(
    `${label}: server CPU ms/turn ${figures.cpuPerTurn.toFixed(2)} (main thread ${figures.mainCpuPerTurn.toFixed(2)}); event-loop delay ms p50 ${delay?.p50.toFixed(2) ?? 'n/a'} p99 ${delay?.p99.toFixed(2) ?? 'n/a'} max ${delay?.max.toFixed(2) ?? 'n/a'}`,
  );
  // Is the machine itself the bottleneck? The load generator shares it with the server and Redis.
  console.log(
    `${label}: load generator CPU ms/turn ${((own.user + own.system) / 1000 / Math.max(1, latencies.length)).toFixed(2)}, load average now ${load()}`,
  );
  const loop = await connectAll(server.url, CLOSED_LOOP_CLIENTS);
  const throughput = await closedLoop(loop);
  loop.forEach((client) => client.disconnect());
  console.log(
    `${label}: closed loop, ${CLOSED_LOOP_CLIENTS} clients: ${throughput.toFixed(0)} turns/s`,
  );
  return { ...figures, throughput };
}

/** Stops the server and reads what its archive wrote from the log line it closes with. */
async function stopAndCountRecords(server: AppProcess): Promise<ArchiveCount | undefined> {
  let count: ArchiveCount | undefined;
  server.lines.on('line', (line) => {
    if (!line.includes('"archive closed"')) return;
    count = (JSON.parse(line) as { archive: ArchiveCount }).archive;
  });
  await server.stop();
  return count;
}

type ArchiveCount = { records: number; batches: number; writeMs: number };

export async function run(): Promise<void> {
  console.log(`machine: ${cpus().length} cores, load average ${load()}`);
  const echo = await startAppProcess({ BENCH_SERVE_ECHO: '1' }, [], SELF);
  const echoRate = await (async () => {
    const loop = await connectAll(echo.url, CLOSED_LOOP_CLIENTS);
    const rate = await closedLoop(loop);
    loop.forEach((client) => client.disconnect());
    return rate;
  })();
  await echo.stop();
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
  const scratch = mkdtempSync(join(tmpdir(), 'qt-web-chat-'));
  const measured = new Map<string, Figures>();
  try {
    for (const [label, env] of modes) {
      const delayFile = join(scratch, `${label}.loop-delay.json`);
      // Every simulated customer connects from 127.0.0.1: lift the per-address session and rate limits.
      const server = await startAppProcess(
        {
          CHAT_RATE_LIMIT: '1000000',
          SESSIONS_PER_ADDRESS: '1000000',
          LOOP_DELAY_FILE: delayFile,
          ...env,
        },
        [
          '--import',
          LOOP_DELAY,
          // One profile per thread (the main one is the largest), so a folder per mode.
          ...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${join(CPU_PROF, label)}`] : []),
        ],
      );
      let figures: Figures | undefined;
      try {
        figures = await measure(label, server, delayFile);
        measured.set(label, figures);
        console.log(
          `${label}: throughput ${((figures.throughput / echoRate) * 100).toFixed(0)}% of bare echo (target ≥ 25%)`,
        );
      } finally {
        const archived = await stopAndCountRecords(server);
        if (archived !== undefined && figures !== undefined)
          console.log(
            `${label}: archive wrote ${archived.records} records in ${archived.batches} batches (${(archived.records / Math.max(1, archived.batches)).toFixed(0)} per batch, ${(archived.writeMs / Math.max(1, archived.batches)).toFixed(1)} ms each), over every turn of the run`,
          );
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  console.log(
    `\nsummary, ${CUSTOMERS} customers (load average ${load()}): mode | ack p95 ms | server CPU ms/turn (main thread) | event-loop delay p99 ms`,
  );
  for (const [label, f] of measured)
    console.log(
      `${label} | ${f.ackP95.toFixed(2)} | ${f.cpuPerTurn.toFixed(2)} (${f.mainCpuPerTurn.toFixed(2)}) | ${f.loopP99.toFixed(2)}`,
    );
  for (const mode of ['embedded', 'redis']) {
    const without = measured.get(mode);
    const withRecords = measured.get(`${mode}+records`);
    if (without === undefined || withRecords === undefined) continue;
    const sign = (n: number): string => `${n >= 0 ? '+' : ''}${n.toFixed(2)}`;
    console.log(
      `${mode}: the system of record adds ${sign(withRecords.ackP95 - without.ackP95)} ms to ack p95 (goal ≤ +0.5 ms), ${sign(withRecords.cpuPerTurn - without.cpuPerTurn)} ms server CPU per turn (main thread ${sign(withRecords.mainCpuPerTurn - without.mainCpuPerTurn)}), ${sign(withRecords.loopP99 - without.loopP99)} ms event-loop delay p99`,
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

if (process.env.BENCH_SERVE_ECHO === '1') serveEcho();
