import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = new URL('../', import.meta.url);

/** Bundles the widget (socket.io-client included) into dist/web/public/widget.js, where the server serves it. */
export async function buildWidget(): Promise<void> {
  await build({
    entryPoints: [fileURLToPath(new URL('src/web/widget/widget.ts', root))],
    outfile: fileURLToPath(new URL('dist/web/public/widget.js', root)),
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

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildWidget();
