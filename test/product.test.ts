import nock from 'nock';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { loadEnv } from '../src/config/env.js';
import { productOptions } from '../src/product.js';
import { connectChat, startTestApp, type ChatClient } from './support/test-app.js';

const LLM_ORIGIN = 'http://llm.test';

/** What `npm start` runs: the product's own options over a real server and a real socket.io client. */
async function startProduct(env: Record<string, string>): Promise<{ app: App; url: string }> {
  const fullEnv = loadEnv({ LOG_LEVEL: 'silent', ...env });
  const options = await productOptions(fullEnv, pino({ level: 'silent' }));
  return startTestApp(env, options);
}

describe('the product as npm start wires it', () => {
  let app: App | undefined;
  let client: ChatClient | undefined;
  afterEach(async () => {
    client?.disconnect();
    await app?.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('calms an upset opener, then asks only for what is missing (offline)', async () => {
    const started = await startProduct({});
    app = started.app;
    const { url } = started;
    const chat = await connectChat(url);
    client = chat.client;
    await chat.box.next(); // the greeting
    const ack = await client.emitWithAck('message', {
      text: '昨天下午又多扣了我20块话费,太过分了',
      clientMessageId: 'p-1',
    });
    expect(ack).toMatchObject({ ok: true });
    const [first, second] = await chat.box.next(2);
    expect(first?.meta?.act).toBe('empathize');
    expect(second?.meta?.act).toBe('ask');
    expect(['time', 'amount', 'product']).not.toContain(second?.meta?.slot);
  });

  it('still answers every turn from the offline path when the configured LLM is down', async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    const llm = nock(LLM_ORIGIN)
      .persist()
      .post(/.*/)
      .reply(500, { error: { message: 'down' } });
    const started = await startProduct({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: `${LLM_ORIGIN}/v1`,
      OPENAI_TIMEOUT_MS: '2000',
    });
    app = started.app;
    const { url } = started;
    const chat = await connectChat(url);
    client = chat.client;
    await chat.box.next();
    await client.emitWithAck('message', {
      text: '宽带断网三天了,太让人着急了',
      clientMessageId: 'p-2',
    });
    const replies = await chat.box.next(2);
    expect(replies.map((m) => m.meta?.act)).toEqual(['empathize', 'ask']);
    expect(llm.isDone()).toBe(true);
    expect(app.context.llm?.breakerState).toBeDefined();
  });
});
