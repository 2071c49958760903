import type { ChannelFactory } from '../core/channel-setup.js';
import { BotFrameworkChannel } from './botframework.channel.js';
import { BotFrameworkClient } from './botframework.client.js';
import { botFrameworkSettings } from './botframework.config.js';
import { BOT_FRAMEWORK_PATH, botFrameworkRoute } from './botframework.route.js';

/** On with `MICROSOFT_APP_ID`, or `BOT_FRAMEWORK_ENABLED=true` for local development (README). */
export const botFrameworkChannel: ChannelFactory = (setup) => {
  const settings = botFrameworkSettings(setup.env);
  if (!settings) return Promise.resolve(undefined);
  if (!settings.authenticated)
    setup.logger.warn(
      { channel: 'botframework' },
      'Bot Framework endpoint WITHOUT authentication (BOT_FRAMEWORK_ENABLED, no MICROSOFT_APP_ID): local development only',
    );
  const client = new BotFrameworkClient(settings);
  setup.host.register(new BotFrameworkChannel(client));
  setup.router.use(botFrameworkRoute({ client, host: setup.host, logger: setup.logger }));
  return Promise.resolve({
    id: 'botframework',
    endpoint: `POST ${BOT_FRAMEWORK_PATH}${settings.authenticated ? '' : ' (no authentication)'}`,
  });
};
