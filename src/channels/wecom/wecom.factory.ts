import type { ChannelFactory } from '../core/channel-setup.js';
import { completeVariables } from '../tencent/channel-config.js';
import { TencentApi } from '../tencent/tencent-api.js';
import { WecomChannel } from './wecom.channel.js';
import { WECOM_CHANNEL } from './wecom.messages.js';
import { WECOM_PATH, wecomRoutes } from './wecom.routes.js';
import { WecomSync } from './wecom.sync.js';

/** WeCom customer service (微信客服), enabled by WECOM_CORP_ID, WECOM_SECRET, WECOM_TOKEN, WECOM_ENCODING_AES_KEY. */
export const wecomChannel: ChannelFactory = ({ env, host, router, tokens, storage, logger }) => {
  const vars = completeVariables(env, 'WeCom', [
    'WECOM_CORP_ID',
    'WECOM_SECRET',
    'WECOM_TOKEN',
    'WECOM_ENCODING_AES_KEY',
  ]);
  if (!vars) return Promise.resolve(undefined);
  const api = new TencentApi({
    base: env.WECOM_API_BASE,
    tokenKey: `wecom:${vars.WECOM_CORP_ID}`,
    tokens,
    tokenUrl: () => {
      const url = new URL('/cgi-bin/gettoken', env.WECOM_API_BASE);
      url.searchParams.set('corpid', vars.WECOM_CORP_ID);
      url.searchParams.set('corpsecret', vars.WECOM_SECRET);
      return url;
    },
  });
  const channel = new WecomChannel(api);
  host.register(channel);
  const sync = new WecomSync({ api, channel, host, storage, logger });
  router.use(
    wecomRoutes({
      secrets: {
        token: vars.WECOM_TOKEN,
        aesKey: vars.WECOM_ENCODING_AES_KEY,
        receiverId: vars.WECOM_CORP_ID,
      },
      sync,
      logger,
    }),
  );
  return Promise.resolve({
    id: WECOM_CHANNEL,
    endpoint: `GET/POST ${WECOM_PATH}`,
    close: () => sync.idle(),
  });
};
