import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { buildBundle } from '../../scripts/build-browser-bundles.js';
import { startIntakeApp } from '../handoff/round-trip.support.js';
import { hasChromium, launchChromium } from '../support/chromium.js';
import { consoleWords, rawWordsIn } from './agent-console.support.js';

const COMPLAINT = '你们乱扣我话费整整三个月!气死我了!!我要投诉,马上给我转人工!';
const NAMES = new Set(['amy', 'bob', 'root']);

async function agentPage(browser: Browser, url: string, username: string): Promise<Page> {
  const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 860 } });
  await page.goto(`${url}/agent`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', `secret-${username}`);
  await page.click('button[type=submit]');
  await page.waitForSelector('.queue .empty');
  return page;
}

/** Chooses 在线／离开／忙碌 in the header and waits until the server has it. */
async function choose(page: Page, availability: 'online' | 'away' | 'busy'): Promise<void> {
  const saved = page.waitForResponse(
    (r) => r.url().endsWith('/api/agent/me/availability') && r.request().method() === 'PUT',
  );
  await page.selectOption('.availability-choice', availability);
  expect((await saved).status()).toBe(200);
}

async function customerComplains(browser: Browser, url: string): Promise<Page> {
  const customer = await browser.newPage({ locale: 'zh-CN' });
  await customer.goto(url);
  await customer.locator('#qingting-chat textarea').fill(COMPLAINT);
  await customer.keyboard.press('Enter');
  return customer;
}

const tabs = (page: Page) => page.locator('.tabs .tab').count();

/** AUTO_ASSIGN=on with two agents and customers on the real widget (issue 15 §4 and §7). */
describe.skipIf(!hasChromium)('availability and automatic assignment in the console', () => {
  let app: App;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    await Promise.all([buildBundle('agentConsole'), buildBundle('widget')]);
    ({ app, url } = await startIntakeApp({
      AUTO_ASSIGN: 'on',
      AGENT_SEED: 'amy:secret-amy,bob:secret-bob,root:secret-root',
      AGENT_ADMINS: 'root',
    }));
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('amy away: the case goes to bob; both away: the next one waits and amy claims it; a supervisor reassigns', async () => {
    const amy = await agentPage(browser, url, 'amy');
    const bob = await agentPage(browser, url, 'bob');
    expect(await amy.locator('.availability-choice option').allTextContents()).toEqual([
      '在线',
      '离开',
      '忙碌',
    ]);
    expect(await amy.locator('.availability-choice').inputValue()).toBe('online');
    await choose(amy, 'away');

    // amy chose 离开 and keeps it across a reload (the server's presence, not the page's).
    await amy.reload();
    await amy.waitForSelector('.queue .empty');
    await expect.poll(() => amy.locator('.availability-choice').inputValue()).toBe('away');
    await amy.screenshot({ path: 'test-results/agent-availability-away-1280.png' });

    const first = await customerComplains(browser, url);
    await bob.waitForSelector('.conversation .summary');
    expect(await bob.locator('.load').textContent()).toBe('接待 1/不限');
    await expect.poll(() => amy.locator('.queue .case').count()).toBe(0);
    expect(await tabs(amy)).toBe(0);
    await expect
      .poll(() => first.locator('#qingting-chat .status').textContent())
      .toBe('客服 bob 已接入,正在为您服务。');

    await choose(bob, 'busy');
    const second = await customerComplains(browser, url);
    await Promise.all([amy.waitForSelector('.queue .case'), bob.waitForSelector('.queue .case')]);
    // Nobody is 在线: no automatic assignment, however long it waits.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await amy.locator('.queue .case').count()).toBe(1);
    expect([await tabs(amy), await tabs(bob)]).toEqual([0, 1]);
    await amy.click('.case .claim');
    await amy.waitForSelector('.conversation .summary');
    await expect.poll(() => amy.locator('.load').textContent()).toBe('接待 1/不限');
    await bob.waitForSelector('.queue .empty');
    await bob.screenshot({ path: 'test-results/agent-availability-header-1280.png' });

    const root = await agentPage(browser, url, 'root');
    await root.click('.supervise');
    await root.waitForSelector('.supervised tbody tr:nth-child(2)');
    const owners = await root.locator('.supervised .owner').allTextContents();
    expect([...owners].sort()).toEqual(['amy', 'bob']);
    expect(await root.locator('.member-name').allTextContents()).toEqual([
      'root（在线）',
      'amy（离开）',
      'bob（忙碌）',
    ]);
    expect(rawWordsIn(await consoleWords(root)).filter((word) => !NAMES.has(word))).toEqual([]);
    await root.screenshot({ path: 'test-results/agent-supervisor-1280.png', fullPage: true });
    await root.setViewportSize({ width: 820, height: 1100 });
    await root.screenshot({ path: 'test-results/agent-supervisor-820.png', fullPage: true });
    await amy.setViewportSize({ width: 820, height: 1100 });
    await amy.screenshot({ path: 'test-results/agent-availability-header-820.png' });

    // The supervisor moves amy's case to bob: it leaves amy's console and opens in bob's.
    const amysRow = root.locator('.supervised tbody tr', {
      has: root.locator('.owner bdi', { hasText: 'amy' }),
    });
    await amysRow.locator('.reassign-target').selectOption('bob');
    await amysRow.locator('.reassign').click();
    await expect.poll(() => tabs(bob)).toBe(2);
    await expect.poll(() => tabs(amy)).toBe(0);
    await expect
      .poll(async () => [...(await root.locator('.supervised .owner').allTextContents())])
      .toEqual(['bob', 'bob']);
    for (const page of [amy, bob, root, first, second]) await page.close();
  }, 120_000);
});
