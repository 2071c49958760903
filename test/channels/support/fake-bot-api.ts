import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

export interface BotApiCall {
  method: string;
  body: Record<string, unknown>;
}

/**
 * A local stand-in for the Telegram Bot API that records every call and answers like Telegram
 * (`{ ok, result }`, or `{ ok: false, error_code, description }` for a scripted failure). Used where
 * telegram-test-api cannot help: it has no `sendChatAction` and never sends the secret header.
 */
export async function startFakeBotApi(): Promise<{
  url: string;
  calls: BotApiCall[];
  failNext(code: number, description: string): void;
  close(): Promise<void>;
}> {
  const calls: BotApiCall[] = [];
  const failures: Array<{ code: number; description: string }> = [];
  const app = express();
  app.use(express.json());
  app.post('/:bot/:method', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    calls.push({ method: req.params.method, body });
    const failure = failures.shift();
    if (failure) {
      res
        .status(failure.code)
        .json({ ok: false, error_code: failure.code, description: failure.description });
      return;
    }
    const result =
      req.params.method === 'sendMessage'
        ? {
            message_id: calls.length,
            date: 0,
            chat: { id: body['chat_id'], type: 'private' },
            text: body['text'],
          }
        : true;
    res.json({ ok: true, result });
  });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    failNext: (code, description) => failures.push({ code, description }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
