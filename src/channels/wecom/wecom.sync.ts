import type { Storage } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { ChannelHost } from '../core/channel-host.js';
import type { TencentApi } from '../tencent/tencent-api.js';
import type { WecomChannel } from './wecom.channel.js';
import {
  decodeWecom,
  SyncAnswer,
  WECOM_CHANNEL,
  WecomAddressData,
  WecomMessage,
} from './wecom.messages.js';

const Cursor = z.object({ cursor: z.string() });
const PAGE = 1000;

/**
 * Pulls a service account's messages with `kf/sync_msg` from the stored cursor, page by page: each
 * page is handed to the host (which drops a msgid seen before) and only then is the next cursor
 * saved, so a restart resumes where it stopped and no message runs twice. A callback that arrives
 * while a pull is running makes it pull once more instead of starting a second one.
 */
export class WecomSync {
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Map<string, string>();

  constructor(
    private readonly deps: {
      api: TencentApi;
      channel: WecomChannel;
      host: ChannelHost;
      storage: Storage;
      logger: Logger;
    },
  ) {}

  /** Pulls everything new for `openKfId`; `token` is the callback's, which lifts the rate limit. */
  pull(openKfId: string, token: string): Promise<void> {
    const current = this.running.get(openKfId);
    if (current) {
      this.again.set(openKfId, token);
      return current;
    }
    const run = this.drain(openKfId, token).finally(() => {
      this.running.delete(openKfId);
      const next = this.again.get(openKfId);
      this.again.delete(openKfId);
      if (next !== undefined) void this.pull(openKfId, next).catch(() => undefined);
    });
    this.running.set(openKfId, run);
    return run;
  }

  /** Resolves once no pull is running (shutdown waits for the one in flight). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  private async drain(openKfId: string, token: string): Promise<void> {
    let cursor = await this.cursor(openKfId);
    for (;;) {
      const page = SyncAnswer.parse(
        await this.deps.api.post('/cgi-bin/kf/sync_msg', {
          ...(cursor ? { cursor } : {}),
          token,
          limit: PAGE,
          open_kfid: openKfId,
        }),
      );
      for (const raw of page.msg_list) await this.handle(raw);
      if (page.next_cursor !== '') {
        cursor = page.next_cursor;
        await this.deps.storage.write({ [cursorKey(openKfId)]: { cursor } });
      }
      if (page.has_more !== 1) return;
    }
  }

  private async handle(raw: unknown): Promise<void> {
    const message = WecomMessage.safeParse(raw);
    if (!message.success) {
      this.deps.logger.warn(
        { channel: WECOM_CHANNEL, problem: message.error.issues[0]?.message },
        'unreadable kf message skipped',
      );
      return;
    }
    if (message.data.event?.event_type === 'msg_send_fail')
      this.deps.logger.warn({ channel: WECOM_CHANNEL }, 'kf reports a message not delivered');
    const inbound = decodeWecom(message.data);
    if (!inbound) return;
    if (inbound.kind !== 'start') {
      const data = WecomAddressData.parse(inbound.address.data);
      await this.deps.channel.serve(data).catch((error: unknown) => {
        this.deps.logger.warn(
          { err: error, channel: WECOM_CHANNEL },
          'kf service_state not changed',
        );
      });
    }
    await this.deps.host.receive(inbound);
  }

  private async cursor(openKfId: string): Promise<string | undefined> {
    const key = cursorKey(openKfId);
    const stored = Cursor.safeParse((await this.deps.storage.read([key]))[key]);
    return stored.success ? stored.data.cursor : undefined;
  }
}

const cursorKey = (openKfId: string): string => `channels/wecom/cursor/${openKfId}`;
