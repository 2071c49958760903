import { pino } from 'pino';
import type { App } from '../../src/app.js';
import { loadEnv } from '../../src/config/env.js';
import { productOptions } from '../../src/product.js';
import { startTestApp } from './test-app.js';

/** The embedded system of record (in-memory PGlite) with an agent, amy, and an admin, root. */
export const EMBEDDED_ADMIN_ENV = {
  RECORDS: 'database',
  DATA_DIR: 'memory://',
  AGENT_SEED: 'amy:secret-amy,root:secret-root',
  AGENT_ADMINS: 'root',
} as const;

/**
 * The product as `npm start` wires it (`productOptions`: the shipped flows, knowledge, live
 * configuration), on a free port; `env` goes through the real zod config, logging silenced.
 */
export async function startProductApp(
  env: Record<string, string>,
): Promise<{ app: App; url: string }> {
  const options = await productOptions(
    loadEnv({ LOG_LEVEL: 'silent', ...env }),
    pino({ level: 'silent' }),
  );
  return startTestApp(env, options);
}
