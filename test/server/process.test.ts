import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { connectChat } from '../support/test-app.js';

const TSX = new URL('../../node_modules/.bin/tsx', import.meta.url).pathname;
const MAIN = new URL('../../src/main.ts', import.meta.url).pathname;

function start(env: Record<string, string>): {
  child: ChildProcessWithoutNullStreams;
  lines: string[];
} {
  const child = spawn(TSX, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      RECORDS: 'none',
      ...env,
    },
  });
  const lines: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
  createInterface({ input: child.stderr }).on('line', (line) => lines.push(line));
  return { child, lines };
}

const exited = (child: ChildProcessWithoutNullStreams) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

async function waitFor(lines: string[], pattern: RegExp): Promise<string> {
  // Generous: tsx compiles the whole app on start, which takes long on a loaded machine.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const line = lines.find((l) => pattern.test(l));
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no line matching ${pattern}; got:\n${lines.join('\n')}`);
}

/** The real entry point as a process: logs, graceful SIGTERM, and one-line config errors. */
describe('npm start process', { timeout: 120_000 }, () => {
  it('serves, keeps customer text out of info logs, and stops cleanly on SIGTERM', async () => {
    const { child, lines } = start({});
    const listening = JSON.parse(await waitFor(lines, /qingting listening/)) as { url: string };
    const { client, box } = await connectChat(listening.url);
    await box.next();
    const secret = `secret-${randomUUID()}`;
    await client.emitWithAck('message', {
      text: `我的账号 ${secret} 被扣费`,
      clientMessageId: randomUUID(),
    });
    await box.next();
    const disconnected = new Promise((resolve) => client.once('disconnect', resolve));

    const exit = exited(child);
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    await disconnected;
    expect(lines.some((l) => l.includes('"msg":"stopped"'))).toBe(true);
    expect(lines.join('\n')).not.toContain(secret);
  });

  it('refuses to start on a bad variable with one line naming it', async () => {
    const { child, lines } = start({ PORT: 'eighty' });
    expect(await exited(child)).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid PORT/);
  });
});
