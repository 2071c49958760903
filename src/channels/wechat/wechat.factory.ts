import type { ChannelFactory } from '../core/channel-setup.js';
import { completeVariables } from '../tencent/channel-config.js';
import { TencentApi } from '../tencent/tencent-api.js';
import { WECHAT_WINDOW_CODES, WechatChannel } from './wechat.channel.js';
import { WECHAT_CHANNEL } from './wechat.inbound.js';
import { WECHAT_PATH, wechatRoutes } from './wechat.routes.js';

/** The WeChat Official Account channel, enabled by WECHAT_APP_ID, WECHAT_APP_SECRET and WECHAT_TOKEN. */
export const wechatChannel: ChannelFactory = ({ env, host, router, tokens, logger }) => {
  const vars = completeVariables(
    env,
    'WeChat',
    ['WECHAT_APP_ID', 'WECHAT_APP_SECRET', 'WECHAT_TOKEN'],
    ['WECHAT_ENCODING_AES_KEY'],
  );
  if (!vars) return Promise.resolve(undefined);
  const api = new TencentApi({
    base: env.WECHAT_API_BASE,
    tokenKey: `wechat:${vars.WECHAT_APP_ID}`,
    tokens,
    windowCodes: WECHAT_WINDOW_CODES,
    tokenUrl: () => {
      const url = new URL('/cgi-bin/token', env.WECHAT_API_BASE);
      url.searchParams.set('grant_type', 'client_credential');
      url.searchParams.set('appid', vars.WECHAT_APP_ID);
      url.searchParams.set('secret', vars.WECHAT_APP_SECRET);
      return url;
    },
  });
  host.register(new WechatChannel(api));
  const aesKey = env.WECHAT_ENCODING_AES_KEY;
  router.use(
    wechatRoutes({
      secrets: {
        token: vars.WECHAT_TOKEN,
        receiverId: vars.WECHAT_APP_ID,
        ...(aesKey ? { aesKey } : {}),
      },
      host,
      logger,
    }),
  );
  return Promise.resolve({
    id: WECHAT_CHANNEL,
    endpoint: `GET/POST ${WECHAT_PATH} (${aesKey ? 'safe mode' : 'plain mode'})`,
  });
};
