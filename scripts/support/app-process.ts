/** The real server (`src/main.ts`, the shipped product) in a child process, for benchmarks. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

export type AppProcess = {
  url: string;
  child: ChildProcess;
  /** The server's stdout (its JSON log), line by line. */
  lines: Interface;
  stop(): Promise<void>;
};

/**
 * Starts `src/main.ts` on a free port with `env` (nothing inherited but PATH) and waits for its URL;
 * `nodeArgs` come after the tsx loader, so they may preload TypeScript (`--import x.ts`).
 */
export async function startAppProcess(
  env: Record<string, string>,
  nodeArgs: string[] = [],
  /** Another server script that logs `"url":"…"` once listening (a bench's baseline). */
  entry: string = MAIN,
): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...nodeArgs, entry], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.once('exit', () => child.kill('SIGKILL'));
  if (!child.stdout) throw new Error('no stdout');
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    lines.on('line', (line) => {
      const found = /"url":"([^"]+)"/.exec(line)?.[1];
      if (found) resolve(found);
    });
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return { url, child, lines, stop };
}
