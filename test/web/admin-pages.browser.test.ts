import { mkdir } from 'node:fs/promises';
import { pino } from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { loadEnv } from '../../src/config/env.js';
import { productOptions } from '../../src/product.js';
import { buildBundle } from '../../scripts/build-browser-bundles.js';
import { hasChromium, launchChromium } from '../support/chromium.js';
import { startTestApp } from '../support/test-app.js';

/** Screenshots to look at (gitignored). */
const SHOTS = 'test-results/admin/pages';
const ENV = {
  RECORDS: 'database',
  DATA_DIR: 'memory://',
  AGENT_SEED: 'amy:secret-amy,root:secret-root',
  AGENT_ADMINS: 'root',
};
const WIDTHS = [1280, 820] as const;
const PAGES = [
  ['dashboard', '/admin', '.kpis, .card'],
  ['people', '/admin/people', '[data-section=agents] tbody tr'],
  ['audit', '/admin/audit', '[data-section=audit]'],
  ['system', '/admin/system', '.card'],
] as const;
const CONFIG_FORMS = [
  ['knowledge', '.faq-form'],
  ['scripts', '[data-form=script-line]'],
  ['rules', '[data-form=threshold]'],
  ['business_hours', '[data-form=threshold]'],
  ['flows', '.cm-line'],
  ['canned', '.cm-content'],
  ['prompts', '.cm-line'],
  ['tests', '.cm-line'],
] as const;

describe.skipIf(!hasChromium)('every admin page at 1280 and 820 px', { timeout: 240_000 }, () => {
  let app: App;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    await buildBundle('adminConsole');
    const env = loadEnv({ LOG_LEVEL: 'silent', ...ENV });
    ({ app, url } = await startTestApp(ENV, await productOptions(env, pino({ level: 'silent' }))));
    browser = await launchChromium();
    await mkdir(SHOTS, { recursive: true });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function signedIn(width: number): Promise<Page> {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width, height: 900 } });
    await page.goto(`${url}/admin/people`);
    await page.fill('input[name=username]', 'root');
    await page.fill('input[name=password]', 'secret-root');
    await page.click('.login button[type=submit]');
    await page.locator('[data-section=agents] tbody tr').first().waitFor();
    return page;
  }

  /** No sideways scroll, and no half-width punctuation next to Chinese in what the page says. */
  async function looksRight(page: Page, what: string): Promise<void> {
    const { scroll, width } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      width: window.innerWidth,
    }));
    expect(scroll, `${what} scrolls sideways`).toBeLessThanOrEqual(width);
    const text = await page.locator('main, .page, body').first().innerText();
    const labels = text
      .split('\n')
      .filter(
        (line) =>
          /\p{Script=Han}/u.test(line) &&
          /[\p{Script=Han}][,:;!?]|[,:;!?][\p{Script=Han}]/u.test(line),
      );
    expect(labels, `${what} half-width punctuation`).toEqual([]);
  }

  for (const width of WIDTHS)
    it(`shows each page and each configuration kind with its form at ${width} px`, async () => {
      const page = await signedIn(width);
      try {
        for (const [name, path, ready] of PAGES) {
          await page.goto(`${url}${path}`);
          await page.locator(ready).first().waitFor();
          await page.waitForTimeout(300);
          await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
          await looksRight(page, name);
        }
        for (const [kind, ready] of CONFIG_FORMS) {
          await page.goto(`${url}/admin/config/${kind}`);
          await page.locator(ready).first().waitFor();
          await page.waitForTimeout(300);
          await page.screenshot({ path: `${SHOTS}/config-${kind}-${width}.png`, fullPage: true });
          const { scroll, width: inner } = await page.evaluate(() => ({
            scroll: document.documentElement.scrollWidth,
            width: window.innerWidth,
          }));
          expect(scroll, `config ${kind} scrolls sideways`).toBeLessThanOrEqual(inner);
        }
      } finally {
        await page.close();
      }
    });

  it('the threshold form shows a field error, then writes the value into the draft', async () => {
    const page = await signedIn(1280);
    try {
      await page.goto(`${url}/admin/config/rules`);
      const form = page.locator('[data-form=threshold]');
      await form.waitFor();
      await form.locator('input[name=angerThreshold]').fill('2');
      await form.locator('button[type=submit]').click();
      await expect
        .poll(() => form.locator('[data-field=angerThreshold] .field-error').textContent())
        .toBe('请输入 0 到 1.01 之间的数。');
      await page.screenshot({ path: `${SHOTS}/config-rules-error-1280.png`, fullPage: true });
      await form.locator('input[name=angerThreshold]').fill('0.75');
      await form.locator('button[type=submit]').click();
      await expect
        .poll(() => page.locator('.cm-content').innerText())
        .toContain('angerThreshold: 0.75');
      await expect.poll(() => page.locator('.problems li').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('a group is renamed in the people page and its members follow', async () => {
    const root = await fetch(`${url}/api/agent/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'root', password: 'secret-root' }),
    });
    const { token } = (await root.json()) as { token: string };
    await fetch(`${url}/api/admin/agents/amy`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ groups: ['billing'] }),
    });
    const page = await signedIn(1280);
    try {
      const row = page.locator('[data-section=groups] tr[data-group=billing]');
      await row.locator('[data-action=rename-group]').click();
      const form = page.locator('[data-form=rename-group]');
      await form.locator('input[name=name]').fill('accounts');
      await form.locator('input[name=displayName]').fill('账务组');
      await form.locator('button[type=submit]').click();
      const renamed = page.locator('[data-section=groups] tr[data-group=accounts]');
      await renamed.waitFor();
      expect(await renamed.innerText()).toContain('amy');
      expect(await page.locator('[data-agent=amy]').innerText()).toContain('accounts');
      await page.screenshot({ path: `${SHOTS}/people-renamed-1280.png`, fullPage: true });
      // The audit log says what happened in words, never the action codes.
      await page.goto(`${url}/admin/audit`);
      const rows = page.locator('[data-section=audit] tbody');
      await rows.locator('tr').first().waitFor();
      const said = await rows.innerText();
      expect(said).toContain('修改分组');
      expect(said).toContain('分组：billing');
      expect(said).not.toMatch(/\b(agent|group|config)\.[a-z_]+/);
      await page.screenshot({ path: `${SHOTS}/audit-words-1280.png`, fullPage: true });
    } finally {
      await page.close();
    }
  });
});
