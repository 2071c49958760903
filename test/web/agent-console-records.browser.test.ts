import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { buildBundle } from '../../scripts/build-browser-bundles.js';
import { startIntakeApp } from '../handoff/round-trip.support.js';
import { hasChromium, launchChromium } from '../support/chromium.js';
import { connectChat, type ChatClient } from '../support/test-app.js';
import { consoleWords, loggedInAgentConsole, rawWordsIn } from './agent-console.support.js';

const PHONE = '13812345678';
const complaint = (what: string): string =>
  `你们${what}整整三个月!气死我了!!我要投诉,马上给我转人工!我的电话${PHONE}`;

/** The console over the system of record (embedded PGlite): search and the customer's history. */
describe.skipIf(!hasChromium)('agent console with the system of record', () => {
  let app: App;
  let url: string;
  let browser: Browser;
  const customers: ChatClient[] = [];

  beforeAll(async () => {
    await buildBundle('agentConsole');
    ({ app, url } = await startIntakeApp({ RECORDS: 'database', DATA_DIR: 'memory://' }));
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    for (const c of customers) c.disconnect();
    await browser?.close();
    await app?.close();
  });

  it("finds an earlier ticket by number and shows it in the same customer's next case", async () => {
    const page = await loggedInAgentConsole(browser, url, 'amy', 900);

    const first = await connectChat(url);
    customers.push(first.client);
    first.client.emit(
      'message',
      { text: complaint('乱扣我话费'), clientMessageId: 'h-1' },
      () => undefined,
    );
    await page.waitForSelector('.queue .case');
    await page.click('.case .claim');
    await page.waitForSelector('.conversation .customer-panel');
    const earlierTicket = (await page.locator('.tab.active').textContent()) ?? '';
    expect(earlierTicket).toMatch(/^Q\d{8}-[0-9A-Z]{6}$/);
    await page.selectOption('.resolution', 'refunded');
    await page.click('.close');
    await page.waitForSelector('.hint');

    await page.fill('.search-input', '不是工单号');
    await page.click('.search button[type=submit]');
    await expect.poll(() => page.locator('.search-error').textContent()).toMatch(/请输入工单号/);
    await page.fill('.search-input', earlierTicket);
    await page.click('.search button[type=submit]');
    await page.waitForSelector(`.search-results [data-ticket="${earlierTicket}"]`);
    expect(await page.locator('.search-error').count()).toBe(0);
    expect(await page.locator('.search-results li').textContent()).toMatch(/已解决|处理中/);

    const second = await connectChat(url);
    customers.push(second.client);
    second.client.emit(
      'message',
      { text: complaint('乱扣我流量费'), clientMessageId: 'h-2' },
      () => undefined,
    );
    await page.waitForSelector('.queue .case');
    await page.click('.case .claim');
    await page.waitForSelector(`.customer-panel [data-ticket="${earlierTicket}"]`);
    expect(await page.locator('.customer-panel').textContent()).toContain('网页客服');
    expect(rawWordsIn(await consoleWords(page))).toEqual([]);
    await page.screenshot({ path: 'test-results/agent-console-customer.png', fullPage: true });
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.screenshot({ path: 'test-results/agent-console-tablet.png', fullPage: true });
    await page.close();
  }, 90_000);
});
