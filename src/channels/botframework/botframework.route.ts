import { Router } from 'express';
import { AuthenticationError } from 'botframework-connector';
import type { Logger } from 'pino';
import type { ChannelHost } from '../core/channel-host.js';
import { webhookBodyErrors, webhookJson } from '../json-body.js';
import type { BotFrameworkClient } from './botframework.client.js';
import { decodeActivity } from './botframework.decode.js';
import { activityProblem, IncomingActivity } from './botframework.schema.js';

export const BOT_FRAMEWORK_PATH = '/api/messages';

/**
 * `POST /api/messages`: malformed JSON or an activity missing what the channel needs is 400; a
 * missing or invalid Bot Framework token is 401 (logged with the channel, never the body); then the
 * activity is decoded and handed to the host. Replies leave through the outbound queue, so the
 * platform gets its 200 as soon as the turn has run.
 */
export function botFrameworkRoute(options: {
  client: BotFrameworkClient;
  host: ChannelHost;
  logger: Logger;
}): Router {
  const router = Router();
  router.post(BOT_FRAMEWORK_PATH, webhookJson('256kb'), async (req, res) => {
    const parsed = IncomingActivity.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'invalid_activity', detail: activityProblem(req.body) });
      return;
    }
    const activity = parsed.data;
    try {
      await options.client.authenticate(activity, req.header('authorization') ?? '');
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      options.logger.warn(
        { channel: 'botframework', channelId: activity.channelId, ip: req.ip },
        'bot framework request refused: bad token',
      );
      res.status(401).json({ error: 'unauthorized' });
      return;
    }
    const inbound = decodeActivity(activity);
    if (inbound) await options.host.receive(inbound);
    res.status(200).end();
  });
  router.use(BOT_FRAMEWORK_PATH, webhookBodyErrors);
  return router;
}
