import { fileURLToPath } from 'node:url';
import { type Browser, type Page } from 'playwright-core';
import { hasChromium, launchChromium } from '../../support/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { api, login } from '../../handoff/harness.js';
import { startIntakeApp } from '../../handoff/round-trip.support.js';
import { startDirectLine } from '../support/direct-line.js';

const WEBCHAT_BUNDLE = fileURLToPath(
  new URL('../../../node_modules/botframework-webchat/dist/webchat.js', import.meta.url),
);

/** Web Chat's prebuilt bundle talking to offline-directline by polling, as a company page embeds it. */
const PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Web Chat</title>
<script src="/webchat.js"></script></head>
<body style="margin:0"><div id="webchat" style="height:640px;width:480px"></div>
<script>
  const directLine = window.WebChat.createDirectLine({
    domain: location.origin + '/directline', webSocket: false, token: 'offline', pollingInterval: 300,
  });
  window.WebChat.renderWebChat(
    { directLine, userID: 'dl_customer', username: '顾客', locale: 'zh-CN' },
    document.getElementById('webchat'),
  );
</script></body></html>`;

/** Bot Framework Web Chat in headless Chromium: the bot, then the agent, then the survey. */
describe.skipIf(!hasChromium)('Bot Framework Web Chat in Chromium', () => {
  let app: App;
  let url: string;
  let directLine: Awaited<ReturnType<typeof startDirectLine>>;
  let browser: Browser;

  beforeAll(async () => {
    ({ app, url } = await startIntakeApp({ BOT_FRAMEWORK_ENABLED: 'true' }));
    directLine = await startDirectLine(`${url}/api/messages`);
    directLine.app.get('/', (_req, res) => {
      res.type('html').send(PAGE);
    });
    directLine.app.get('/webchat.js', (_req, res) => {
      res.sendFile(WEBCHAT_BUNDLE);
    });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await directLine?.close();
    await app?.close();
  });

  const send = async (page: Page, text: string): Promise<void> => {
    const box = page.locator('[data-id="webchat-sendbox-input"]');
    await box.fill(text);
    await box.press('Enter');
  };
  const shown = (page: Page, text: string) =>
    expect
      .poll(() => page.getByText(text, { exact: false }).count(), { timeout: 20_000 })
      .toBeGreaterThan(0);

  it('shows the bot, then an agent reply, then the survey buttons', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 480, height: 640 } });
    await page.goto(directLine.url);
    await page.locator('[data-id="webchat-sendbox-input"]').waitFor({ timeout: 30_000 });

    await send(page, '你们乱扣我话费整整三个月!气死我了!!我要投诉,马上给我转人工!');
    const amy = await login(url, 'amy');
    const queued = () =>
      api(url, '/queue', { token: amy }).then(
        (r) => (r.body['items'] as Array<{ id: string; ticketId: string }>)[0],
      );
    await expect.poll(queued, { timeout: 20_000 }).toBeDefined();
    const { id = '', ticketId = '' } = (await queued()) ?? {};
    // The assistant's handoff message names the ticket the agent now holds.
    await shown(page, ticketId);
    await page.screenshot({ path: 'test-results/webchat-bot.png' });

    expect((await api(url, `/handoffs/${id}/claim`, { token: amy, body: {} })).status).toBe(200);
    await shown(page, '已接入');
    await api(url, `/handoffs/${id}/messages`, {
      token: amy,
      body: { text: '您好,我是客服小艾,已看到您的扣费记录,马上为您处理退款。' },
    });
    await shown(page, '马上为您处理退款');
    await page.screenshot({ path: 'test-results/webchat-agent.png' });

    await api(url, `/handoffs/${id}/close`, { token: amy, body: { resolution: 'refunded' } });
    const five = page.locator('.webchat__suggested-actions__button', { hasText: /^5$/ });
    await five.waitFor({ timeout: 20_000 });
    await page.screenshot({ path: 'test-results/webchat-survey.png' });
    await five.click();
    await expect
      .poll(async () => (await api(url, `/handoffs/${id}`, { token: amy })).body['survey'], {
        timeout: 20_000,
      })
      .toMatchObject({ rating: 5 });
    await page.close();
  }, 120_000);
});
