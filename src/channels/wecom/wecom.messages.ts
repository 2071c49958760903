import { z } from 'zod';
import type { ChannelAddress, InboundMessage } from '../core/channel.js';

export const WECOM_CHANNEL = 'wecom';

/** The decrypted callback: "there are messages or events for this service account, sync them". */
export const WecomCallback = z.object({
  ToUserName: z.string().min(1),
  CreateTime: z.string(),
  MsgType: z.literal('event'),
  Event: z.literal('kf_msg_or_event'),
  Token: z.string().min(1),
  OpenKfId: z.string().min(1),
});

const Media = z.object({ media_id: z.string() });

/** One entry of `kf/sync_msg`'s `msg_list` (微信客服 › 读取消息). */
export const WecomMessage = z.object({
  msgid: z.string().min(1),
  open_kfid: z.string().min(1),
  external_userid: z.string().optional(),
  send_time: z.number().int(),
  /** 3: the customer; 4: a system event; 5: a human servicer in the WeCom app. */
  origin: z.number().int(),
  msgtype: z.string().min(1),
  text: z.object({ content: z.string(), menu_id: z.string().optional() }).optional(),
  image: Media.optional(),
  file: Media.optional(),
  location: z.object({ name: z.string().optional(), address: z.string().optional() }).optional(),
  link: z.object({ title: z.string().optional(), url: z.string() }).optional(),
  event: z
    .object({
      event_type: z.string(),
      open_kfid: z.string().optional(),
      external_userid: z.string().optional(),
      welcome_code: z.string().optional(),
    })
    .optional(),
});
export type WecomMessage = z.infer<typeof WecomMessage>;

export const SyncAnswer = z.object({
  next_cursor: z.string().default(''),
  has_more: z.number().int().default(0),
  msg_list: z.array(z.unknown()).default([]),
});

/** What the channel keeps in an address to reach the customer again. */
export const WecomAddressData = z.object({
  openKfId: z.string().min(1),
  externalUserId: z.string().min(1),
  /** From `enter_session`: the one way to message a customer who has not written yet (20 s). */
  welcomeCode: z.string().optional(),
  welcomeUntil: z.number().optional(),
});
export type WecomAddressData = z.infer<typeof WecomAddressData>;

/** How long a welcome_code can be used (WeCom: 20 seconds after the event). */
const WELCOME_MS = 20_000;

export function wecomAddress(data: WecomAddressData): ChannelAddress {
  return { channel: WECOM_CHANNEL, user: `${data.openKfId}:${data.externalUserId}`, data };
}

/**
 * What a synced entry means for the bot, or undefined for what needs no answer (a servicer's own
 * messages, session state changes, send failures — the last are logged by the caller).
 */
export function decodeWecom(message: WecomMessage, now = Date.now()): InboundMessage | undefined {
  const at = new Date(message.send_time * 1000);
  if (message.origin === 4 && message.event?.event_type === 'enter_session') {
    const externalUserId = message.event.external_userid ?? message.external_userid;
    if (externalUserId === undefined) return undefined;
    const welcome = message.event.welcome_code;
    const address = wecomAddress({
      openKfId: message.event.open_kfid ?? message.open_kfid,
      externalUserId,
      ...(welcome ? { welcomeCode: welcome, welcomeUntil: now + WELCOME_MS } : {}),
    });
    return { kind: 'start', address, platformMessageId: message.msgid, at };
  }
  if (message.origin !== 3 || message.external_userid === undefined) return undefined;
  const address = wecomAddress({
    openKfId: message.open_kfid,
    externalUserId: message.external_userid,
  });
  const base = { address, platformMessageId: message.msgid, at };
  if (message.msgtype === 'image' && message.image)
    return {
      ...base,
      kind: 'media',
      what: 'image',
      text: `[图片] media:${message.image.media_id}`,
    };
  if (message.msgtype === 'file' && message.file)
    return { ...base, kind: 'media', what: 'file', text: `[文件] media:${message.file.media_id}` };
  const text = textOf(message);
  return text === undefined
    ? { ...base, kind: 'unsupported', what: message.msgtype }
    : { ...base, kind: 'text', text };
}

function textOf(message: WecomMessage): string | undefined {
  switch (message.msgtype) {
    case 'text':
      return message.text?.content;
    case 'location':
      return (
        message.location &&
        `[位置] ${[message.location.name, message.location.address].filter(Boolean).join(' ')}`
      );
    case 'link':
      return message.link && `[链接] ${message.link.title ?? ''} ${message.link.url}`;
    default:
      return undefined;
  }
}
