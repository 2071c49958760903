import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv } from '../src/config/env.js';

describe('loadEnv', () => {
  it('gives the embedded defaults for an empty environment', () => {
    const env = loadEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.OPENAI_API_KEY).toBeUndefined();
    expect(Object.isFrozen(env)).toBe(true);
  });

  it('names the bad variable and what it expected', () => {
    expect(() => loadEnv({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadEnv({ REDIS_URL: 'http://x' })).toThrow(/REDIS_URL/);
  });

  it('treats an empty optional variable as unset', () => {
    expect(loadEnv({ OPENAI_API_KEY: '' }).OPENAI_API_KEY).toBeUndefined();
  });
});

describe('loadEnv: runtime security rules', () => {
  const messageOf = (source: Record<string, string>): string => {
    try {
      loadEnv(source);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('expected a ConfigError');
  };

  it('requires AGENT_TOKEN_SECRET in Redis mode, in one line', () => {
    const message = messageOf({ REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(message).toBe(
      'Invalid AGENT_TOKEN_SECRET: required when REDIS_URL is set (every instance must verify the same tokens) (unset)',
    );
    expect(
      loadEnv({ REDIS_URL: 'redis://h:1', AGENT_TOKEN_SECRET: 'x'.repeat(32) }).REDIS_URL,
    ).toBe('redis://h:1');
  });

  it('never prints a secret value', () => {
    const secret = 'too-short-secret';
    const message = messageOf({ AGENT_TOKEN_SECRET: secret });
    expect(message).toBe(
      'Invalid AGENT_TOKEN_SECRET: must be at least 32 characters (value hidden)',
    );
    const seed = messageOf({ AGENT_SEED: 'amy:hunter2' });
    expect(seed).not.toContain('hunter2');
    expect(seed).toBe(
      'Invalid AGENT_SEED: entry 1: password shorter than 8 characters (value hidden)',
    );
    expect(messageOf({ REDIS_URL: 'http://user:pa55word@x' })).not.toContain('pa55word');
  });

  it('refuses seeded passwords shorter than 8 characters and names the entry', () => {
    expect(messageOf({ AGENT_SEED: 'amy:long-enough,bob:short' })).toMatch(
      /^Invalid AGENT_SEED: entry 2: password shorter than 8 characters/,
    );
    expect(loadEnv({ AGENT_SEED: 'amy:long-enough' }).AGENT_SEED).toBe('amy:long-enough');
  });

  it('parses TRUST_PROXY as express does, refusing "trust everyone" and junk', () => {
    expect(loadEnv({}).TRUST_PROXY).toBe(false);
    expect(loadEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadEnv({ TRUST_PROXY: 'loopback, 10.0.0.0/8, ::1' }).TRUST_PROXY).toEqual([
      'loopback',
      '10.0.0.0/8',
      '::1',
    ]);
    expect(messageOf({ TRUST_PROXY: 'true' })).toMatch(/^Invalid TRUST_PROXY: "true" is not/);
    expect(messageOf({ TRUST_PROXY: '10.0.0.0/33' })).toMatch(/^Invalid TRUST_PROXY/);
  });

  it('reports every bad value as one line naming the variable, never as zod JSON', () => {
    const samples: Record<string, string>[] = [
      { PORT: '-1' },
      { SESSION_TTL_DAYS: 'forever' },
      { TURN_DEADLINE_MS: '0' },
      { LOG_LEVEL: 'loud' },
      { BUSINESS_HOURS: 'always' },
      { AGENT_SEED: '<b>:password1' },
      { AGENT_PRESENCE_TTL_SECONDS: '1' },
    ];
    for (const source of samples) {
      const message = messageOf(source);
      const [variable] = Object.keys(source);
      expect(message.startsWith(`Invalid ${variable}: `)).toBe(true);
      expect(message).not.toMatch(/[\n{[]/);
    }
  });
});
