import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { buildBundle } from '../../scripts/build-browser-bundles.js';
import { api, draft } from '../handoff/harness.js';
import { hasChromium } from '../support/chromium.js';
import {
  ADMIN_SHOTS as SHOTS,
  adminBrowser,
  staffPage,
  submitLogin,
} from '../support/staff-pages.js';
import { startTestApp } from '../support/test-app.js';

const WIDTHS = [1280, 820] as const;

async function shoot(page: Page, name: string): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow, `${name} at ${width} px scrolls sideways`).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe.skipIf(!hasChromium)(
  'admin console: first run, people, audit, system',
  { timeout: 240_000 },
  () => {
    let app: App;
    let url: string;
    let browser: Browser;

    beforeAll(async () => {
      await Promise.all([buildBundle('adminConsole'), buildBundle('agentConsole')]);
      // A first run: a fresh database and no AGENT_SEED.
      ({ app, url } = await startTestApp({
        RECORDS: 'database',
        DATA_DIR: 'memory://',
        AGENT_SEED: '',
      }));
      browser = await adminBrowser();
    }, 240_000);
    afterAll(async () => {
      await browser?.close();
      await app?.close();
    });

    it('sets up the first admin, who creates an agent, disables them mid-case, and reads it all back', async () => {
      const admin = await browser.newPage({
        locale: 'zh-CN',
        viewport: { width: 1280, height: 900 },
      });
      admin.on('dialog', (dialog) => void dialog.accept());

      // 1. First run: the one-time link creates the first admin and logs them in.
      expect(app.setupPath).toBeDefined();
      await admin.goto(`${url}${app.setupPath ?? ''}`);
      await admin.waitForSelector('.setup input[name=username]');
      await shoot(admin, 'setup');
      await admin.fill('.setup input[name=username]', 'boss');
      await admin.fill('.setup input[name=displayName]', '王经理');
      await admin.fill('.setup input[name=password]', 'boss-password');
      await admin.click('.setup button[type=submit]');
      await admin.waitForSelector('nav a[aria-current=page]');
      expect(new URL(admin.url()).pathname).toBe('/admin');
      expect(await admin.locator('nav a').allTextContents()).toEqual([
        '首页',
        '人员',
        '配置',
        '审计日志',
        '系统',
      ]);
      // The link is dead now.
      const dead = await browser.newPage({ locale: 'zh-CN' });
      await dead.goto(`${url}${app.setupPath ?? ''}`);
      await expect
        .poll(() => dead.locator('.setup .error').textContent())
        .toMatch(/^setup is done/);
      await dead.close();

      // 2. People: create an agent with a group and a capacity.
      await admin.click('nav a[href="/admin/people"]');
      await admin.waitForSelector('[data-agent=boss]');
      await admin.fill('[data-form=create-agent] input[name=username]', 'cat');
      await admin.fill('[data-form=create-agent] input[name=displayName]', '小猫');
      await admin.fill('[data-form=create-agent] input[name=password]', 'short');
      await admin.click('[data-form=create-agent] button[type=submit]');
      // The browser's own minLength check stops it first; nothing is created.
      expect(await admin.locator('[data-agent=cat]').count()).toBe(0);
      await admin.fill('[data-form=create-agent] input[name=password]', 'secret-cat');
      await admin.fill('[data-form=create-agent] input[name=groups]', 'billing, vip');
      await admin.fill('[data-form=create-agent] input[name=capacity]', '2');
      await admin.click('[data-form=create-agent] button[type=submit]');
      await admin.waitForSelector('[data-agent=cat]');
      expect(await admin.locator('[data-agent=cat]').innerText()).toMatch(
        /小猫[\s\S]*坐席[\s\S]*billing, vip[\s\S]*2[\s\S]*启用/,
      );
      expect(await admin.locator('[data-group=vip]').innerText()).toContain('cat');
      await shoot(admin, 'people');

      // 3. The new agent logs in on /agent and takes a case.
      const agent = await staffPage(browser, url, '/agent', { width: 1280, height: 860 });
      await submitLogin(agent, 'cat');
      await expect.poll(() => agent.locator('.me').textContent()).toBe('cat');
      const catToken = String(
        (await api(url, '/login', { body: { username: 'cat', password: 'secret-cat' } })).body[
          'token'
        ],
      );
      const ticket = await app.context.tickets.create(draft('people-browser-1'));
      await app.context.handoff.trigger.request({
        conversationId: 'people-browser-1',
        ticketId: ticket.id,
        rule: 'anger',
        lang: 'zh',
        channel: 'web',
      });
      const queued = (await api(url, '/queue', { token: catToken })).body['items'] as Array<{
        id: string;
      }>;
      const caseId = queued[0]?.id ?? '';
      expect(
        (await api(url, `/handoffs/${caseId}/claim`, { token: catToken, body: {} })).status,
      ).toBe(200);
      const online = () => app.context.handoff.service.assignedTo('cat');
      expect((await online()).map((h) => h.id)).toEqual([caseId]);

      // 4. Disable: the agent's sessions end and the case goes back to the queue.
      await admin.click('[data-agent=cat] [data-action=toggle]');
      await expect
        .poll(() => admin.locator('[data-agent=cat] [data-status]').textContent())
        .toBe('已停用');
      const boss = String(
        (await api(url, '/login', { body: { username: 'boss', password: 'boss-password' } })).body[
          'token'
        ],
      );
      expect((await api(url, `/handoffs/${caseId}`, { token: boss })).body).toMatchObject({
        state: 'queued',
      });
      expect(await online()).toEqual([]);
      expect((await api(url, '/me', { token: catToken })).status).toBe(401);
      await agent.reload();
      await agent.waitForSelector('input[name=password]');
      await agent.close();

      // 5. The audit log shows those actions, filterable by target.
      await admin.click('nav a[href="/admin/audit"]');
      await admin.waitForSelector('[data-section=audit] tbody tr');
      const actions = await admin
        .locator('[data-section=audit] tbody tr')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action') ?? ''));
      // Newest first; the handoff archive audits the claim too.
      expect(actions.filter((action) => action.startsWith('agent.'))).toEqual([
        'agent.disable',
        'agent.create',
        'agent.create',
      ]);
      await admin.fill('.filters input[name=target]', 'boss');
      await admin.click('.filters button[type=submit]');
      await expect.poll(() => admin.locator('[data-section=audit] tbody tr').count()).toBe(1);
      expect(await admin.locator('[data-section=audit] tbody').innerText()).toContain(
        'first-run setup',
      );
      await admin.fill('.filters input[name=target]', '');
      await admin.fill('.filters input[name=action]', 'agent');
      await admin.click('.filters button[type=submit]');
      await expect.poll(() => admin.locator('[data-section=audit] tbody tr').count()).toBe(3);
      await shoot(admin, 'audit');

      // 6. The system view: this instance, the web chat, the database, the queue.
      await admin.click('nav a[href="/admin/system"]');
      await admin.waitForSelector('[data-section=instances] tbody tr');
      expect(await admin.locator('[data-section=instances] tbody tr').count()).toBe(1);
      expect(await admin.locator('[data-channel=webchat] dd').textContent()).toBe('正常');
      expect(await admin.locator('[data-figure=queued]').textContent()).toBe('1');
      await shoot(admin, 'system');

      // 7. English, and a reload keeps the page (path routing).
      await admin.click('.lang');
      await expect
        .poll(() => admin.locator('nav a[aria-current=page]').textContent())
        .toBe('System');
      await admin.reload();
      await admin.waitForSelector('[data-section=instances]');
      await admin.close();
    });
  },
);
