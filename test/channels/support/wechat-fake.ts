import { createHash } from 'node:crypto';
import nock from 'nock';
import WXBizMsgCrypt from 'wechat-crypto';
import { z } from 'zod';

/** Tencent's published safe-mode sample values (消息加解密说明). */
export const WECHAT_SAMPLE = {
  token: 'pamtest',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wxb11529c136998cb6',
  secret: 'sample-app-secret',
  base: 'https://wechat-api.test',
};

export const SentMessage = z.object({
  touser: z.string(),
  msgtype: z.enum(['text', 'msgmenu']),
  text: z.object({ content: z.string() }).optional(),
  msgmenu: z
    .object({
      head_content: z.string(),
      list: z.array(z.object({ id: z.string(), content: z.string() })),
      tail_content: z.string(),
    })
    .optional(),
});
export type SentMessage = z.infer<typeof SentMessage>;

/** The text a customer sees of a sent message (a menu's head plus its items). */
export const shownText = (m: SentMessage): string =>
  m.text?.content ??
  [m.msgmenu?.head_content, ...(m.msgmenu?.list ?? []).map((i) => i.content)].join('\n');

/**
 * The WeChat API as nock interceptors: `cgi-bin/token` and `message/custom/send`, recording what
 * was sent; `failNext` makes the next sends fail (an outage), `answerNext` returns an errcode.
 */
export class FakeWechatApi {
  readonly sent: SentMessage[] = [];
  tokenFetches = 0;
  typing = 0;
  private failures = 0;
  private errcodes: number[] = [];
  private tokenSerial = 0;

  constructor(private readonly base = WECHAT_SAMPLE.base) {
    nock(base)
      .persist()
      .get('/cgi-bin/token')
      .query(true)
      .reply(() => {
        this.tokenFetches += 1;
        this.tokenSerial += 1;
        return [200, { access_token: this.currentToken(), expires_in: 7200 }];
      });
    nock(base)
      .persist()
      .post('/cgi-bin/message/custom/typing')
      .query(true)
      .reply(() => {
        this.typing += 1;
        return [200, { errcode: 0, errmsg: 'ok' }];
      });
    nock(base)
      .persist()
      .post('/cgi-bin/message/custom/send')
      .query(true)
      .reply((uri, body) => {
        const token = new URL(uri, base).searchParams.get('access_token');
        if (token !== this.currentToken())
          return [200, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid' }];
        if (this.failures > 0) {
          this.failures -= 1;
          return [503, 'service unavailable'];
        }
        const errcode = this.errcodes.shift();
        if (errcode !== undefined) return [200, { errcode, errmsg: `fake error ${errcode}` }];
        this.sent.push(SentMessage.parse(body));
        return [200, { errcode: 0, errmsg: 'ok' }];
      });
  }

  currentToken(): string {
    return `ACCESS_TOKEN_${this.tokenSerial}`;
  }

  /** The platform replaces the token (e.g. another tool fetched one): the cached one is now invalid. */
  rotateToken(): void {
    this.tokenSerial += 1;
  }

  failNext(count: number): void {
    this.failures = count;
  }

  answerNext(...errcodes: number[]): void {
    this.errcodes.push(...errcodes);
  }

  to(openId: string): SentMessage[] {
    return this.sent.filter((m) => m.touser === openId);
  }
}

export interface WechatClientOptions {
  url: string;
  token: string;
  appId: string;
  /** Set: the callback is encrypted (safe mode) with wechat-crypto, Tencent's sample algorithm. */
  aesKey?: string;
}

let serial = 1_000_000_000_000_000;

/** Builds, signs (and encrypts) callbacks as WeChat's servers do, and posts them to the app. */
export class WechatClient {
  constructor(private readonly options: WechatClientOptions) {}

  static nextMsgId(): string {
    serial += 1;
    return String(serial);
  }

  text(openId: string, content: string, msgId = WechatClient.nextMsgId()): Promise<Response> {
    return this.post(openId, { MsgType: 'text', Content: content, MsgId: msgId });
  }

  /** Posts a message with these fields (ToUserName, FromUserName and CreateTime are added). */
  post(
    openId: string,
    fields: Record<string, string>,
    tamper: { signature?: string; msgSignature?: string; appId?: string } = {},
  ): Promise<Response> {
    const xml = toXml({
      ToUserName: 'gh_7f083739789a',
      FromUserName: openId,
      CreateTime: String(Math.floor(Date.now() / 1000)),
      ...fields,
    });
    return this.postRaw(xml, tamper);
  }

  postRaw(
    plainXml: string,
    tamper: { signature?: string; msgSignature?: string; appId?: string } = {},
  ): Promise<Response> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = `n${Math.random().toString(36).slice(2)}`;
    const query = new URLSearchParams({
      signature: tamper.signature ?? sha1Sorted([this.options.token, timestamp, nonce]),
      timestamp,
      nonce,
      openid: 'o-query',
    });
    let body = plainXml;
    if (this.options.aesKey) {
      const crypto = new WXBizMsgCrypt(
        this.options.token,
        this.options.aesKey,
        tamper.appId ?? this.options.appId,
      );
      const encrypted = crypto.encrypt(plainXml);
      query.set('encrypt_type', 'aes');
      query.set(
        'msg_signature',
        tamper.msgSignature ?? crypto.getSignature(timestamp, nonce, encrypted),
      );
      body = toXml({ ToUserName: 'gh_7f083739789a', Encrypt: encrypted });
    }
    return fetch(`${this.options.url}/channels/wechat?${query.toString()}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body,
    });
  }

  verifyUrl(echostr: string, signature?: string): Promise<Response> {
    const timestamp = '1409304348';
    const nonce = 'xxxxxx';
    const query = new URLSearchParams({
      signature: signature ?? sha1Sorted([this.options.token, timestamp, nonce]),
      timestamp,
      nonce,
      echostr,
    });
    return fetch(`${this.options.url}/channels/wechat?${query.toString()}`);
  }
}

/** Tencent's signature, written out here independently of the app's code. */
export function sha1Sorted(parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

export function toXml(fields: Record<string, string>): string {
  const body = Object.entries(fields)
    .map(([key, value]) =>
      /^\d+$/.test(value) ? `<${key}>${value}</${key}>` : `<${key}><![CDATA[${value}]]></${key}>`,
    )
    .join('\n');
  return `<xml>\n${body}\n</xml>`;
}
