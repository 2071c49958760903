import type { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { startIntakeApp } from '../../handoff/round-trip.support.js';
import { BOT_TOKEN, startTelegramEmulator, TelegramCustomer } from '../support/telegram.js';

/** Telegram by long polling against telegram-test-api (the shared scenarios run in contract.test.ts). */
describe('Telegram channel through telegram-test-api (long polling)', () => {
  let app: App | undefined;
  let emulator: TelegramServer | undefined;
  afterEach(async () => {
    await app?.close();
    await emulator?.stop();
    app = undefined;
    emulator = undefined;
  });

  async function start(): Promise<{ url: string; customer: TelegramCustomer }> {
    emulator = await startTelegramEmulator();
    const started = await startIntakeApp({
      TELEGRAM_BOT_TOKEN: BOT_TOKEN,
      TELEGRAM_API_ROOT: emulator.config.apiURL,
    });
    app = started.app;
    return { url: started.url, customer: new TelegramCustomer(emulator, started.app) };
  }

  it('lists itself as enabled, polling', async () => {
    const { url } = await start();
    const ready = (await (await fetch(`${url}/readyz`)).json()) as {
      checks: Record<string, string>;
    };
    expect(ready.checks['channel:telegram']).toBe('ok');
    expect(app?.channels.enabled.map((c) => `${c.id} ${c.endpoint}`)).toContain(
      'telegram long polling',
    );
  });

  it('files a ticket, the confirmation tapped on an inline keyboard', async () => {
    const { url, customer } = await start();
    await customer.say('我的话费昨天被多扣了50元');
    await customer.next((line) => line.act === 'ask', 'a question');
    await customer.say('13812345678');
    const restated = await customer.next((line) => line.act === 'confirm', 'the restatement');
    expect(restated.suggestions?.length).toBeGreaterThan(0);
    const keyboard = customer.sent().at(-1)?.keyboard ?? [];
    const yes = keyboard[0];
    expect(yes?.text).toBe(restated.suggestions?.[0]);
    await customer.press(yes ?? {});
    const filed = await customer.next((line) => line.act === 'ticket', 'the ticket');
    expect(filed.ticketId).toBeDefined();
    expect(filed.text).toContain(filed.ticketId);
    expect(url).toContain('http');
  });

  it('greets on /start and asks politely for text when sent a sticker', async () => {
    const { customer } = await start();
    await customer.say('/start');
    const greeting = await customer.next(() => true, 'the greeting');
    expect(greeting.text.length).toBeGreaterThan(5);
    await customer.sendRaw({ sticker: { file_id: 'CAAC-sticker', emoji: '😡' } });
    const note = await customer.next((line) => line.text.includes('文字'), 'please type');
    expect(note.text).toContain('表情');
  });
});
