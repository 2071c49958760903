import { z } from 'zod';
import type { InboundMessage } from '../core/channel.js';

export const WECHAT_CHANNEL = 'wechat';

const Common = {
  ToUserName: z.string().min(1),
  FromUserName: z.string().min(1),
  CreateTime: z.string().regex(/^\d+$/),
};
const WithId = { ...Common, MsgId: z.string().regex(/^\d+$/) };

/** The callback messages of the Official Account documentation (接收普通消息 / 接收事件推送). */
export const WechatCallback = z.discriminatedUnion('MsgType', [
  z.object({ ...WithId, MsgType: z.literal('text'), Content: z.string() }),
  z.object({ ...WithId, MsgType: z.literal('image'), PicUrl: z.string(), MediaId: z.string() }),
  z.object({
    ...WithId,
    MsgType: z.literal('voice'),
    MediaId: z.string(),
    Recognition: z.string().optional(),
  }),
  z.object({ ...WithId, MsgType: z.enum(['video', 'shortvideo']), MediaId: z.string() }),
  z.object({ ...WithId, MsgType: z.literal('location'), Label: z.string().optional() }),
  z.object({
    ...WithId,
    MsgType: z.literal('link'),
    Title: z.string().optional(),
    Url: z.string(),
  }),
  z.object({ ...WithId, MsgType: z.literal('file'), Title: z.string().optional() }),
  z.object({ ...Common, MsgType: z.literal('event'), Event: z.string().min(1) }),
]);
export type WechatCallback = z.infer<typeof WechatCallback>;

/**
 * What a WeChat callback means for the bot, or undefined for events that need no answer
 * (unsubscribe, menu views, location reports). Voice comes as its `Recognition` text (turn on 语音识别
 * in the console); images and links become a line with their URL, so the transcript keeps them.
 */
export function decodeWechat(callback: WechatCallback): InboundMessage | undefined {
  const address = { channel: WECHAT_CHANNEL, user: callback.FromUserName };
  const at = new Date(Number(callback.CreateTime) * 1000);
  if (callback.MsgType === 'event') {
    if (callback.Event !== 'subscribe') return undefined;
    // Events have no MsgId: the documented de-duplication key is FromUserName + CreateTime.
    const platformMessageId = `event:${callback.FromUserName}:${callback.CreateTime}`;
    return { kind: 'start', address, platformMessageId, at };
  }
  const base = { address, platformMessageId: callback.MsgId, at };
  switch (callback.MsgType) {
    case 'text':
      return { ...base, kind: 'text', text: callback.Content };
    case 'voice':
      return callback.Recognition?.trim()
        ? { ...base, kind: 'text', text: callback.Recognition }
        : { ...base, kind: 'unsupported', what: 'voice' };
    case 'image':
      return { ...base, kind: 'media', what: 'image', text: `[图片] ${callback.PicUrl}` };
    case 'link':
      return { ...base, kind: 'text', text: `[链接] ${callback.Title ?? ''} ${callback.Url}` };
    case 'location':
      return callback.Label
        ? { ...base, kind: 'text', text: `[位置] ${callback.Label}` }
        : { ...base, kind: 'unsupported', what: 'location' };
    case 'file':
      return {
        ...base,
        kind: 'media',
        what: 'file',
        text: `[文件] ${callback.Title ?? ''}`.trim(),
      };
    case 'video':
    case 'shortvideo':
      return { ...base, kind: 'unsupported', what: 'video' };
  }
}

/** A message type this code does not know yet (WeChat adds some): read enough to ask for text. */
const UnknownMessage = z.object({ ...WithId, MsgType: z.string().min(1) });

/** Decodes any callback fields: a known message or event, an unknown message type, or an error. */
export function decodeWechatFields(
  fields: Record<string, unknown>,
): { ok: true; inbound: InboundMessage | undefined } | { ok: false; reason: string } {
  const known = WechatCallback.safeParse(fields);
  if (known.success) return { ok: true, inbound: decodeWechat(known.data) };
  const unknown = UnknownMessage.safeParse(fields);
  if (!unknown.success || ['text', 'image', 'voice', 'event'].includes(unknown.data.MsgType))
    return { ok: false, reason: known.error.issues[0]?.message ?? 'not a WeChat message' };
  return {
    ok: true,
    inbound: {
      kind: 'unsupported',
      what: 'event',
      address: { channel: WECHAT_CHANNEL, user: unknown.data.FromUserName },
      platformMessageId: unknown.data.MsgId,
      at: new Date(Number(unknown.data.CreateTime) * 1000),
    },
  };
}
