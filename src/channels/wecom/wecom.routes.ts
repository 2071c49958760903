import express, { Router } from 'express';
import type { Logger } from 'pino';
import { openCallback, openEcho, type CallbackSecrets } from '../tencent/callback.js';
import { bodyErrors } from '../tencent/body-errors.js';
import { WECOM_CHANNEL, WecomCallback } from './wecom.messages.js';
import type { WecomSync } from './wecom.sync.js';

export const WECOM_PATH = '/channels/wecom';
const BODY_LIMIT = '64kb';

/**
 * `GET /channels/wecom` answers the console's URL check (the echostr is a ciphertext); `POST`
 * takes the "messages waiting" callback, checks and decrypts it, answers `success` at once and
 * pulls the messages with `kf/sync_msg` in the background.
 */
export function wecomRoutes(options: {
  secrets: CallbackSecrets;
  sync: WecomSync;
  logger: Logger;
}): Router {
  const { secrets, sync, logger } = options;
  const router = Router();
  const refused = (status: number, reason: string): void =>
    logger.warn({ channel: WECOM_CHANNEL, status, reason }, 'channel callback refused');

  router.get(WECOM_PATH, (req, res) => {
    const echo = openEcho(secrets, req.query, true);
    if (!echo.ok) {
      refused(echo.status, echo.reason);
      return void res.status(echo.status).type('text/plain').send(echo.reason);
    }
    res.type('text/plain').send(echo.value);
  });

  router.post(WECOM_PATH, express.text({ type: () => true, limit: BODY_LIMIT }), (req, res) => {
    const opened = openCallback(secrets, req.query, req.body, { plainSignature: false });
    if (!opened.ok) {
      refused(opened.status, opened.reason);
      return void res.status(opened.status).type('text/plain').send(opened.reason);
    }
    const callback = WecomCallback.safeParse(opened.value);
    if (!callback.success) {
      // Other WeCom events (contacts, approvals) may share the URL: acknowledged, not processed.
      res.type('text/plain').send('success');
      return;
    }
    res.type('text/plain').send('success');
    sync.pull(callback.data.OpenKfId, callback.data.Token).catch((error: unknown) => {
      logger.error({ err: error, channel: WECOM_CHANNEL }, 'kf sync failed');
    });
  });
  router.use(WECOM_PATH, bodyErrors);
  return router;
}
