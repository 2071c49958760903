import { Router } from 'express';
import type { TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { Logger } from 'pino';
import { webhookBodyErrors, webhookJson } from '../json-body.js';
import type { BotFrameworkCloudAdapter } from './botframework.adapter.js';
import { activityProblem, IncomingActivity } from './botframework.schema.js';

export const BOT_FRAMEWORK_PATH = '/api/messages';

/**
 * `POST /api/messages`: malformed JSON or an activity missing what botbuilder needs is 400; a
 * missing or invalid Bot Framework token is 401 (logged with the channel, never the body); an
 * invoke's response is returned as botbuilder computed it.
 */
export function botFrameworkRoute(options: {
  adapter: BotFrameworkCloudAdapter;
  turn: (context: TurnContext) => Promise<void>;
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
      const invoke = await options.adapter.runTurn(
        req.header('authorization') ?? '',
        activity,
        options.turn,
      );
      if (invoke) res.status(invoke.status).json(invoke.body ?? {});
      else res.status(200).end();
    } catch (error) {
      if (error instanceof AuthenticationError) {
        options.logger.warn(
          { channel: 'botframework', channelId: activity.channelId, ip: req.ip },
          'bot framework request refused: bad token',
        );
        res.status(401).json({ error: 'unauthorized' });
        return;
      }
      throw error;
    }
  });
  router.use(BOT_FRAMEWORK_PATH, webhookBodyErrors);
  return router;
}
