import type { ErrorRequestHandler } from 'express';

/** A body the parser refused (too large, bad encoding) is the sender's 4xx, never our 500. */
export const bodyErrors: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  const status =
    typeof error === 'object' && error !== null && 'status' in error ? Number(error.status) : 500;
  if (!(status >= 400 && status < 500)) return next(error);
  res
    .status(status)
    .type('text/plain')
    .send(status === 413 ? 'body too large' : 'bad body');
};
