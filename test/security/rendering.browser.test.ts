import { type Browser, type Page } from 'playwright-core';
import { hasChromium, launchChromium } from '../support/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Understanding } from '../../src/understanding/understanding.port.js';
import { buildBundle } from '../../scripts/build-browser-bundles.js';
import { AGENTS } from '../handoff/round-trip.support.js';
import { offlineUnderstanding, shippedRootDialog } from '../support/intake-harness.js';
import { connectChat, startTestApp, type ChatClient } from '../support/test-app.js';
import { loggedInAgentConsole } from '../web/agent-console.support.js';

const RLO = '\u202E';
const MARKUP = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
const PHONE = '13812345678';
/** A name that ends in a right-to-left override, and markup, in a complaint; then a request for a person. */
const OPENER = `我叫${RLO}王五,电话${PHONE},你们乱扣我话费,我要退款${MARKUP}`;

/** The offline reading, plus the customer's name as given (the offline extractor may not take it). */
async function namingUnderstanding(): Promise<Understanding> {
  const offline = await offlineUnderstanding();
  return {
    analyze: async (text, context) => {
      const analysis = await offline.analyze(text, context);
      const name = /^我叫(.+?),/.exec(text)?.[1];
      if (name === undefined) return analysis;
      const contact_name = { value: name, raw: name, confidence: 0.9 };
      return { ...analysis, slots: { ...analysis.slots, contact_name } };
    },
  };
}

/** Whether a run of text is laid out left to right: its first character left of its last. */
async function readsLeftToRight(page: Page, selector: string, run: string): Promise<boolean> {
  return page.evaluate(
    ([sel, text]) => {
      const root = document.querySelector(sel ?? '');
      if (!root) throw new Error(`no ${sel}`);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(text ?? '') ?? -1;
        if (at < 0) continue;
        const box = (offset: number): DOMRect => {
          const range = document.createRange();
          range.setStart(node, offset);
          range.setEnd(node, offset + 1);
          return range.getBoundingClientRect();
        };
        return box(at).left < box(at + (text ?? '').length - 1).left;
      }
      throw new Error(`no "${text}" under ${sel}`);
    },
    [selector, run] as const,
  );
}

/**
 * Customer text in the browser (DESIGN §7, §11): markup stays text everywhere, and bidi override
 * characters cannot reverse the text shown around a message or a value, in widget and console.
 */
describe.skipIf(!hasChromium)('customer text rendered in Chromium', () => {
  let app: App;
  let url: string;
  let browser: Browser;
  const customers: ChatClient[] = [];

  beforeAll(async () => {
    await Promise.all([buildBundle('agentConsole'), buildBundle('widget')]);
    ({ app, url } = await startTestApp(AGENTS, {
      rootDialog: await shippedRootDialog(await namingUnderstanding()),
    }));
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    for (const c of customers) c.disconnect();
    await browser?.close();
    await app?.close();
  });

  it('the agent console creates no element from customer text and keeps each value in its own direction', async () => {
    const page = await loggedInAgentConsole(browser, url);

    const { client } = await connectChat(url);
    customers.push(client);
    await client.emitWithAck('message', { text: OPENER, clientMessageId: 'r-1' });
    await client.emitWithAck('message', { text: '转人工', clientMessageId: 'r-2' });
    await page.waitForSelector('.queue .case');
    const isolation = (selector: string): Promise<Array<[string | null, string]>> =>
      page
        .locator(selector)
        .evaluateAll((nodes) =>
          nodes.map((n): [string | null, string] => [
            n.getAttribute('dir'),
            getComputedStyle(n).unicodeBidi,
          ]),
        );
    expect(await isolation('.case .demand')).toEqual([['auto', 'isolate']]);
    await page.click('.case .claim');
    await page.waitForSelector('.conversation .summary');
    await page.click('.use-reply');

    const dangerous = await page.evaluate(() => ({
      elements: document.querySelectorAll('img, script:not([src]), iframe, object, svg').length,
      pwned: (window as unknown as { __pwned?: number }).__pwned,
    }));
    // The console's own page has one inline bootstrap script at most; none comes from the customer.
    expect(dangerous.pwned).toBeUndefined();
    expect(await page.locator('.conversation img, .conversation script, .queue img').count()).toBe(
      0,
    );
    expect(dangerous.elements).toBeLessThanOrEqual(1);
    expect(await page.locator('.transcript .msg.customer .text').first().textContent()).toBe(
      OPENER,
    );
    expect(await page.inputValue('.reply')).toBe(await page.locator('.suggested').textContent());

    // The name's unterminated U+202E must not turn the phone after it around.
    const customerRow = '.summary .field:first-child dd';
    expect(await page.locator(customerRow).textContent()).toContain(PHONE);
    expect(await readsLeftToRight(page, customerRow, PHONE)).toBe(true);
    for (const selector of ['.transcript .msg .text', '.summary dd bdi', '.summary li bdi']) {
      const styles = await isolation(selector);
      expect(styles.length, selector).toBeGreaterThan(0);
      for (const style of styles) expect(style, selector).toEqual(['auto', 'isolate']);
    }
    await page.screenshot({ path: 'test-results/console-hostile-text.png', fullPage: true });
    await page.close();
  }, 60_000);

  it('the widget isolates every message and shows markup as text', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(url);
    const bubbles = page.locator('#qingting-chat .msg');
    await expect.poll(() => bubbles.count()).toBe(1);
    await page.locator('#qingting-chat textarea').fill(`${RLO}${MARKUP} 12345`);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#qingting-chat .msg.bot').count()).toBeGreaterThan(1);
    expect(await page.locator('#qingting-chat .msg.customer .text').textContent()).toBe(
      `${RLO}${MARKUP} 12345`,
    );
    const shadow = await page.evaluate(() => {
      const root = document.querySelector('#qingting-chat')?.shadowRoot;
      return {
        injected: root?.querySelectorAll('.log img, .log script').length ?? -1,
        pwned: (window as unknown as { __pwned?: number }).__pwned,
        texts: [...(root?.querySelectorAll('.msg .text') ?? [])].map((n) => [
          n.getAttribute('dir'),
          getComputedStyle(n).unicodeBidi,
        ]),
      };
    });
    expect(shadow.injected).toBe(0);
    expect(shadow.pwned).toBeUndefined();
    expect(shadow.texts.length).toBeGreaterThan(2);
    for (const style of shadow.texts) expect(style).toEqual(['auto', 'isolate']);
    await page.close();
  }, 60_000);
});
