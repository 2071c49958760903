import { botFrameworkChannel } from '../botframework/botframework.setup.js';
import { emailChannel } from '../email/email.setup.js';
import { telegramChannel } from '../telegram/telegram.setup.js';
import { wechatChannel } from '../wechat/wechat.factory.js';
import { wecomChannel } from '../wecom/wecom.factory.js';
import type { ChannelFactory, ChannelSetup, EnabledChannel } from './channel-setup.js';

/** Every platform channel Qingting ships; each enables itself from its own variables (DESIGN §8). */
const FACTORIES: readonly ChannelFactory[] = [
  wechatChannel,
  wecomChannel,
  botFrameworkChannel,
  telegramChannel,
  emailChannel,
];

/** Sets up every configured channel, in order; a misconfigured one stops start-up with its error. */
export async function setUpChannels(setup: ChannelSetup): Promise<EnabledChannel[]> {
  const enabled: EnabledChannel[] = [];
  for (const factory of FACTORIES) {
    const channel = await factory(setup);
    if (channel) enabled.push(channel);
  }
  return enabled;
}
