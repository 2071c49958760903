import express, { type ErrorRequestHandler, type Express, type Router } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { TrustProxy } from '../config/trust-proxy.js';
import { healthRoutes, type ReadinessCheck } from './health.js';
import { requestLog } from './request-log.js';

/**
 * The express app: security headers, request logs, health, then the given routers in order, then
 * JSON 404 and a last-resort error handler that logs and never leaks internals.
 */
export function createHttpApp(options: {
  logger: Logger;
  readiness: readonly ReadinessCheck[];
  routers: readonly Router[];
  /** TRUST_PROXY: whose X-Forwarded-For `req.ip` believes (default: nobody's). */
  trustProxy?: TrustProxy;
  /** Serve `*.map` files (env SERVE_SOURCE_MAPS); off, they answer 404 like any unknown path. */
  serveSourceMaps?: boolean;
}): { app: Express; finish: () => void } {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  app.use(
    helmet({
      // The widget script is embedded on other sites.
      crossOriginResourcePolicy: { policy: 'cross-origin' },
      // The demo also runs over plain HTTP on a LAN address; TLS is the proxy's job.
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
    }),
  );
  app.use(requestLog(options.logger));
  app.use(healthRoutes(options.readiness));
  // Source maps hand out the original sources and comments of the bundles: only when asked for.
  if (options.serveSourceMaps !== true)
    app.get(/\.map$/i, (_req, res) => {
      res.status(404).json({ error: 'not_found' });
    });
  for (const router of options.routers) app.use(router);

  const onError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    options.logger.error({ err: error }, 'http request failed');
    if (!res.headersSent) res.status(500).json({ error: 'internal_error' });
  };
  /** Adds the 404 and error handlers; called once every router, including extensions, is mounted. */
  const finish = (): void => {
    app.use('/{*splat}', (_req, res) => {
      res.status(404).json({ error: 'not_found' });
    });
    app.use(onError);
  };
  return { app, finish };
}
