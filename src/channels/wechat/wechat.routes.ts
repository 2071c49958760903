import express, { Router } from 'express';
import type { Logger } from 'pino';
import type { ChannelHost } from '../core/channel-host.js';
import { settleWithin } from '../core/deadline.js';
import { openCallback, openEcho, type CallbackSecrets } from '../tencent/callback.js';
import { bodyErrors } from '../tencent/body-errors.js';
import { decodeWechatFields, WECHAT_CHANNEL } from './wechat.inbound.js';

export const WECHAT_PATH = '/channels/wechat';
/** WeChat waits 5 s, then retries (three times in all): answer well before. */
const ANSWER_WITHIN_MS = 4000;
const BODY_LIMIT = '64kb';

/**
 * `GET /channels/wechat` answers the console's URL verification; `POST` takes callbacks: checked,
 * decrypted in safe mode, decoded, handed to the host once, and answered `success` — replies go out
 * through the customer-service API, so a slow turn never makes WeChat retry or show an error.
 */
export function wechatRoutes(options: {
  secrets: CallbackSecrets;
  host: ChannelHost;
  logger: Logger;
}): Router {
  const { secrets, host, logger } = options;
  const router = Router();
  const refused = (status: number, reason: string): void =>
    logger.warn({ channel: WECHAT_CHANNEL, status, reason }, 'channel callback refused');

  router.get(WECHAT_PATH, (req, res) => {
    const echo = openEcho(secrets, req.query, false);
    if (!echo.ok) {
      refused(echo.status, echo.reason);
      return void res.status(echo.status).type('text/plain').send(echo.reason);
    }
    res.type('text/plain').send(echo.value);
  });

  router.post(
    WECHAT_PATH,
    express.text({ type: () => true, limit: BODY_LIMIT }),
    async (req, res) => {
      const opened = openCallback(secrets, req.query, req.body, { plainSignature: true });
      if (!opened.ok) {
        refused(opened.status, opened.reason);
        return void res.status(opened.status).type('text/plain').send(opened.reason);
      }
      const decoded = decodeWechatFields(opened.value);
      if (!decoded.ok) {
        refused(400, `not a WeChat message: ${decoded.reason}`);
        return void res.status(400).type('text/plain').send('unrecognised message');
      }
      const inbound = decoded.inbound;
      if (inbound)
        await settleWithin(host.receive(inbound), ANSWER_WITHIN_MS, (error) =>
          logger.error({ err: error, channel: WECHAT_CHANNEL }, 'channel event failed'),
        );
      res.type('text/plain').send('success');
    },
  );
  router.use(WECHAT_PATH, bodyErrors);
  return router;
}
