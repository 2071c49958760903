import { ConfigError, loadEnv } from './config/env.js';
import { createLogger } from './server/logger.js';
import { onShutdownSignal } from './server/shutdown.js';

/** `npm start`: parse the environment once, start the app, stop gracefully on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const env = loadEnv();
  // Loaded after the environment parses, so a bad variable fails fast, before botbuilder loads.
  const [{ createApp }, { productOptions }] = await Promise.all([
    import('./app.js'),
    import('./product.js'),
  ]);
  const logger = createLogger(env);
  const app = await createApp(env, await productOptions(env, logger));
  const url = await app.listen();
  logger.info(
    {
      url,
      mode: env.REDIS_URL ? 'redis' : 'embedded',
      demo: `${url}/`,
      agentConsole: `${url}/agent`,
      adminConsole: `${url}/admin`,
    },
    'qingting listening',
  );
  if (app.setupPath !== undefined)
    logger.warn(
      { setup: `${url}${app.setupPath}` },
      'no staff account yet: open the setup link to create the first admin (single use, valid 1 hour)',
    );
  onShutdownSignal(logger, () => app.close());
}

main().catch((error: unknown) => {
  process.stderr.write(
    error instanceof ConfigError
      ? `${error.message}\n`
      : `qingting failed to start: ${String(error)}\n`,
  );
  process.exit(1);
});
