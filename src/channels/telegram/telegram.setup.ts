import { Api } from 'grammy';
import type { ChannelFactory } from '../core/channel-setup.js';
import { TelegramChannel } from './telegram.channel.js';
import { decodeTelegram } from './telegram.decode.js';
import { startTelegramPolling } from './telegram.polling.js';
import type { TelegramUpdate } from './telegram.schema.js';
import { TELEGRAM_WEBHOOK_PATH, telegramWebhook } from './telegram.webhook.js';

/**
 * On with `TELEGRAM_BOT_TOKEN`: a webhook at `/channels/telegram` when `TELEGRAM_WEBHOOK_SECRET` is
 * set (give Telegram the same value as `secret_token` in `setWebhook`), long polling otherwise.
 */
export const telegramChannel: ChannelFactory = (setup) => {
  const { env, host, logger } = setup;
  if (env.TELEGRAM_BOT_TOKEN === undefined) return Promise.resolve(undefined);
  const api = new Api(env.TELEGRAM_BOT_TOKEN, { apiRoot: env.TELEGRAM_API_ROOT });
  const onUpdate = async (update: TelegramUpdate): Promise<void> => {
    const decoded = decodeTelegram(update);
    if (decoded.callbackQueryId !== undefined)
      api.answerCallbackQuery(decoded.callbackQueryId).catch((error: unknown) => {
        logger.warn({ err: error, channel: 'telegram' }, 'telegram button not acknowledged');
      });
    if (decoded.inbound) await host.receive(decoded.inbound);
  };

  const secret = env.TELEGRAM_WEBHOOK_SECRET;
  if (secret !== undefined) {
    host.register(new TelegramChannel(api));
    setup.router.use(telegramWebhook({ secret, onUpdate, logger }));
    return Promise.resolve({ id: 'telegram', endpoint: `POST ${TELEGRAM_WEBHOOK_PATH}` });
  }
  // The first poll waits a moment, so registering right after starting is in time.
  const polling = startTelegramPolling({ api, onUpdate, logger });
  host.register(new TelegramChannel(api));
  return Promise.resolve({
    id: 'telegram',
    endpoint: 'long polling',
    ready: () => polling.ready(),
    close: () => polling.stop(),
  });
};
