import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { createApp, type App, type AppOptions } from '../../src/app.js';
import type {
  ClientToServerEvents,
  MessageAck,
  ServerToClientEvents,
  SessionPayload,
} from '../../src/channels/web/protocol.js';
import { loadEnv } from '../../src/config/env.js';
import type { Message } from '../../src/domain/message.js';

/** Redis mode refuses to start without a shared token secret; tests share this one. */
const AGENT_TOKEN_SECRET = 'test-app-secret-test-app-secret-0123456';

export type ChatClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Starts a real app on a free port; environment overrides go through the real zod config. */
export async function startTestApp(
  env: Record<string, string> = {},
  options: AppOptions = {},
): Promise<{ app: App; url: string }> {
  // No system of record unless a test asks for one (RECORDS=database): opening PGlite takes seconds.
  const app = await createApp(
    loadEnv({ LOG_LEVEL: 'silent', RECORDS: 'none', AGENT_TOKEN_SECRET, ...env }),
    {
      logger: pino({ level: 'silent' }),
      ...options,
    },
  );
  const url = await app.listen(0, '127.0.0.1');
  return { app, url };
}

/** A real socket.io client on `/chat`, resolved once the server's `session` event arrives. */
export async function connectChat(
  url: string,
  auth: Record<string, unknown> = {},
): Promise<{ client: ChatClient; session: SessionPayload; box: Inbox }> {
  const client: ChatClient = connect(`${url}/chat`, {
    auth,
    transports: ['websocket'],
    reconnection: false,
  });
  const box = inbox(client);
  const session = await new Promise<SessionPayload>((resolve, reject) => {
    client.once('session', resolve);
    client.once('connect_error', reject);
  });
  return { client, session, box };
}

/** A customer message on the chat socket, as the widget sends it (a fresh client message id); the ack. */
export function say(client: ChatClient, text: string): Promise<MessageAck> {
  return client.emitWithAck('message', { text, clientMessageId: randomUUID() });
}

export interface Inbox {
  messages: Message[];
  next(count?: number): Promise<Message[]>;
}

/** Collects server `message` events from the moment of connecting, so none is missed. */
function inbox(client: ChatClient): Inbox {
  const messages: Message[] = [];
  const waiters: Array<() => void> = [];
  client.on('message', (message) => {
    messages.push(message);
    waiters.splice(0).forEach((wake) => wake());
  });
  let seen = 0;
  return {
    messages,
    async next(count = 1) {
      while (messages.length < seen + count) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`waited for ${count} message(s)`)), 5000);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      const batch = messages.slice(seen, seen + count);
      seen += count;
      return batch;
    },
  };
}
