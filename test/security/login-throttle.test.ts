import { afterEach, describe, expect, it, vi } from 'vitest';
import { SeededAgentDirectory } from '../../src/agents/agent-directory.js';
import type { App } from '../../src/app.js';
import { redisAvailable, TEST_REDIS_URL } from '../support/redis.js';
import { redisScope } from '../support/redis-scope.js';
import { startTestApp } from '../support/test-app.js';

const ATTEMPTS = 5;
/** Long enough that a burst on a loaded machine never straddles two windows. */
const WINDOW_SECONDS = 600;
const SHORT_WINDOW_SECONDS = 2;
const SEED = { AGENT_SEED: 'amy:secret-amy,bob:secret-bob,cat:secret-cat' };

async function loginAs(
  url: string,
  username: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<number> {
  const response = await fetch(`${url}/api/agent/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
  });
  await response.arrayBuffer();
  return response.status;
}

const statusCounts = (statuses: number[]): Record<number, number> =>
  statuses.reduce<Record<number, number>>((counts, status) => {
    counts[status] = (counts[status] ?? 0) + 1;
    return counts;
  }, {});

/** The attacks of issue 9 item 2, against one app built with `env`. */
function throttleSuite(mode: string, env: () => Record<string, string>): void {
  describe(`login throttling (${mode})`, { timeout: 60_000 }, () => {
    let app: App | undefined;
    afterEach(async () => {
      vi.restoreAllMocks();
      await app?.close();
      app = undefined;
    });

    const start = async (extra: Record<string, string> = {}) => {
      const started = await startTestApp({
        ...SEED,
        AGENT_LOGIN_ATTEMPTS: String(ATTEMPTS),
        AGENT_LOGIN_WINDOW_SECONDS: String(WINDOW_SECONDS),
        ...env(),
        ...extra,
      });
      app = started.app;
      return started.url;
    };

    it('checks at most the configured number of 200 concurrent wrong passwords; the rest get 429', async () => {
      const url = await start();
      const checks = vi.spyOn(SeededAgentDirectory.prototype, 'verify');
      const statuses = await Promise.all(
        Array.from({ length: 200 }, (_, i) => loginAs(url, 'amy', `wrong-${i}`)),
      );
      expect(checks.mock.calls.length).toBeLessThanOrEqual(ATTEMPTS);
      expect(statusCounts(statuses)).toEqual({
        401: checks.mock.calls.length,
        429: 200 - checks.mock.calls.length,
      });

      // The right password during the lock-out is refused without being checked.
      expect(await loginAs(url, 'amy', 'secret-amy')).toBe(429);
      expect(checks.mock.calls.length).toBeLessThanOrEqual(ATTEMPTS);
    });

    it('refuses the right password after a lock-out until the window has passed', async () => {
      const url = await start({ AGENT_LOGIN_WINDOW_SECONDS: String(SHORT_WINDOW_SECONDS) });
      for (let i = 0; i < ATTEMPTS; i++) expect(await loginAs(url, 'cat', `no-${i}`)).toBe(401);
      expect(await loginAs(url, 'cat', 'secret-cat')).toBe(429);
      await new Promise((resolve) => setTimeout(resolve, SHORT_WINDOW_SECONDS * 1000 + 300));
      expect(await loginAs(url, 'cat', 'secret-cat')).toBe(200);
    });

    it('lets 39 wrong passwords and the right one, sent together, not log in beyond the allowance', async () => {
      const url = await start();
      const checks = vi.spyOn(SeededAgentDirectory.prototype, 'verify');
      const attempts = Array.from({ length: 40 }, (_, i) => (i === 39 ? 'secret-bob' : `no-${i}`));
      const statuses = await Promise.all(attempts.map((password) => loginAs(url, 'bob', password)));
      expect(checks.mock.calls.length).toBeLessThanOrEqual(ATTEMPTS);
      expect(statuses.filter((s) => s === 429)).toHaveLength(40 - checks.mock.calls.length);
    });

    it('does not believe X-Forwarded-For from an untrusted peer, so forging it keeps the address limit', async () => {
      const url = await start();
      // Per-address allowance is 4 × ATTEMPTS; a new username each time, so no per-user limit applies.
      const statuses: number[] = [];
      for (let i = 0; i < 4 * ATTEMPTS + 3; i++) {
        statuses.push(
          await loginAs(url, `guess${i}`, 'wrong-password', {
            'x-forwarded-for': `203.0.113.${i + 1}`,
          }),
        );
      }
      expect(statuses.slice(0, 4 * ATTEMPTS).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(-3)).toEqual([429, 429, 429]);
    });

    it('believes X-Forwarded-For only from a proxy listed in TRUST_PROXY', async () => {
      const url = await start({ TRUST_PROXY: 'loopback' });
      const fromA = await Promise.all(
        Array.from({ length: ATTEMPTS }, (_, i) =>
          loginAs(url, 'amy', `wrong-${i}`, { 'x-forwarded-for': '198.51.100.7' }),
        ),
      );
      expect(fromA.every((s) => s === 401)).toBe(true);
      // amy is now locked whoever asks; bob from another client address still gets his checks.
      expect(await loginAs(url, 'amy', 'secret-amy', { 'x-forwarded-for': '198.51.100.8' })).toBe(
        429,
      );
      expect(await loginAs(url, 'bob', 'secret-bob', { 'x-forwarded-for': '198.51.100.8' })).toBe(
        200,
      );
    });
  });
}

throttleSuite('memory', () => ({}));

describe.runIf(await redisAvailable())('with Redis', () => {
  const redis = redisScope('login-throttle');
  throttleSuite('redis', () => {
    redis.client();
    return { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: redis.prefix() };
  });
});
