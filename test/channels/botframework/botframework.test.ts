import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { conversationIdOf } from '../../../src/channels/core/conversation-directory.js';
import { ConfigError } from '../../../src/config/env.js';
import { startIntakeApp } from '../../handoff/round-trip.support.js';
import { startTestApp } from '../../support/test-app.js';
import { DirectLineClient, startDirectLine } from '../support/direct-line.js';

describe('Bot Framework channel through offline-directline', () => {
  const stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  });

  async function start(): Promise<{ app: App; url: string; client: DirectLineClient }> {
    const { app, url } = await startIntakeApp({ BOT_FRAMEWORK_ENABLED: 'true' });
    stops.push(() => app.close());
    const directLine = await startDirectLine(`${url}/api/messages`);
    stops.push(() => directLine.close());
    return { app, url, client: await DirectLineClient.open(directLine.url) };
  }

  it('answers a message with only an attachment by asking for text', async () => {
    const { client } = await start();
    await client.post({
      type: 'message',
      attachments: [{ contentType: 'image/png', contentUrl: 'http://x/y.png' }],
    });
    const note = await client.next((a) => a.type === 'message', 'please-type note');
    expect(note.text).toContain('文字');
  });
});

describe('Bot Framework endpoint refuses bad input', () => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const activity = {
    type: 'message',
    id: 'a1',
    channelId: 'directline',
    serviceUrl: 'http://127.0.0.1:9/',
    conversation: { id: 'c1' },
    from: { id: 'u1' },
    recipient: { id: 'bot' },
    text: '你好',
  };

  it('answers 401 without a valid JWT when an app id is configured', async () => {
    const started = await startTestApp({
      MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001',
      MICROSOFT_APP_PASSWORD: 'x',
    });
    app = started.app;
    const post = (headers: Record<string, string>) =>
      fetch(`${started.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      });
    expect((await post({})).status).toBe(401);
    expect((await post({ authorization: 'Bearer not.a.jwt' })).status).toBe(401);
  });

  it('answers 400 to malformed JSON and to an activity without a conversation', async () => {
    const started = await startTestApp({ BOT_FRAMEWORK_ENABLED: 'true' });
    app = started.app;
    const raw = await fetch(`${started.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type": "message",',
    });
    expect(raw.status).toBe(400);
    const partial: Partial<typeof activity> = { ...activity };
    delete partial.conversation;
    const missing = await fetch(`${started.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(partial),
    });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { detail: string }).detail).toContain('conversation');
  });

  it('processes a redelivered activity once', async () => {
    const started = await startTestApp({ BOT_FRAMEWORK_ENABLED: 'true' });
    app = started.app;
    const post = () =>
      fetch(`${started.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ...activity,
          id: 'redelivered-1',
          conversation: { id: 'c-replay' },
        }),
      });
    expect((await Promise.all([post(), post(), post()])).map((r) => r.status)).toEqual([
      200, 200, 200,
    ]);
    const conversationId = conversationIdOf({
      channel: 'botframework',
      user: 'directline:c-replay',
    });
    const lines = await started.app.context.transcript.list(conversationId);
    expect(lines.filter((m) => m.from === 'customer').map((m) => m.text)).toEqual(['你好']);
  });

  it('refuses to start unauthenticated when NODE_ENV=production', async () => {
    await expect(
      startTestApp({ BOT_FRAMEWORK_ENABLED: 'true', NODE_ENV: 'production' }),
    ).rejects.toThrow(ConfigError);
  });

  it('is off without its variables', async () => {
    const started = await startTestApp({});
    app = started.app;
    const response = await fetch(`${started.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(response.status).toBe(404);
  });
});
