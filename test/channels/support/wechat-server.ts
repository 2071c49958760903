import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { SentMessage } from './wechat-fake.js';

/**
 * The WeChat API as a real HTTP server, for a server running in another process (nock only
 * intercepts this one). While `down`, every send answers 503; sends are recorded once accepted.
 */
export async function startWechatServer(): Promise<{
  url: string;
  sent: SentMessage[];
  failedAttempts(): number;
  setDown(down: boolean): void;
  close(): Promise<void>;
}> {
  const sent: SentMessage[] = [];
  let down = true;
  let failed = 0;
  const app = express();
  app.get('/cgi-bin/token', (_req, res) => {
    res.json({ access_token: 'SERVER_TOKEN', expires_in: 7200 });
  });
  app.post('/cgi-bin/message/custom/send', express.json(), (req, res) => {
    if (down) {
      failed += 1;
      return void res.status(503).send('down');
    }
    sent.push(SentMessage.parse(req.body));
    res.json({ errcode: 0, errmsg: 'ok' });
  });
  app.post('/cgi-bin/message/custom/typing', (_req, res) => {
    res.json({ errcode: 0, errmsg: 'ok' });
  });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent,
    failedAttempts: () => failed,
    setDown: (value) => {
      down = value;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
