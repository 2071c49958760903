import { fileURLToPath } from 'node:url';
import type { Message } from '../../src/domain/message.js';
import { spawnServer, type SpawnedServer } from '../support/spawn-server.js';
import type { ChatClient } from '../support/test-app.js';

const SERVER = fileURLToPath(new URL('../support/app-server.ts', import.meta.url));

export const AGENT_ENV = {
  AGENT_SEED: 'amy:secret-amy,bob:secret-bob',
  AGENT_TOKEN_SECRET: 'kill-test-secret-kill-test-secret-0123456',
  LOG_LEVEL: 'silent',
  // Hot state is under test here; two instances must not share one embedded PGlite directory.
  RECORDS: 'none',
};

export type Instance = SpawnedServer;

/** Starts an app process (node itself, so SIGKILL hits the server) and resolves with its URL. */
export function spawnInstance(env: Record<string, string>): Promise<Instance> {
  return spawnServer(SERVER, { ...AGENT_ENV, ...env });
}

export async function kill(instance: Instance): Promise<void> {
  if (instance.child.exitCode !== null || instance.child.signalCode !== null) return;
  const exited = new Promise((resolve) => instance.child.once('exit', resolve));
  instance.child.kill('SIGKILL');
  await exited;
}

/** Resolves when the instance prints `line` (e.g. `TURN STARTED`). */
export function printed(instance: Instance, line: string, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (instance.output().includes(line)) return resolve();
    const timer = setTimeout(() => reject(new Error(`never printed ${line}`)), timeoutMs);
    instance.child.stdout?.on('data', () => {
      if (!instance.output().includes(line)) return;
      clearTimeout(timer);
      resolve();
    });
  });
}

export function nextMessage(
  client: ChatClient,
  match: (message: Message) => boolean,
  timeoutMs = 20_000,
): Promise<Message> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for a message')), timeoutMs);
    const listener = (message: Message): void => {
      if (!match(message)) return;
      clearTimeout(timer);
      client.off('message', listener);
      resolve(message);
    };
    client.on('message', listener);
  });
}

/** Polls `check` until it returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
