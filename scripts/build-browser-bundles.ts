import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const root = new URL('../', import.meta.url);

/** The browser entry points and where the server serves each bundle from. */
const BUNDLES = {
  /** The chat widget, served as /widget.js. */
  widget: { entry: 'src/web/widget/widget.ts', out: 'dist/web/public/widget.js' },
  /** The agent console script, served under /agent. */
  agentConsole: { entry: 'src/web/agent/ui/console.tsx', out: 'dist/web/agent-console/console.js' },
  /** The admin console (Preact + ECharts), served under /admin. */
  adminConsole: { entry: 'src/web/admin/ui/console.tsx', out: 'dist/web/admin/console.js' },
} as const;

export type BundleName = keyof typeof BUNDLES;

/**
 * zod's `z` namespace re-exports every translation of its error messages (about 260 kB minified),
 * which no bundler can shake out of `z.object(…)` calls; the browser pages use the English default
 * that zod configures itself, so the translations are replaced by English alone.
 */
const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(builder) {
    builder.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: join(args.resolveDir, '../locales/index.js'), namespace: 'zod-english-only' }
        : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: `export { default as en } from './en.js';`,
      resolveDir: dirname(args.path),
    }));
  },
};

/** Bundles one browser entry (socket.io-client included) into a single minified script. */
export async function buildBundle(name: BundleName): Promise<void> {
  const { entry, out } = BUNDLES[name];
  await build({
    entryPoints: [fileURLToPath(new URL(entry, root))],
    outfile: fileURLToPath(new URL(out, root)),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    // Staff pages are Preact components in TSX (src/web/admin/README.md).
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    sourcemap: true,
    legalComments: 'linked',
    logLevel: 'warning',
    plugins: [zodEnglishOnly],
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  await Promise.all((Object.keys(BUNDLES) as BundleName[]).map(buildBundle));
