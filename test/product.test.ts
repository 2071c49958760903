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

  it('answers a queued urgent case that gets worse with the new step, and makes its ticket P1', async () => {
    const started = await startProduct({});
    app = started.app;
    const chat = await connectChat(started.url);
    client = chat.client;
    await chat.box.next(); // the greeting
    await client.emitWithAck('message', {
      text: '救命 我妈被困在3号楼电梯里了 门打不开',
      clientMessageId: 'u-1',
    });
    const service = app.context.handoff.service;
    await expect.poll(() => service.queueItems().then((items) => items.length)).toBe(1);
    const [queued] = await service.queueItems();
    expect(queued?.summary.handoffRule).toMatch(/^urgent:/);
    expect(chat.box.messages.map((m) => m.text).join('')).toContain('警铃');

    const before = chat.box.messages.length;
    await client.emitWithAck('message', {
      text: '她说里面很闷 她有高血压',
      clientMessageId: 'u-2',
    });
    await expect.poll(() => chat.box.messages.length).toBe(before + 2);
    const [step, notice] = chat.box.messages.slice(before);
    expect(step?.text).toContain('120');
    expect(notice?.text).toContain(queued?.ticketId);
    const ticket = await app.context.tickets.get(queued!.ticketId);
    expect(ticket).toMatchObject({ severity: 'P1', handoffRule: 'urgent:health' });
  });
});
