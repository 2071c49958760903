import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { getRouter } from 'offline-directline';
import { z } from 'zod';
import type { CustomerDriver, SeenLine } from './scenario.js';

/** An activity as Direct Line hands it to a client. */
export const DirectLineActivity = z.looseObject({
  type: z.string(),
  id: z.string().optional(),
  text: z.string().optional(),
  from: z.looseObject({ id: z.string() }),
  suggestedActions: z
    .object({
      actions: z.array(z.looseObject({ title: z.string().optional(), value: z.unknown() })),
    })
    .optional(),
  channelData: z.unknown().optional(),
});
export type DirectLineActivity = z.infer<typeof DirectLineActivity>;

const ActivitySet = z.object({ activities: z.array(DirectLineActivity), watermark: z.number() });

/**
 * `offline-directline` (a local Direct Line and Bot Connector emulator) on a free port, pointed at
 * the app's `/api/messages`: the bot's replies and proactive messages come back to it by `serviceUrl`.
 */
export async function startDirectLine(
  botUrl: string,
): Promise<{ url: string; app: express.Express; close(): Promise<void> }> {
  const app = express();
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  app.use(getRouter(url, botUrl));
  return {
    url,
    app,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A Direct Line client over plain HTTP polling, as Web Chat talks to the emulator. */
export class DirectLineClient {
  private watermark = 0;
  readonly seen: DirectLineActivity[] = [];

  private constructor(
    private readonly url: string,
    readonly conversationId: string,
    private readonly userId: string,
  ) {}

  static async open(url: string, userId = 'dl_customer'): Promise<DirectLineClient> {
    const response = await fetch(`${url}/directline/conversations`, { method: 'POST' });
    const { conversationId } = z
      .object({ conversationId: z.string() })
      .parse(await response.json());
    return new DirectLineClient(url, conversationId, userId);
  }

  say(text: string, locale = 'zh-CN'): Promise<number> {
    return this.post({ type: 'message', text, locale });
  }

  async post(activity: Record<string, unknown>): Promise<number> {
    const response = await fetch(
      `${this.url}/directline/conversations/${this.conversationId}/activities`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...activity, from: { id: this.userId, name: 'customer' } }),
      },
    );
    return response.status;
  }

  /** Waits for the first new bot activity that matches, polling as Web Chat does. */
  async next(
    match: (activity: DirectLineActivity) => boolean,
    what: string,
    timeoutMs = 15_000,
  ): Promise<DirectLineActivity> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.seen.find(
        (activity) => activity.from.id !== this.userId && match(activity),
      );
      if (found) {
        this.seen.splice(this.seen.indexOf(found), 1);
        return found;
      }
      if (Date.now() > deadline)
        throw new Error(
          `Direct Line: waited for ${what}; saw ${JSON.stringify(this.seen.map((a) => a.text))}`,
        );
      await this.poll();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private async poll(): Promise<void> {
    const response = await fetch(
      `${this.url}/directline/conversations/${this.conversationId}/activities?watermark=${this.watermark}`,
    );
    const set = ActivitySet.parse(await response.json());
    this.watermark = set.watermark;
    this.seen.push(...set.activities.filter((activity) => activity.from.id !== this.userId));
  }
}

/** What a Web Chat user sees of an activity: its text, suggested actions and Qingting's meta. */
export function seenLine(activity: DirectLineActivity): SeenLine {
  const meta = z
    .object({ qingting: z.object({ act: z.string().optional(), ticketId: z.string().optional() }) })
    .safeParse(activity.channelData);
  const suggestions = activity.suggestedActions?.actions.map((action) => String(action.value));
  return {
    text: activity.text ?? '',
    ...(meta.success && meta.data.qingting.act
      ? { act: meta.data.qingting.act as SeenLine['act'] }
      : {}),
    ...(meta.success && meta.data.qingting.ticketId
      ? { ticketId: meta.data.qingting.ticketId }
      : {}),
    ...(suggestions ? { suggestions } : {}),
  };
}

/** The shared scenarios' customer on Direct Line. */
export function directLineDriver(client: DirectLineClient): CustomerDriver {
  return {
    async say(text) {
      const status = await client.say(text);
      if (status !== 200) throw new Error(`Direct Line send answered ${status}`);
    },
    async next(match, what) {
      const activity = await client.next(
        (candidate) => candidate.type === 'message' && match(seenLine(candidate)),
        what,
      );
      return seenLine(activity);
    },
  };
}
