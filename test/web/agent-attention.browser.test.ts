import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { buildBundle } from '../../scripts/build-browser-bundles.js';
import { api, login } from '../handoff/harness.js';
import { startIntakeApp } from '../handoff/round-trip.support.js';
import { hasChromium, launchChromium } from '../support/chromium.js';
import { consoleWords, rawWordsIn } from './agent-console.support.js';

const TITLE = '倾听 · 坐席工作台';

async function customerWith(browser: Browser, url: string, text: string): Promise<Page> {
  const page = await browser.newPage({ locale: 'zh-CN' });
  await page.goto(url);
  const launcher = page.locator('#qingting-chat .launcher');
  if (await launcher.isVisible()) await launcher.click();
  await page.fill('#qingting-chat textarea', text);
  await page.keyboard.press('Enter');
  return page;
}

async function say(customer: Page, text: string): Promise<void> {
  await customer.fill('#qingting-chat textarea', text);
  await customer.keyboard.press('Enter');
}

/**
 * Attention and keyboard (issue 15 §5–6) in Chromium: SLA colours on a fake clock, unread badges
 * and the title count, read receipts from the widget, shortcuts and their help, the mute choice
 * across a reload, 今日回访, and a disabled account sent back to the login with the reason.
 */
describe.skipIf(!hasChromium)('agent console attention and shortcuts', () => {
  let app: App;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    await Promise.all([buildBundle('agentConsole'), buildBundle('widget')]);
    ({ app, url } = await startIntakeApp({
      AGENT_SEED: 'amy:secret-amy,bob:secret-bob,root:secret-root',
      AGENT_ADMINS: 'root',
      HANDOFF_SLA_MINUTES: '4,4,4,4',
      FOLLOW_UP_HOURS: '0.001',
    }));
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('counts unread messages per case and in the title, shows 已读, switches by keyboard, keeps mute, lists 回访 and logs a disabled agent out', async () => {
    const amy = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    await amy.clock.install();
    await amy.goto(`${url}/agent`);
    await amy.fill('input[name=username]', 'amy');
    await amy.fill('input[name=password]', 'secret-amy');
    await amy.click('button[type=submit]');
    await amy.waitForSelector('.queue .empty');
    expect(await amy.locator('.follow-ups').textContent()).toContain('今天没有要回访的工单');

    // SLA countdown on the queue row: 4 minutes, amber under one left, red once past.
    const first = await customerWith(
      browser,
      url,
      '你们乱扣我话费整整三个月!气死我了!!我要投诉,转人工!',
    );
    const sla = amy.locator('.queue .case .sla');
    await sla.waitFor();
    expect(await amy.title()).toBe(`(1) ${TITLE}`); // one case waits in the queue
    expect(await sla.getAttribute('data-tone')).toBe('ok');
    expect(await sla.textContent()).toMatch(/^SLA 剩余 0[34]:\d\d$/);
    const started = Date.now();
    await amy.clock.setSystemTime(started + 3.5 * 60_000);
    await expect.poll(() => sla.getAttribute('data-tone')).toBe('low');
    await amy.screenshot({ path: 'test-results/agent-attention-sla-amber.png' });
    await amy.clock.setSystemTime(started + 4.5 * 60_000);
    await expect.poll(() => sla.getAttribute('data-tone')).toBe('breached');
    expect(await sla.textContent()).toMatch(/^SLA 已超时 00:\d\d$/);
    await amy.clock.setSystemTime(Date.now());
    await expect.poll(() => sla.getAttribute('data-tone')).toBe('ok');

    // Alt+C claims the top of the queue; the case header counts down its SLA too.
    await amy.locator('body').press('Alt+KeyC');
    await amy.waitForSelector('.conversation .case-head .sla');
    const firstId = await amy.locator('.conversation').getAttribute('data-id');
    const second = await customerWith(
      browser,
      url,
      '你们乱扣我话费两个月了!气死我了!!我要投诉,马上给我转人工!',
    );
    await amy.waitForSelector('.queue .case');
    await amy.locator('body').press('Alt+KeyC');
    await expect.poll(() => amy.locator('.tabs .tab').count()).toBe(2);
    await expect.poll(() => amy.locator('.conversation').getAttribute('data-id')).not.toBe(firstId);
    expect(await amy.title()).toBe(TITLE);

    // A message on the background case: a badge on its tab and the count in the title.
    await say(first, '还有,你们客服电话一直打不通');
    const firstTab = amy.locator(`.tabs .tab[data-id="${firstId}"]`);
    await expect.poll(() => firstTab.locator('.badge').textContent()).toBe('1');
    await expect.poll(() => amy.title()).toBe(`(1) ${TITLE}`);
    expect(await firstTab.getAttribute('aria-label')).toMatch(/1 条未读$/);
    await amy.screenshot({ path: 'test-results/agent-attention-badge-1280.png', fullPage: true });

    // Alt+↓ goes to the next case (wrapping to the first): seen, so the badge and count go.
    await amy.locator('.conversation .reply').press('Alt+ArrowDown');
    await expect.poll(() => amy.locator('.conversation').getAttribute('data-id')).toBe(firstId);
    await expect.poll(() => firstTab.locator('.badge').count()).toBe(0);
    await expect.poll(() => amy.title()).toBe(TITLE);
    expect(await amy.evaluate(() => document.activeElement?.className)).toBe('reply');

    // Read state: 未读 while the customer's chat is closed, 已读 once they open it.
    await first.click('#qingting-chat header button');
    await amy.locator('.conversation .reply').fill('您好,我是 amy,马上为您查');
    await amy.locator('.conversation .reply').press('Enter');
    const state = amy.locator('.conversation .msg.agent .read-state').last();
    await expect.poll(() => state.textContent()).toBe('未读');
    await first.waitForTimeout(1200);
    expect(await state.textContent()).toBe('未读');
    await first.click('#qingting-chat .launcher');
    await expect.poll(() => state.textContent()).toBe('已读');

    // `?` opens the help (not from a text box), Esc closes it; Alt+N and Alt+K only focus.
    await amy.locator('.conversation .reply').press('?');
    expect(await amy.locator('.shortcut-help').count()).toBe(0);
    expect(await amy.locator('.conversation .reply').inputValue()).toBe('?');
    await amy.locator('.conversation .reply').fill('');
    await amy.locator('.conversation .reply').press('Alt+KeyN');
    expect(await amy.evaluate(() => document.activeElement?.className)).toBe('note-input');
    await amy.locator('.conversation .note-input').press('Alt+KeyK');
    expect(await amy.evaluate(() => document.activeElement?.className)).toBe('resolution');
    expect(await amy.locator('.tabs .tab').count()).toBe(2);
    await amy.locator('.tabs .tab').first().focus();
    await amy.keyboard.press('?');
    await amy.waitForSelector('.shortcut-help');
    expect(await amy.locator('.shortcut-help kbd').allTextContents()).toContain('Alt+↓');
    expect(rawWordsIn(await consoleWords(amy))).toEqual([]);
    await amy.screenshot({ path: 'test-results/agent-attention-help-1280.png' });
    await amy.keyboard.press('Escape');
    expect(await amy.locator('.shortcut-help').count()).toBe(0);

    // Mute is kept across a reload; the cases come back.
    const mute = amy.locator('.mute-toggle');
    expect(await mute.textContent()).toBe('提示音：开');
    await mute.click();
    expect(await mute.textContent()).toBe('提示音：关');
    await amy.reload();
    await amy.waitForSelector('.conversation');
    expect(await amy.locator('.mute-toggle').textContent()).toBe('提示音：关');
    expect(await amy.locator('.mute-toggle').getAttribute('aria-pressed')).toBe('false');

    // Closing a case sets a 回访 due at once (FOLLOW_UP_HOURS); its alert refreshes 今日回访.
    // Before that: the read mark is kept on the case, so the reload still shows 已读.
    await amy.click(`.tabs .tab[data-id="${firstId}"]`);
    expect(await amy.locator('.conversation .msg.agent .read-state').last().textContent()).toBe(
      '已读',
    );
    await amy.click('.conversation .close');
    const followUp = amy.locator('.follow-ups .follow-up');
    await expect.poll(() => followUp.count(), { timeout: 10_000 }).toBe(1);
    // The case still open comes to the front.
    await amy.waitForSelector('.conversation');
    expect(await amy.locator('.tabs .tab').count()).toBe(1);
    await amy.setViewportSize({ width: 820, height: 1100 });
    await amy.screenshot({ path: 'test-results/agent-attention-820.png', fullPage: true });
    await amy.setViewportSize({ width: 1280, height: 900 });
    await followUp.locator('.follow-up-done').click();
    await expect.poll(() => followUp.count()).toBe(0);
    const stillDue = await api(url, '/follow-ups?due=today', { token: await login(url, 'amy') });
    expect(stillDue.body['items']).toEqual([]);

    // An administrator disables amy: her console goes back to the login and says why.
    const root = await login(url, 'root');
    const disabled = await fetch(`${url}/api/admin/agents/amy`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${root}` },
      body: JSON.stringify({ disabled: true }),
    });
    expect(disabled.status).toBe(200);
    await amy.waitForSelector('form.login .session-ended');
    expect(await amy.locator('.session-ended').textContent()).toBe(
      '你的账号已被停用或登录已被管理员结束，请联系管理员。',
    );
    await amy.screenshot({ path: 'test-results/agent-attention-ended.png' });
    for (const page of [amy, first, second]) await page.close();
  }, 120_000);

  it('notifies on the desktop only while the agent is away, after asking once on the bell, and counts the active case unread while away', async () => {
    const bob = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    // Headless Chromium has no permission prompt and always has focus: both are stood in for.
    await bob.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      w['__away'] = false;
      document.hasFocus = () => w['__away'] !== true;
      const shown: Array<{ title: string; body?: string }> = [];
      w['__shown'] = shown;
      class FakeNotification {
        static get permission(): string {
          return localStorage.getItem('fake.permission') ?? 'default';
        }
        static requestPermission(): Promise<string> {
          localStorage.setItem(
            'fake.asked',
            String(Number(localStorage.getItem('fake.asked')) + 1),
          );
          localStorage.setItem('fake.permission', 'granted');
          return Promise.resolve('granted');
        }
        onclick: (() => void) | null = null;
        constructor(title: string, options?: { body?: string }) {
          shown.push({ title, body: options?.body });
        }
        close(): void {}
      }
      w['Notification'] = FakeNotification;
    });
    const away = (value: boolean) =>
      bob.evaluate((v) => {
        (window as unknown as Record<string, unknown>)['__away'] = v;
        window.dispatchEvent(new Event(v ? 'blur' : 'focus'));
      }, value);
    const shown = () =>
      bob.evaluate(
        () => (window as unknown as { __shown: Array<{ title: string; body?: string }> }).__shown,
      );

    await bob.goto(`${url}/agent`);
    await bob.fill('input[name=username]', 'bob');
    await bob.fill('input[name=password]', 'secret-bob');
    await bob.click('button[type=submit]');
    await bob.waitForSelector('.queue');
    const bell = bob.locator('.notify-toggle');
    expect(await bell.textContent()).toBe('通知：关');
    await bell.click();
    await expect.poll(() => bell.textContent()).toBe('通知：开');
    await bob.reload();
    await bob.waitForSelector('.queue');
    expect(await bob.locator('.notify-toggle').textContent()).toBe('通知：开');
    expect(await bob.evaluate(() => localStorage.getItem('fake.asked'))).toBe('1');

    // A new case while bob looks: no notification; while he is away: one.
    await away(true);
    const customer = await customerWith(
      browser,
      url,
      '你们乱扣我话费整整半年!气死我了!!我要投诉,马上给我转人工!',
    );
    // (amy's case, put back in the queue when she was disabled, may be waiting there too)
    await expect.poll(async () => (await shown()).map((n) => n.title)).toEqual(['新的排队会话']);
    const ticket = (await shown())[0]?.body ?? '';
    expect(ticket).toMatch(/^Q\d{8}-[0-9A-Z]{6}$/);
    await away(false);
    await bob.locator('.queue .case', { hasText: ticket }).locator('.claim').click();
    await bob.waitForSelector('.conversation');
    const tab = bob.locator('.tabs .tab').first();

    await say(customer, '我在等着呢');
    await expect
      .poll(() => bob.locator('.transcript .msg.customer .text').last().textContent())
      .toBe('我在等着呢');
    expect(await tab.locator('.badge').count()).toBe(0);
    expect((await shown()).length).toBe(1);

    // Away, even the active case's message is unseen: a badge and a notification until he is back.
    await away(true);
    await say(customer, '人呢?');
    await expect.poll(() => tab.locator('.badge').textContent()).toBe('1');
    await expect.poll(async () => (await shown()).at(-1)?.title).toBe('客户发来新消息');
    expect((await shown()).at(-1)?.body).toMatch(/：人呢\?$/);
    await away(false);
    await expect.poll(() => tab.locator('.badge').count()).toBe(0);
    for (const page of [bob, customer]) await page.close();
  }, 90_000);
});
