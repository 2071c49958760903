import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

/** One line per HTTP request with method, path (no query: it may carry tokens), status and duration. */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const quiet = req.path === '/healthz' || req.path === '/readyz';
      logger[quiet ? 'debug' : 'info'](
        {
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
        },
        'http',
      );
    });
    next();
  };
}
