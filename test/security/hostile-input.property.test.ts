import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { CHAT_ERRORS, type MessageAck } from '../../src/channels/web/protocol.js';
import { ConfigError, loadEnv } from '../../src/config/env.js';
import { FlowFile } from '../../src/flows/flow.schema.js';
import { parseYaml } from '../../src/flows/yaml-config.js';
import { KnowledgeFileError } from '../../src/knowledge/knowledge-error.js';
import { parseKnowledgeJsonl } from '../../src/knowledge/jsonl.knowledge-loader.js';
import { NAUGHTY_STRINGS } from '../fixtures/naughty-strings.js';
import { login } from '../handoff/harness.js';
import { connectChat, startTestApp, type ChatClient } from '../support/test-app.js';

/** Text an attacker would send: the fixture, arbitrary Unicode (lone surrogates too), and mixes. */
const hostileText = fc.oneof(
  fc.constantFrom(...NAUGHTY_STRINGS),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc
    .array(fc.constantFrom(...NAUGHTY_STRINGS, '退钱', '13812345678', '!!!', '😡'), {
      maxLength: 12,
    })
    .map((parts) => parts.join('')),
);
/** Any JSON-ish value, including prototype-polluting keys. */
const hostileValue = fc.oneof(
  fc.anything({ withNullPrototype: true, withObjectString: true }),
  fc.record({ text: hostileText, clientMessageId: hostileText }),
  fc.record({ text: fc.anything(), clientMessageId: fc.anything() }),
  fc.constant(JSON.parse('{"__proto__":{"ok":true},"text":"x","clientMessageId":"y"}') as unknown),
);

const isAck = (ack: MessageAck): boolean =>
  ack.ok
    ? typeof ack.id === 'string' && ack.id.length > 0
    : (CHAT_ERRORS as readonly string[]).includes(ack.error);

describe('hostile input (fast-check)', { timeout: 180_000 }, () => {
  let app: App;
  let url: string;
  let token: string;
  beforeAll(async () => {
    ({ app, url } = await startTestApp({
      AGENT_SEED: 'amy:secret-amy',
      CHAT_RATE_LIMIT: '1000',
      SESSIONS_PER_ADDRESS: '10000',
      AGENT_LOGIN_ATTEMPTS: '1000',
    }));
    token = await login(url, 'amy');
  });
  afterAll(async () => {
    await app.close();
  });
  const alive = async (): Promise<void> => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  };

  it('answers every socket `message` payload with a well-formed ack', async () => {
    const { client }: { client: ChatClient } = await connectChat(url);
    await fc.assert(
      fc.asyncProperty(hostileValue, async (payload) => {
        const ack = (await client
          .timeout(10_000)
          .emitWithAck('message', payload as never)) as MessageAck;
        expect(isAck(ack)).toBe(true);
      }),
      { numRuns: 150 },
    );
    client.disconnect();
    await alive();
  });

  it('opens a session or refuses cleanly for any handshake `auth`', async () => {
    await fc.assert(
      fc.asyncProperty(
        // socket.io sends `auth` as an object; anything inside it is fair game.
        fc.oneof(
          fc.object({ withNullPrototype: true }),
          fc.record({ sessionId: fc.oneof(hostileText, fc.anything()), lang: hostileText }),
        ),
        async (auth) => {
          const { client, session } = await connectChat(url, auth);
          expect(session.sessionId).toMatch(/^[A-Za-z0-9_-]{32}$/);
          client.disconnect();
        },
      ),
      { numRuns: 60 },
    );
    await alive();
  });

  it('never answers 5xx to hostile HTTP bodies, paths or tokens', async () => {
    const rawBody = fc.oneof(
      hostileValue.map((value) => JSON.stringify(value) ?? 'null'),
      hostileText,
    );
    const call = fc.record({
      path: fc.constantFrom(
        '/api/agent/login',
        '/api/agent/handoffs/00000000-0000-4000-8000-000000000000/messages',
        '/api/agent/handoffs/00000000-0000-4000-8000-000000000000/transfer',
        '/api/agent/handoffs/00000000-0000-4000-8000-000000000000/close',
      ),
      body: rawBody,
      contentType: fc.constantFrom(
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded',
      ),
      auth: fc.oneof(
        fc.constant(`Bearer ${token}`),
        hostileText.map((t) => `Bearer ${t}`),
      ),
    });
    await fc.assert(
      fc.asyncProperty(call, async ({ path, body, contentType, auth }) => {
        let authorization = auth;
        if (!/^[\t\x20-\x7e]*$/.test(authorization)) authorization = 'Bearer x';
        const response = await fetch(`${url}${path}`, {
          method: 'POST',
          headers: { 'content-type': contentType, authorization },
          body,
        });
        await response.arrayBuffer();
        expect(response.status).toBeGreaterThanOrEqual(200);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(hostileText, async (id) => {
        // Percent-encode the UTF-8 bytes: a lone surrogate goes out as U+FFFD, as browsers send it.
        const encoded = [...Buffer.from(id)].map((b) => `%${b.toString(16).padStart(2, '0')}`);
        const response = await fetch(`${url}/api/tickets/${encoded.join('')}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        await response.arrayBuffer();
        // A very long encoded id is refused by Node's HTTP parser before routing (431): still a clear 4xx.
        expect([400, 404, 414, 431]).toContain(response.status);
      }),
      { numRuns: 80 },
    );
    await alive();
  });
});

describe('hostile configuration (fast-check)', () => {
  const variables = [
    'PORT',
    'REDIS_URL',
    'AGENT_SEED',
    'AGENT_TOKEN_SECRET',
    'TRUST_PROXY',
    'SESSION_TTL_DAYS',
    'TURN_DEADLINE_MS',
    'BUSINESS_HOURS',
    'LOG_LEVEL',
    'OPENAI_BASE_URL',
  ] as const;

  it('parses any environment or refuses it with one line naming a variable, hiding secrets', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...variables), hostileText, { maxKeys: 4 }),
        (source) => {
          try {
            loadEnv(source);
          } catch (error) {
            expect(error).toBeInstanceOf(ConfigError);
            const message = (error as Error).message;
            expect(message).toMatch(/^Invalid [A-Z_]+: /);
            expect(message).not.toContain('\n');
            for (const secret of ['AGENT_TOKEN_SECRET', 'AGENT_SEED', 'REDIS_URL'] as const) {
              const value = source[secret];
              if (
                value !== undefined &&
                value.length >= 4 &&
                message.startsWith(`Invalid ${secret}`)
              )
                expect(message).not.toContain(value);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('turns any flow YAML into a flow or file-and-line problems, never a throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileText,
          fc.anything().map((value) => JSON.stringify(value) ?? ''),
        ),
        (text) => {
          const result = parseYaml('flows/x.yaml', text, FlowFile);
          if (!result.ok) {
            expect(result.problems.length).toBeGreaterThan(0);
            for (const problem of result.problems) expect(problem.line).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('loads any knowledge-base text or refuses it with a KnowledgeFileError', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            hostileText,
            hostileValue.map((v) => JSON.stringify(v) ?? ''),
          ),
          {
            maxLength: 5,
          },
        ),
        (lines) => {
          try {
            parseKnowledgeJsonl(lines.join('\n'), 'kb.jsonl');
          } catch (error) {
            expect(error).toBeInstanceOf(KnowledgeFileError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
