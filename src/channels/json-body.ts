import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { z } from 'zod';

/** JSON body parser for a platform webhook: strict JSON only, bounded size. */
export const webhookJson = (limit = '1mb'): RequestHandler =>
  express.json({ limit, strict: true, type: () => true });

const BodyError = z.object({ status: z.number().int(), type: z.string() });

/**
 * Malformed or oversized JSON is the sender's fault: 400/413 with the parser's reason
 * (`entity_parse_failed`, `entity_too_large`), never the app's generic 500.
 */
export const webhookBodyErrors: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  const parsed = BodyError.safeParse(error);
  if (!parsed.success || parsed.data.status >= 500) {
    next(error);
    return;
  }
  res.status(parsed.data.status).json({ error: parsed.data.type.replace(/\./g, '_') });
};
