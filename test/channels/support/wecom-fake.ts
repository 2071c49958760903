import nock from 'nock';
import WXBizMsgCrypt from 'wechat-crypto';
import { z } from 'zod';
import { toXml } from './wechat-fake.js';

/** WeCom's published callback sample values (企业微信 › 加解密方案说明). */
export const WECOM_SAMPLE = {
  corpId: 'wx5823bf96d3bd56c7',
  token: 'QDG6eK',
  aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  secret: 'sample-kf-secret',
  openKfId: 'wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw',
  base: 'https://wecom-api.test',
};

const Content = z.union([
  z.object({ msgtype: z.literal('text'), text: z.object({ content: z.string() }) }),
  z.object({
    msgtype: z.literal('msgmenu'),
    msgmenu: z.object({
      head_content: z.string(),
      list: z.array(
        z.object({
          type: z.literal('click'),
          click: z.object({ id: z.string(), content: z.string() }),
        }),
      ),
      tail_content: z.string(),
    }),
  }),
]);
const SendMsg = z.intersection(z.object({ touser: z.string(), open_kfid: z.string() }), Content);
const SendOnEvent = z.intersection(z.object({ code: z.string() }), Content);
const SyncRequest = z.object({
  cursor: z.string().optional(),
  token: z.string(),
  limit: z.number(),
  open_kfid: z.string(),
});
const StateRequest = z.object({
  open_kfid: z.string(),
  external_userid: z.string(),
  service_state: z.number().optional(),
});

export interface KfSent {
  to: string;
  via: 'send_msg' | 'send_msg_on_event';
  text: string;
  menu?: string[];
}

/**
 * The 微信客服 API as nock interceptors: messages customers "sent" wait in a log that `kf/sync_msg`
 * pages through by cursor (two per page, so paging is exercised); sends and state changes are recorded.
 */
export class FakeWecomApi {
  readonly log: Array<Record<string, unknown>> = [];
  readonly sent: KfSent[] = [];
  readonly cursorsAsked: Array<string | undefined> = [];
  readonly states = new Map<string, number>();
  readonly transitions: Array<{ user: string; state: number }> = [];
  tokenFetches = 0;
  private serial = 0;

  constructor(private readonly base = WECOM_SAMPLE.base) {
    nock(base)
      .persist()
      .get('/cgi-bin/gettoken')
      .query(true)
      .reply(() => {
        this.tokenFetches += 1;
        return [200, { errcode: 0, errmsg: 'ok', access_token: 'KF_TOKEN', expires_in: 7200 }];
      });
    nock(base)
      .persist()
      .post('/cgi-bin/kf/sync_msg')
      .query(true)
      .reply((_uri, body) => {
        const request = SyncRequest.parse(body);
        this.cursorsAsked.push(request.cursor);
        const from = request.cursor ? Number(request.cursor.slice(1)) : 0;
        const page = this.log.slice(from, from + 2);
        const next = from + page.length;
        return [
          200,
          {
            errcode: 0,
            errmsg: 'ok',
            next_cursor: `c${next}`,
            has_more: next < this.log.length ? 1 : 0,
            msg_list: page,
          },
        ];
      });
    nock(base)
      .persist()
      .post('/cgi-bin/kf/send_msg')
      .query(true)
      .reply((_uri, body) => {
        const message = SendMsg.parse(body);
        this.sent.push({ to: message.touser, via: 'send_msg', ...shown(message) });
        return [200, { errcode: 0, errmsg: 'ok', msgid: `sent-${++this.serial}` }];
      });
    nock(base)
      .persist()
      .post('/cgi-bin/kf/send_msg_on_event')
      .query(true)
      .reply((_uri, body) => {
        const message = SendOnEvent.parse(body);
        this.sent.push({ to: `code:${message.code}`, via: 'send_msg_on_event', ...shown(message) });
        return [200, { errcode: 0, errmsg: 'ok', msgid: `sent-${++this.serial}` }];
      });
    nock(base)
      .persist()
      .post('/cgi-bin/kf/service_state/get')
      .query(true)
      .reply((_uri, body) => {
        const { external_userid } = StateRequest.parse(body);
        return [
          200,
          {
            errcode: 0,
            errmsg: 'ok',
            service_state: this.states.get(external_userid) ?? 0,
            servicer_userid: '',
          },
        ];
      });
    nock(base)
      .persist()
      .post('/cgi-bin/kf/service_state/trans')
      .query(true)
      .reply((_uri, body) => {
        const request = StateRequest.parse(body);
        this.states.set(request.external_userid, request.service_state ?? -1);
        this.transitions.push({
          user: request.external_userid,
          state: request.service_state ?? -1,
        });
        return [200, { errcode: 0, errmsg: 'ok', msg_code: '' }];
      });
  }

  /** A customer message waiting to be synced (msgtype text unless other fields say otherwise). */
  customerSays(externalUserId: string, text: string, extra: Record<string, unknown> = {}): string {
    const msgid = `from-${externalUserId}-${++this.serial}`;
    this.log.push({
      msgid,
      open_kfid: WECOM_SAMPLE.openKfId,
      external_userid: externalUserId,
      send_time: Math.floor(Date.now() / 1000),
      origin: 3,
      msgtype: 'text',
      text: { content: text },
      ...extra,
    });
    return msgid;
  }

  /** The customer opened the chat (enter_session), with a welcome code. */
  entersSession(externalUserId: string, welcomeCode: string): void {
    this.log.push({
      msgid: `event-${++this.serial}`,
      open_kfid: WECOM_SAMPLE.openKfId,
      send_time: Math.floor(Date.now() / 1000),
      origin: 4,
      msgtype: 'event',
      event: {
        event_type: 'enter_session',
        open_kfid: WECOM_SAMPLE.openKfId,
        external_userid: externalUserId,
        scene: '123',
        welcome_code: welcomeCode,
      },
    });
  }

  to(externalUserId: string): KfSent[] {
    return this.sent.filter((m) => m.to === externalUserId);
  }
}

function shown(message: z.infer<typeof Content>): { text: string; menu?: string[] } {
  return message.msgtype === 'text'
    ? { text: message.text.content }
    : {
        text: message.msgmenu.head_content,
        menu: message.msgmenu.list.map((i) => i.click.content),
      };
}

/** Posts WeCom's encrypted "messages waiting" callback, built with wechat-crypto. */
export class WecomClient {
  private readonly crypto: WXBizMsgCrypt;

  constructor(
    private readonly url: string,
    corpId = WECOM_SAMPLE.corpId,
  ) {
    this.crypto = new WXBizMsgCrypt(WECOM_SAMPLE.token, WECOM_SAMPLE.aesKey, corpId);
  }

  notify(
    openKfId = WECOM_SAMPLE.openKfId,
    tamper: { msgSignature?: string } = {},
  ): Promise<Response> {
    const inner = toXml({
      ToUserName: WECOM_SAMPLE.corpId,
      CreateTime: String(Math.floor(Date.now() / 1000)),
      MsgType: 'event',
      Event: 'kf_msg_or_event',
      Token: 'ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR',
      OpenKfId: openKfId,
    });
    return this.postEncrypted(inner, tamper);
  }

  postEncrypted(plainXml: string, tamper: { msgSignature?: string } = {}): Promise<Response> {
    const encrypted = this.crypto.encrypt(plainXml);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = `n${Math.random().toString(36).slice(2)}`;
    const query = new URLSearchParams({
      msg_signature: tamper.msgSignature ?? this.crypto.getSignature(timestamp, nonce, encrypted),
      timestamp,
      nonce,
    });
    return fetch(`${this.url}/channels/wecom?${query.toString()}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: toXml({ ToUserName: WECOM_SAMPLE.corpId, AgentID: '218', Encrypt: encrypted }),
    });
  }

  verifyUrl(plain: string): Promise<Response> {
    const echostr = this.crypto.encrypt(plain);
    const timestamp = '1409659589';
    const nonce = '263014780';
    const query = new URLSearchParams({
      msg_signature: this.crypto.getSignature(timestamp, nonce, echostr),
      timestamp,
      nonce,
      echostr,
    });
    return fetch(`${this.url}/channels/wecom?${query.toString()}`);
  }
}
