import { type Browser, type Page } from 'playwright-core';
import { hasChromium, launchChromium } from '../support/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { buildBundle } from '../../scripts/build-browser-bundles.js';
import { startTestApp } from '../support/test-app.js';

/** The widget in real headless Chromium against a real server: the customer's view end to end. */
describe.skipIf(!hasChromium)('web widget in Chromium', () => {
  let app: App;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    await buildBundle('widget');
    ({ app, url } = await startTestApp());
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const messages = (page: Page, from: string) => page.locator(`#qingting-chat .msg.${from}`);

  it('chats, then shows the same history after a reload', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(url);
    await expect.poll(() => messages(page, 'bot').count()).toBe(1);
    expect(await messages(page, 'bot').first().textContent()).toContain('倾听');

    await page.locator('#qingting-chat textarea').fill('我的宽带三天都连不上网');
    await page.keyboard.press('Enter');
    await expect.poll(() => messages(page, 'bot').count()).toBe(2);
    // The reply is sent during the turn and the ack after it, so "sending…" clears a moment later.
    await expect
      .poll(() => messages(page, 'customer').textContent())
      .toBe('我的宽带三天都连不上网');
    await page.screenshot({ path: 'test-results/widget-desktop.png' });

    await page.reload();
    await expect.poll(() => messages(page, 'bot').count()).toBe(2);
    expect(await messages(page, 'customer').allTextContents()).toEqual(['我的宽带三天都连不上网']);
    await page.close();
  });

  it('reconnects by itself when the connection drops and sends what was typed meanwhile', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(url);
    await expect.poll(() => messages(page, 'bot').count()).toBe(1);
    // As a restart does: the server ends every session's socket.
    app.io.of('/chat').disconnectSockets(true);
    await page.locator('#qingting-chat textarea').fill('断线时发的消息');
    await page.keyboard.press('Enter');
    await expect.poll(() => messages(page, 'bot').count(), { timeout: 10_000 }).toBe(2);
    await expect
      .poll(() => messages(page, 'customer').allTextContents())
      .toEqual(['断线时发的消息']);
    expect(await page.locator('#qingting-chat .status').textContent()).toBe('');
    await page.close();
  });

  it('never renders message text as HTML', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    await page.goto(url);
    await expect.poll(() => messages(page, 'bot').count()).toBe(1);
    const hostile = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
    await page.locator('#qingting-chat textarea').fill(hostile);
    await page.keyboard.press('Enter');
    await expect.poll(() => messages(page, 'bot').count()).toBe(2);
    await expect.poll(() => messages(page, 'customer').textContent()).toBe(hostile);
    expect(await page.locator('#qingting-chat .log img, #qingting-chat .log b').count()).toBe(0);
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    await page.close();
  });

  it('offers quick replies as buttons and works at phone width in English', async () => {
    const page = await browser.newPage({ locale: 'en-US', viewport: { width: 375, height: 740 } });
    await page.goto(url);
    const firstSuggestion = page.locator('#qingting-chat .suggestions button').first();
    await expect.poll(() => firstSuggestion.count()).toBe(1);
    expect(await page.locator('#qingting-chat h2').textContent()).toMatch(/Qingting/);
    const panel = await page.locator('#qingting-chat .panel').boundingBox();
    expect(panel?.width).toBe(375);
    const label = await firstSuggestion.textContent();
    await firstSuggestion.click();
    await expect.poll(() => messages(page, 'customer').allTextContents()).toEqual([label]);
    await expect.poll(() => messages(page, 'bot').count()).toBe(2);
    await page.screenshot({ path: 'test-results/widget-phone.png' });
    await page.close();
  });
});
