import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = new URL('../', import.meta.url);

/** Bundles the agent console (socket.io-client included) into dist/web/agent-console/console.js. */
export async function buildAgentConsole(): Promise<void> {
  await build({
    entryPoints: [fileURLToPath(new URL('src/web/agent/console.ts', root))],
    outfile: fileURLToPath(new URL('dist/web/agent-console/console.js', root)),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    sourcemap: true,
    legalComments: 'linked',
    logLevel: 'warning',
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  await buildAgentConsole();
