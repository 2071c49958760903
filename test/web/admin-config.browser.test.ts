import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { buildBundle } from '../../scripts/build-browser-bundles.js';
import { login } from '../handoff/harness.js';
import { hasChromium } from '../support/chromium.js';
import {
  ADMIN_SHOTS as SHOTS,
  adminBrowser,
  staffPage,
  submitLogin,
} from '../support/staff-pages.js';
import { EMBEDDED_ADMIN_ENV, startProductApp } from '../support/product-app.js';

const QUESTION = '怎么查询我的账单';
// Keeps “我的账单”, which a starter conversation test expects.
const NEW_ANSWER = '新版答案：打开App首页的“我的账单”卡片即可查看每月账单。';

describe.skipIf(!hasChromium)('configuration editor in Chromium', { timeout: 180_000 }, () => {
  let app: App;
  let url: string;
  let browser: Browser;
  let shippedAnswer: string;

  beforeAll(async () => {
    await buildBundle('adminConsole');
    await buildBundle('widget');
    ({ app, url } = await startProductApp(EMBEDDED_ADMIN_ENV));
    const root = await login(url, 'root');
    const live = await (
      await fetch(`${url}/api/admin/config/knowledge/export`, {
        headers: { authorization: `Bearer ${root}` },
      })
    ).text();
    const entry = live.split('\n').find((l) => l.includes('"id": "bill-query-zh"')) ?? '{}';
    shippedAnswer = (JSON.parse(entry) as { answer: string }).answer;
    browser = await adminBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** A new customer on the widget asks the billing question; the bot's first answer. */
  async function customerAnswer(): Promise<string> {
    const page = await browser.newPage({ locale: 'zh-CN' });
    try {
      await page.goto(url);
      const bot = page.locator('#qingting-chat .msg.bot');
      await expect.poll(() => bot.count()).toBe(1);
      await page.locator('#qingting-chat textarea').fill(QUESTION);
      await page.keyboard.press('Enter');
      await expect.poll(() => bot.count(), { timeout: 10_000 }).toBeGreaterThan(1);
      return (await bot.nth(1).textContent()) ?? '';
    } finally {
      await page.close();
    }
  }

  const problems = (page: Page) => page.locator('.problems li').allTextContents();

  it('an FAQ edit with a mistake shows at its line, then publishes to the widget and rolls back', async () => {
    expect(await customerAnswer()).toContain(shippedAnswer);
    const page = await staffPage(browser, url, '/admin/config/knowledge');
    await submitLogin(page, 'root');
    const line = page.locator('.cm-line', { hasText: '"id": "bill-query-zh"' });
    await line.waitFor();
    expect(await page.locator('.live-line').textContent()).toContain('由 seed 发布');
    const lineNumber =
      (await page.locator('.cm-line').allTextContents()).findIndex((t) =>
        t.includes('"id": "bill-query-zh"'),
      ) + 1;

    // A mistake: the line no longer parses; the error is listed and marked at that line.
    await line.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' oops');
    await expect.poll(() => problems(page), { timeout: 5000 }).toHaveLength(1);
    expect((await problems(page))[0]).toContain(`第 ${lineNumber} 行（default.jsonl:`);
    expect(await page.locator('.cm-lint-marker-error').count()).toBe(1);
    expect(await page.locator('.actions button.primary').isDisabled()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/config-error-1280.png` });

    // Fixed: no problem left.
    for (let i = 0; i < ' oops'.length; i++) await page.keyboard.press('Backspace');
    await expect.poll(() => problems(page), { timeout: 5000 }).toEqual([]);

    // The FAQ form writes the new answer into the same body; the diff shows the one line.
    await page.selectOption('select[name=pick]', 'bill-query-zh');
    await page.fill('textarea[name=answer]', NEW_ANSWER);
    await page.click('.faq-form button[type=submit]');
    await expect.poll(() => page.locator('.diff-add').textContent()).toContain(NEW_ANSWER);
    expect(await page.locator('.diff-del').textContent()).toContain(shippedAnswer);

    // Try it: the unsaved draft already answers with the new text, in its own session.
    await page.fill('.try-it input[name=say]', QUESTION);
    await page.click('.try-it button[type=submit]');
    await expect
      .poll(() => page.locator('.try-log .bot').allTextContents())
      .toContainEqual(expect.stringContaining(NEW_ANSWER));
    // The conversation tests pass on the draft.
    await page.click('.run-tests');
    await page.locator('.tests-card .report[data-passed=true]').waitFor();

    await page.click('.actions button.primary');
    await expect.poll(() => page.locator('.live-line').textContent()).toContain('第 2 版');
    await page.screenshot({ path: `${SHOTS}/config-published-1280.png`, fullPage: true });
    expect(await customerAnswer()).toContain(NEW_ANSWER);

    // Roll back in one click: version 1 is live again and the customer gets the old answer.
    await page.locator('tr', { hasText: '已停用' }).locator('button').click();
    await expect.poll(() => page.locator('.live-line').textContent()).toContain('第 1 版');
    const answer = await customerAnswer();
    expect(answer).toContain(shippedAnswer);
    expect(answer).not.toContain(NEW_ANSWER);

    // An answer that breaks a starter test is refused until the admin overrides it.
    await page.selectOption('select[name=pick]', 'bill-query-zh');
    await page.fill('textarea[name=answer]', '请到营业厅查询。');
    await page.click('.faq-form button[type=submit]');
    await expect.poll(() => page.locator('.diff-add').textContent()).toContain('请到营业厅查询。');
    await page.click('.actions button.primary');
    await page.locator('.refused .report[data-passed=false]').waitFor();
    expect(await page.locator('.refused .report li.error').first().textContent()).toContain(
      '账单查询由知识库回答',
    );
    expect(await page.locator('.live-line').textContent()).toContain('第 1 版');
    await page.click('.refused .override');
    await expect.poll(() => page.locator('.live-line').textContent()).toContain('第 3 版');

    await page.setViewportSize({ width: 820, height: 1100 });
    await page.screenshot({ path: `${SHOTS}/config-tablet.png`, fullPage: true });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    );
    expect(overflow).toBe(false);
    await page.close();
  });
});
