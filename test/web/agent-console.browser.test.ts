import { type Browser } from 'playwright-core';
import { hasChromium, launchChromium } from '../support/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { buildBundle } from '../../scripts/build-browser-bundles.js';
import { startIntakeApp } from '../handoff/round-trip.support.js';
import { connectChat, type ChatClient } from '../support/test-app.js';
import {
  agentConsolePage,
  consoleWords,
  loggedInAgentConsole,
  rawWordsIn,
} from './agent-console.support.js';
import { submitLogin } from '../support/staff-pages.js';

const HOSTILE =
  '你们乱扣我话费整整三个月!气死我了!!我要投诉,马上给我转人工!<img src=x onerror="window.__pwned=1">';

/** The agent console in real headless Chromium against a real server with the intake flows. */
describe.skipIf(!hasChromium)('agent console in Chromium', () => {
  let app: App;
  let url: string;
  let browser: Browser;
  const customers: ChatClient[] = [];

  beforeAll(async () => {
    await buildBundle('agentConsole');
    ({ app, url } = await startIntakeApp({}));
    await app.context.handoff.canned.create(
      {
        lang: 'zh',
        shortcut: '/refund',
        title: '退款进度',
        text: '{name}您好，工单 {ticketId} 的退款已提交。',
      },
      'admin',
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const c of customers) c.disconnect();
    await browser?.close();
    await app?.close();
  });

  it('logs in, sees a new case live, claims it, replies with the suggestion, keeps drafts, closes', async () => {
    const page = await loggedInAgentConsole(browser, url);

    const { client } = await connectChat(url);
    customers.push(client);
    const customerSees: string[] = [];
    client.on('message', (m) => {
      if (m.from === 'agent') customerSees.push(m.text);
    });
    client.emit('message', { text: HOSTILE, clientMessageId: 'b-1' }, () => undefined);

    await page.waitForSelector('.queue .case');
    expect(await page.title()).toMatch(/^\(1\) /);
    expect(await page.locator('.case .emotion').textContent()).toMatch(/愤怒（(弱|中|强)）/);
    await page.click('.case .claim');
    await page.waitForSelector('.conversation .summary');
    expect(await page.locator('.summary h3').textContent()).toMatch(/Q\d{8}-[0-9A-Z]{6}/);
    const firstLine = page.locator('.transcript .msg.customer .text').first();
    expect(await firstLine.textContent()).toBe(HOSTILE);
    expect(await page.locator('.transcript img').count()).toBe(0);
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();

    await page.click('.use-reply');
    const suggested = await page.locator('.suggested').textContent();
    expect(await page.inputValue('.reply')).toBe(suggested);
    await page.fill('.reply', '草稿:先核实扣费记录');
    await page.reload();
    await page.waitForSelector('.conversation .reply');
    expect(await page.inputValue('.reply')).toBe('草稿:先核实扣费记录');

    await page.click('.send');
    await expect.poll(() => customerSees).toEqual(['草稿:先核实扣费记录']);
    client.emit('message', { text: '好的,谢谢', clientMessageId: 'b-2' }, () => undefined);
    await expect.poll(() => page.locator('.transcript .msg.customer').count()).toBe(2);
    await page.fill('.note-input', '内部:疑似重复扣费');
    await page.click('.add-note');
    await expect.poll(() => page.locator('.notes li').count()).toBe(1);
    await page.screenshot({ path: 'test-results/agent-console.png', fullPage: true });

    await page.selectOption('.resolution', 'refunded');
    await page.click('.close');
    await page.waitForSelector('.hint');
    expect(customerSees).toEqual(['草稿:先核实扣费记录']);
  }, 60_000);

  it('speaks Chinese with no raw code, and clears each error once it no longer applies', async () => {
    const page = await agentConsolePage(browser, url);
    await submitLogin(page, 'amy', 'wrong-password');
    await expect
      .poll(() => page.locator('.login-error').textContent())
      .toBe('登录失败：用户名或密码错误。');
    await page.fill('input[name=password]', 'secret-amy');
    await page.click('button[type=submit]');
    await page.waitForSelector('.queue-panel');
    expect(await page.locator('.login-error').count()).toBe(0);

    const { client } = await connectChat(url);
    customers.push(client);
    client.emit('message', { text: HOSTILE, clientMessageId: 'w-1' }, () => undefined);
    await page.waitForSelector('.queue .case');
    expect(rawWordsIn(await consoleWords(page))).toEqual([]);
    await page.click('.case .claim');
    await page.waitForSelector('.conversation .summary');
    expect(await page.locator('.summary').textContent()).toMatch(/情绪愤怒（(弱|中|强)）/);
    expect(rawWordsIn(await consoleWords(page))).toEqual([]);
    expect(await page.locator('.resolution option').allTextContents()).toContain('已退款');

    await page.fill('.reply', '/退');
    await page.waitForSelector('.canned [role=option][aria-selected=true]');
    expect(rawWordsIn(await consoleWords(page))).toEqual([]);
    await page.screenshot({ path: 'test-results/agent-console-canned.png', fullPage: true });
    await page.press('.reply', 'Enter');
    const ticketId = (await page.locator('.tab.active').textContent()) ?? '';
    expect(await page.inputValue('.reply')).toBe(`客户您好，工单 ${ticketId} 的退款已提交。`);
    expect(await page.locator('.canned').count()).toBe(0);

    await page.fill('.transfer-input', 'nobody-here');
    await page.click('.transfer');
    await page.click('.transfer-confirm');
    await expect
      .poll(() => page.locator('.transfer-error').textContent())
      .toBe('没有这个坐席或组，请检查名称（组写作 group:组名）。');
    expect(rawWordsIn(await consoleWords(page))).toEqual([]);
    await page.screenshot({ path: 'test-results/agent-console-error.png', fullPage: true });
    await page.fill('.transfer-input', 'bob');
    await page.click('.transfer');
    await page.click('.transfer-confirm');
    await page.waitForSelector('.hint');
    expect(await page.locator('.error').count()).toBe(0);
    await page.close();
  }, 60_000);
});
