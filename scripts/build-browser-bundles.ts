import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = new URL('../', import.meta.url);

/** The browser entry points and where the server serves each bundle from. */
const BUNDLES = {
  /** The chat widget, served as /widget.js. */
  widget: { entry: 'src/web/widget/widget.ts', out: 'dist/web/public/widget.js' },
  /** The agent console script, served under /agent. */
  agentConsole: { entry: 'src/web/agent/console.ts', out: 'dist/web/agent-console/console.js' },
  /** The analytics dashboard (Preact + ECharts), served under /admin. */
  adminDashboard: { entry: 'src/web/admin/ui/dashboard.tsx', out: 'dist/web/admin/dashboard.js' },
} as const;

export type BundleName = keyof typeof BUNDLES;

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
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  await Promise.all((Object.keys(BUNDLES) as BundleName[]).map(buildBundle));
