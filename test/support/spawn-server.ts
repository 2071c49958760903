import { spawn, type ChildProcess } from 'node:child_process';

export type SpawnedServer = { child: ChildProcess; url: string; output: () => string };

/**
 * Starts a server script as a child process and resolves with its URL once it prints
 * `LISTENING <url>`; node itself runs it (not the tsx wrapper), so SIGKILL hits the server.
 * `output()` is everything it has printed so far (tests wait for lines such as `TURN STARTED`).
 */
export function spawnServer(
  script: string,
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<SpawnedServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start')), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /LISTENING (\S+)/.exec(out);
      if (match?.[1] === undefined) return;
      clearTimeout(timer);
      resolve({ child, url: match[1], output: () => out });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}
