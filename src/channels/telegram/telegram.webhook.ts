import { createHash, timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { webhookBodyErrors, webhookJson } from '../json-body.js';
import { TelegramUpdate } from './telegram.schema.js';

export const TELEGRAM_WEBHOOK_PATH = '/channels/telegram';
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

export interface TelegramWebhookOptions {
  /** `TELEGRAM_WEBHOOK_SECRET`, the `secret_token` given to `setWebhook`. */
  secret: string;
  /** Handles one verified, decoded update; resolves once it is safely taken (then Telegram gets 200). */
  onUpdate: (update: TelegramUpdate) => Promise<void>;
  logger: Logger;
}

/**
 * `POST /channels/telegram`: the secret-token header is checked before the body is read (a wrong one
 * is 401 and only its arrival is logged), then the JSON is validated (400 names what is wrong).
 */
export function telegramWebhook(options: TelegramWebhookOptions): Router {
  const router = Router();
  const expected = digest(options.secret);
  router.post(
    TELEGRAM_WEBHOOK_PATH,
    (req, res, next) => {
      const given = req.header(SECRET_HEADER);
      if (given !== undefined && timingSafeEqual(digest(given), expected)) return next();
      options.logger.warn({ channel: 'telegram', ip: req.ip }, 'webhook refused: bad secret token');
      res.status(401).json({ error: 'unauthorized' });
    },
    webhookJson(),
    async (req, res) => {
      const parsed = TelegramUpdate.safeParse(req.body);
      if (!parsed.success) {
        res.status(400).json({ error: 'invalid_update', detail: z.prettifyError(parsed.error) });
        return;
      }
      await options.onUpdate(parsed.data);
      res.json({ ok: true });
    },
  );
  router.use(TELEGRAM_WEBHOOK_PATH, webhookBodyErrors);
  return router;
}

/** Equal-length digests, so the comparison takes the same time whatever was sent. */
const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
