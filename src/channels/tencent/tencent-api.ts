import { z } from 'zod';
import type { AccessTokenCache } from '../core/access-tokens.js';
import { PlatformRejection } from '../core/channel.js';

/** Every Tencent API answer carries these; 0 (or none) is success. */
const Envelope = z.looseObject({
  errcode: z.number().int().optional(),
  errmsg: z.string().optional(),
});

const TokenAnswer = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive(),
});

/** The token expired or was replaced by another fetch: drop it and fetch a new one, once. */
const TOKEN_CODES = new Set([40001, 40014, 42001]);
/** Busy or rate-limited: the outbound queue retries later. */
const TRANSIENT_CODES = new Set([-1, 45009, 45011]);

export interface TencentApiOptions {
  base: string;
  /** Cache key of this app's token, e.g. `wechat:<AppID>`; shared by every instance. */
  tokenKey: string;
  tokens: AccessTokenCache;
  /** The token endpoint with its credentials (WeChat `cgi-bin/token`, WeCom `cgi-bin/gettoken`). */
  tokenUrl: () => URL;
  /** Codes that mean the reply window closed (WeChat 45015, 45047). */
  windowCodes?: ReadonlySet<number>;
  timeoutMs?: number;
}

/** A non-zero errcode Tencent may accept next time (busy, rate-limited, HTTP 5xx). */
export class TencentBusy extends Error {
  override name = 'TencentBusy';
}

/**
 * JSON calls to api.weixin.qq.com / qyapi.weixin.qq.com with the cached access token: an expired
 * token is refreshed and the call repeated once; "busy", HTTP errors and a refused token fetch (a
 * wrong secret, an IP not on the allow-list: fixable by an operator) are errors the queue retries;
 * any other errcode is a `PlatformRejection`. Neither token nor secret ever appears in an error.
 */
export class TencentApi {
  constructor(private readonly options: TencentApiOptions) {}

  async post(path: string, body: unknown): Promise<z.infer<typeof Envelope>> {
    const token = await this.token();
    const answer = await this.request(path, token, body);
    if (answer.errcode === undefined || !TOKEN_CODES.has(answer.errcode))
      return this.checked(path, answer);
    await this.options.tokens.invalidate(this.options.tokenKey, token);
    return this.checked(path, await this.request(path, await this.token(), body));
  }

  private token(): Promise<string> {
    return this.options.tokens.get(this.options.tokenKey, async () => {
      const answer = await this.fetchJson(this.options.tokenUrl(), { method: 'GET' });
      const token = TokenAnswer.safeParse(answer);
      if (!token.success) {
        const envelope = Envelope.safeParse(answer);
        const code = envelope.success ? (envelope.data.errcode ?? 0) : 0;
        const why = envelope.success ? (envelope.data.errmsg ?? 'no access_token') : 'not JSON';
        throw new TencentBusy(`access token refused (errcode ${code}): ${why}`);
      }
      return { token: token.data.access_token, expiresInSeconds: token.data.expires_in };
    });
  }

  private async request(path: string, token: string, body: unknown) {
    const url = new URL(path, this.options.base);
    url.searchParams.set('access_token', token);
    const answer = Envelope.safeParse(
      await this.fetchJson(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
    if (!answer.success) throw new TencentBusy(`${path}: answer is not a Tencent API envelope`);
    return answer.data;
  }

  private checked(path: string, answer: z.infer<typeof Envelope>): z.infer<typeof Envelope> {
    const code = answer.errcode ?? 0;
    if (code === 0) return answer;
    const why = `${path} errcode ${code}: ${answer.errmsg ?? ''}`.trim();
    if (TRANSIENT_CODES.has(code) || TOKEN_CODES.has(code)) throw new TencentBusy(why);
    throw new PlatformRejection(why, String(code), this.options.windowCodes?.has(code) ?? false);
  }

  private async fetchJson(url: URL, init: RequestInit): Promise<unknown> {
    const response = await fetch(url, {
      ...init,
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    if (!response.ok) throw new TencentBusy(`${url.pathname}: HTTP ${response.status}`);
    return response.json().catch(() => {
      throw new TencentBusy(`${url.pathname}: answer is not JSON`);
    });
  }
}
