// grammY's Node build types its signals as this shim's, so its controller is used here.
import { AbortController } from 'abort-controller';
import type { Api } from 'grammy';
import type { Logger } from 'pino';
import { TelegramUpdate } from './telegram.schema.js';

export interface TelegramPollingOptions {
  api: Api;
  onUpdate: (update: TelegramUpdate) => Promise<void>;
  logger: Logger;
  /** Long-poll timeout asked of Telegram, in seconds. */
  timeoutSeconds?: number;
  /** Least pause between two polls, so a server that answers at once is not hammered. */
  minIntervalMs?: number;
}

/**
 * Long polling when no webhook secret is set. An update's offset is confirmed only after it was
 * handled, so a crash re-delivers it (the channel de-duplicates); errors back off up to 30 s.
 * grammY's own `bot.start()` polls in a tight loop against an answer-at-once server and cannot
 * confirm per update, hence this small loop over its `Api`.
 */
export function startTelegramPolling(options: TelegramPollingOptions): {
  /** Resolves while the last poll succeeded (for `/readyz`). */
  ready(): Promise<void>;
  stop(): Promise<void>;
} {
  const { api, logger } = options;
  const controller = new AbortController();
  const minInterval = options.minIntervalMs ?? 250;
  let offset: number | undefined;

  let failures = 0;
  const loop = async (): Promise<void> => {
    // The first poll waits a moment, so the app finishes starting (its outbound worker) before replies.
    await pause(minInterval, controller.signal);
    while (!controller.signal.aborted) {
      const started = Date.now();
      try {
        const raw: unknown[] = await api.getUpdates(
          {
            ...(offset !== undefined ? { offset } : {}),
            timeout: options.timeoutSeconds ?? 25,
            allowed_updates: ['message', 'callback_query'],
          },
          controller.signal,
        );
        failures = 0;
        for (const item of raw) {
          const parsed = TelegramUpdate.safeParse(item);
          const id = updateIdOf(item);
          if (parsed.success) await options.onUpdate(parsed.data);
          else logger.warn({ channel: 'telegram', updateId: id }, 'telegram update refused');
          if (id !== undefined) offset = id + 1;
        }
      } catch (error) {
        if (controller.signal.aborted) break;
        failures += 1;
        logger.error({ err: error, channel: 'telegram' }, 'telegram polling failed');
        await pause(Math.min(30_000, 500 * 2 ** failures), controller.signal);
      }
      await pause(minInterval - (Date.now() - started), controller.signal);
    }
  };
  const running = loop();
  return {
    ready: () =>
      failures === 0
        ? Promise.resolve()
        : Promise.reject(new Error(`telegram polling failed ${failures} time(s) in a row`)),
    async stop() {
      controller.abort();
      await running;
    },
  };
}

function updateIdOf(item: unknown): number | undefined {
  const parsed = TelegramUpdate.pick({ update_id: true }).safeParse(item);
  return parsed.success ? parsed.data.update_id : undefined;
}

/** Waits, or less when polling stops. */
function pause(ms: number, signal: AbortController['signal']): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
