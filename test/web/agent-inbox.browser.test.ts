import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { buildBundle } from '../../scripts/build-browser-bundles.js';
import { startIntakeApp } from '../handoff/round-trip.support.js';
import { hasChromium, launchChromium } from '../support/chromium.js';
import { consoleWords, rawWordsIn } from './agent-console.support.js';

const count = (page: Page, view: string) =>
  page.locator(`.inbox-view.view-${view} .count`).textContent();

/** A customer on the widget, an agent working the inbox: label, filter, waiting status, close. */
describe.skipIf(!hasChromium)('agent inbox with a customer on the widget', () => {
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

  it('claims, labels and filters, waits for the customer until they write, closes into 已关闭', async () => {
    const amy = await browser.newPage({
      locale: 'zh-CN',
      viewport: { width: 1280, height: 900 },
    });
    await amy.goto(`${url}/agent`);
    await amy.fill('input[name=username]', 'amy');
    await amy.fill('input[name=password]', 'secret-amy');
    await amy.click('button[type=submit]');
    await amy.waitForSelector('.inbox-list .empty');
    expect(await amy.locator('.inbox-view').allTextContents()).toEqual([
      '排队中0',
      '我的0',
      '我的组0',
      '全部进行中0',
      '已关闭0',
    ]);

    const customer = await browser.newPage({ locale: 'zh-CN' });
    await customer.goto(url);
    const widgetBox = customer.locator('#qingting-chat textarea');
    await widgetBox.fill('你们乱扣我话费整整三个月!气死我了!!我要投诉,马上给我转人工!');
    await customer.keyboard.press('Enter');

    await amy.waitForSelector('.inbox-list .case .claim');
    await expect.poll(() => count(amy, 'queue')).toBe('1');
    await amy.click('.inbox-list .case .claim');
    await amy.waitForSelector('.conversation .summary');
    await expect.poll(() => count(amy, 'mine')).toBe('1');
    expect(await count(amy, 'queue')).toBe('0');
    expect(await amy.locator('.case-status').textContent()).toBe('当前：处理中');

    // A label, added in the case view, shows there and on the row of 我的.
    await amy.fill('.label-input', '退款');
    await amy.click('.label-add');
    await expect
      .poll(() => amy.locator('.label-editor .label-chip bdi').allTextContents())
      .toEqual(['退款']);
    await amy.click('.inbox-view.view-mine');
    await expect
      .poll(() => amy.locator('.inbox-list .case .label-chip bdi').allTextContents())
      .toEqual(['退款']);

    // Filter by a label nobody has: nothing, and the counts say so; by 退款: the case.
    await amy.fill('.label-filter-input', '加急');
    await amy.click('.apply-filter');
    await amy.waitForSelector('.inbox-list .empty');
    expect(await count(amy, 'mine')).toBe('0');
    await amy.click('.clear-filter');
    await amy.click('.inbox-list .case .label-filter');
    await expect.poll(() => amy.locator('.filtered bdi').textContent()).toBe('只看标签：退款');
    await expect.poll(() => amy.locator('.inbox-list .case').count()).toBe(1);
    expect(await count(amy, 'mine')).toBe('1');

    // 等待客户回复: on the case and on its row, until the customer writes.
    await amy.click('.status-choice.waiting_customer');
    await expect.poll(() => amy.locator('.case-status').textContent()).toBe('当前：等待客户回复');
    await expect
      .poll(() => amy.locator('.inbox-list .case .waiting-customer').textContent())
      .toBe('等待客户回复');
    expect(rawWordsIn(await consoleWords(amy))).toEqual([]);
    await amy.screenshot({ path: 'test-results/agent-inbox-waiting-1280.png', fullPage: true });
    await amy.setViewportSize({ width: 820, height: 1100 });
    await amy.screenshot({ path: 'test-results/agent-inbox-waiting-820.png', fullPage: true });
    await amy.setViewportSize({ width: 1280, height: 900 });

    await widgetBox.fill('我把扣费短信截图发给你们了');
    await customer.keyboard.press('Enter');
    await expect.poll(() => amy.locator('.case-status').textContent()).toBe('当前：处理中');
    await expect.poll(() => amy.locator('.inbox-list .case .waiting-customer').count()).toBe(0);

    // Close: the case leaves 我的 and shows in 已关闭 with its resolution and its 回访.
    await amy.click('.clear-filter');
    await amy.selectOption('.resolution', 'refunded');
    await amy.click('.close');
    await amy.waitForSelector('.hint');
    await expect.poll(() => count(amy, 'closed')).toBe('1');
    expect(await count(amy, 'mine')).toBe('0');
    await amy.click('.inbox-view.view-closed');
    await expect.poll(() => amy.locator('.inbox-list .case.closed').count()).toBe(1);
    const row = amy.locator('.inbox-list .case.closed');
    expect(await row.locator('.resolution-done').textContent()).toBe('处理结果：已退款');
    expect(await row.locator('.follow-up-due').textContent()).toMatch(/^回访到期：/);
    expect(await row.locator('.label-chip bdi').allTextContents()).toEqual(['退款']);
    expect(rawWordsIn(await consoleWords(amy))).toEqual([]);
    await amy.screenshot({ path: 'test-results/agent-inbox-closed-1280.png', fullPage: true });
    await amy.setViewportSize({ width: 820, height: 1000 });
    await amy.screenshot({ path: 'test-results/agent-inbox-closed-820.png', fullPage: true });

    // Sort by wait is a choice the list keeps.
    await amy.click('.inbox-view.view-queue');
    await amy.selectOption('.inbox-sort', 'wait');
    expect(await amy.evaluate(() => localStorage.getItem('qingting.agent.inboxSort'))).toBe('wait');
    await amy.close();
    await customer.close();
  }, 90_000);
});
