import { randomUUID } from 'node:crypto';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { isBlank } from '../../src/channels/web/visible-text.js';
import { reply } from '../../src/dialogs/outgoing.js';
import type { Message } from '../../src/domain/message.js';
import { redisAvailable, TEST_REDIS_URL } from '../support/redis.js';
import { redisScope } from '../support/redis-scope.js';
import { connectChat, startTestApp, type ChatClient } from '../support/test-app.js';

/** Greets, answers `slow …` after `delayMs`, everything else at once. */
class PacedDialog extends Dialog {
  constructor(private readonly delayMs: number) {
    super('paced');
  }
  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    await dc.context.sendActivity(reply('您好', { act: 'inform' }));
    return dc.context.activity.type === 'message' ? this.continueDialog(dc) : Dialog.EndOfTurn;
  }
  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (dc.context.activity.type !== 'message') return Dialog.EndOfTurn;
    const text = dc.context.activity.text ?? '';
    if (text.startsWith('slow')) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    await dc.context.sendActivity(reply(`收到:${text}`, { act: 'inform' }));
    return Dialog.EndOfTurn;
  }
}

const until = (client: ChatClient, match: (m: Message) => boolean): Promise<Message> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no matching message')), 8000);
    const listener = (message: Message): void => {
      if (!match(message)) return;
      clearTimeout(timer);
      client.off('message', listener);
      resolve(message);
    };
    client.on('message', listener);
  });

describe('web chat runtime limits (embedded)', { timeout: 30_000 }, () => {
  let app: App | undefined;
  const clients: ChatClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.disconnect();
    await app?.close();
    app = undefined;
  });
  const start = async (env: Record<string, string>, delayMs = 0) => {
    const started = await startTestApp(env, { rootDialog: () => new PacedDialog(delayMs) });
    app = started.app;
    return started.url;
  };
  const open = async (url: string, auth: Record<string, unknown> = {}) => {
    const connected = await connectChat(url, auth);
    clients.push(connected.client);
    return connected;
  };

  it('counts text made only of zero-width, control or blank look-alike characters as empty', async () => {
    for (const text of [
      '\u200b\u200c\u200d',
      '\u2060\ufeff',
      '\u0000\u0007\u001b',
      '\u202e\u2066',
      '\u3164\u2800',
      ' \u00a0\u3000\t\n',
      '\ufe0f',
    ])
      expect(isBlank(text)).toBe(true);
    for (const text of ['a', '投诉', '😀', '\u200b1']) expect(isBlank(text)).toBe(false);
    const url = await start({});
    const { client } = await open(url);
    const ack = await client.emitWithAck('message', {
      text: '\u200b\u200d\u0000\ufeff',
      clientMessageId: 'z',
    });
    expect(ack).toEqual({ ok: false, error: 'empty' });
  });

  it('answers a retry of a finished message with its original id even at the rate limit', async () => {
    const url = await start({ CHAT_RATE_LIMIT: '2' });
    const { client } = await open(url);
    const first = await client.emitWithAck('message', { text: '一', clientMessageId: 'm1' });
    await client.emitWithAck('message', { text: '二', clientMessageId: 'm2' });
    expect(await client.emitWithAck('message', { text: '三', clientMessageId: 'm3' })).toEqual({
      ok: false,
      error: 'rate_limited',
    });
    expect(await client.emitWithAck('message', { text: '一', clientMessageId: 'm1' })).toEqual(
      first,
    );
  });

  it('lets a refused (rate-limited) message be processed when retried later', async () => {
    const url = await start({ CHAT_RATE_LIMIT: '1' });
    const { client } = await open(url);
    await client.emitWithAck('message', { text: '一', clientMessageId: 'r1' });
    expect((await client.emitWithAck('message', { text: '二', clientMessageId: 'r2' })).ok).toBe(
      false,
    );
    await new Promise((resolve) => setTimeout(resolve, 10_200));
    const retried = await client.emitWithAck('message', { text: '二', clientMessageId: 'r2' });
    expect(retried.ok).toBe(true);
  }, 30_000);

  it('answers politely when a turn overruns its deadline, keeps the text, and still delivers the reply', async () => {
    const url = await start({ TURN_DEADLINE_MS: '300' }, 1500);
    const { client, session } = await open(url);
    const holding = until(client, (m) => m.from === 'bot' && m.text.includes('正在处理'));
    const started = Date.now();
    const ack = await client.emitWithAck('message', {
      text: 'slow 我的宽带断了',
      clientMessageId: 's1',
    });
    expect(ack.ok).toBe(true);
    expect(Date.now() - started).toBeLessThan(1400);
    await holding;
    await until(client, (m) => m.text === '收到:slow 我的宽带断了');
    // The turn finished after the ack: a retry is a duplicate, answered with the same id.
    expect(
      await client.emitWithAck('message', { text: 'slow 我的宽带断了', clientMessageId: 's1' }),
    ).toEqual(ack);
    const resumed = await open(url, { sessionId: session.sessionId });
    expect(resumed.session.history.map((m) => m.text)).toEqual(
      expect.arrayContaining(['slow 我的宽带断了', '收到:slow 我的宽带断了']),
    );
  });

  it('disconnects a socket that keeps sending past its rate limit', async () => {
    const url = await start({ CHAT_RATE_LIMIT: '1' });
    const { client } = await open(url);
    const gone = new Promise<string>((resolve) => client.once('disconnect', resolve));
    const acks = [];
    for (let i = 0; i < 51; i++)
      acks.push(
        await client.emitWithAck('message', { text: `第${i}条`, clientMessageId: `f${i}` }),
      );
    expect(acks.filter((ack) => !ack.ok)).toHaveLength(50);
    client.emit('message', { text: '还有', clientMessageId: 'f-last' }, () => undefined);
    expect(await gone).toBe('io server disconnect');
  });

  it('limits new sessions per client address', async () => {
    const url = await start({ SESSIONS_PER_ADDRESS: '3' });
    for (let i = 0; i < 3; i++) await open(url);
    await expect(open(url)).rejects.toThrow(/rate_limited/);
  });

  it('stores nothing for a connection that never sends a message', async () => {
    const url = await start({});
    const { session, box } = await open(url);
    await box.next();
    clients.pop()?.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await open(url, { sessionId: session.sessionId });
    expect(again.session.sessionId).not.toBe(session.sessionId);
    expect(again.session.history).toEqual([]);
  });

  it('keeps the greeting of a session that goes on to send a message', async () => {
    const url = await start({});
    const { client, session, box } = await open(url);
    await box.next();
    await client.emitWithAck('message', { text: '你好', clientMessageId: randomUUID() });
    client.disconnect();
    const again = await open(url, { sessionId: session.sessionId });
    expect(again.session.sessionId).toBe(session.sessionId);
    expect(again.session.history.map((m) => m.text)).toEqual(['您好', '你好', '收到:你好']);
  });
});

describe.runIf(await redisAvailable())('web chat hot state in Redis', { timeout: 30_000 }, () => {
  const redis = redisScope('web-chat-ttl');

  it('adds no key for a silent visitor, and gives every key of a conversation a TTL', async () => {
    const prefix = redis.prefix();
    const { app, url } = await startTestApp(
      { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, SESSION_TTL_DAYS: '2' },
      { rootDialog: () => new PacedDialog(0) },
    );
    try {
      const keys = async () => {
        const found: string[] = [];
        for await (const batch of redis.client().scanIterator({ MATCH: `${prefix}*`, COUNT: 500 }))
          found.push(...batch);
        return found;
      };
      const silent = await connectChat(url);
      await silent.box.next();
      silent.client.disconnect();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const before = (await keys()).filter((k) => !k.startsWith(`${prefix}bull`));
      expect(before.filter((k) => /state:|transcript:|once:/.test(k))).toEqual([]);

      const talker = await connectChat(url);
      await talker.box.next();
      await talker.client.emitWithAck('message', { text: '你好', clientMessageId: 'x' });
      talker.client.disconnect();
      const written = (await keys()).filter((k) => /state:|transcript:|once:/.test(k));
      expect(written.some((k) => k.includes('state:webchat/sessions/'))).toBe(true);
      expect(written.some((k) => k.includes('transcript:'))).toBe(true);
      for (const key of written) {
        const ttl = await redis.client().ttl(key);
        expect(ttl, key).toBeGreaterThan(0);
        expect(ttl, key).toBeLessThanOrEqual(2 * 86_400);
      }
    } finally {
      await app.close();
    }
  });
});
