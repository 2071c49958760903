import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { buildBundle } from '../../scripts/build-browser-bundles.js';
import { startIntakeApp } from '../handoff/round-trip.support.js';
import { hasChromium, launchChromium } from '../support/chromium.js';
import { loggedInAgentConsole } from './agent-console.support.js';

/** Two agents and one customer on the real widget: typing shown both ways, then a transfer. */
describe.skipIf(!hasChromium)('agent console with a customer on the widget', () => {
  let app: App;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    await Promise.all([buildBundle('agentConsole'), buildBundle('widget')]);
    ({ app, url } = await startIntakeApp({}));
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the customer typing in the console and the agent typing in the widget; bob gets the case amy transfers by picker, with her note', async () => {
    const amy = await loggedInAgentConsole(browser, url, 'amy');
    const bob = await loggedInAgentConsole(browser, url, 'bob');
    const customer = await browser.newPage({ locale: 'zh-CN' });
    await customer.goto(url);
    const widgetBox = customer.locator('#qingting-chat textarea');
    await widgetBox.fill('你们乱扣我话费整整三个月!气死我了!!我要投诉,马上给我转人工!');
    await customer.keyboard.press('Enter');

    await Promise.all([amy.waitForSelector('.queue .case'), bob.waitForSelector('.queue .case')]);
    await amy.click('.case .claim');
    await amy.waitForSelector('.conversation .summary');
    await bob.waitForSelector('.queue .empty');
    expect(await amy.locator('.customer-typing').textContent()).toBe('');

    await widgetBox.fill('我再补充一点');
    await expect.poll(() => amy.locator('.customer-typing').textContent()).toBe('客户正在输入…');
    await customer.keyboard.press('Enter');
    await expect.poll(() => amy.locator('.customer-typing').textContent()).toBe('');

    const widgetTyping = customer.locator('#qingting-chat .typing');
    await expect.poll(() => widgetTyping.isVisible()).toBe(false);
    await amy.locator('.reply').pressSequentially('您好', { delay: 30 });
    await expect.poll(() => widgetTyping.textContent()).toBe('客服正在输入…');
    expect(await widgetTyping.isVisible()).toBe(true);
    await amy.screenshot({ path: 'test-results/agent-console-typing.png', fullPage: true });
    await customer.screenshot({ path: 'test-results/widget-agent-typing.png' });

    expect(await amy.locator('.transfer-target option').allTextContents()).toEqual([
      'bob（在线）',
      '输入坐席名或组…',
    ]);
    await amy.selectOption('.transfer-target', 'bob');
    await amy.click('.transfer');
    expect(await amy.locator('.transfer-confirm-box p').textContent()).toBe(
      '确认把这个会话转给 bob？',
    );
    await amy.fill('.transfer-note', '客户要求退三个月话费');
    await amy.screenshot({ path: 'test-results/agent-console-transfer.png', fullPage: true });
    await amy.click('.transfer-confirm');
    await amy.waitForSelector('.hint');
    await bob.waitForSelector('.conversation .summary');
    expect(await bob.locator('.notes li').allTextContents()).toEqual(['amy：客户要求退三个月话费']);
    await bob.locator('.reply').pressSequentially('我是 bob', { delay: 30 });
    await bob.press('.reply', 'Enter');
    await expect
      .poll(() => customer.locator('#qingting-chat .msg.agent .text').last().textContent())
      .toBe('我是 bob');
    for (const page of [amy, bob, customer]) await page.close();
  }, 90_000);
});
