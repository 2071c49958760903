import type { Logger } from 'pino';

/**
 * On the first SIGTERM/SIGINT runs `stop` (close sockets, HTTP, workers, Redis) and exits; a second
 * signal, or a stop taking longer than `graceMs`, exits at once.
 */
export function onShutdownSignal(
  logger: Logger,
  stop: () => Promise<void>,
  graceMs = 10_000,
): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error({ graceMs }, 'shutdown took too long: exiting');
      process.exit(1);
    }, graceMs);
    timer.unref();
    stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}
