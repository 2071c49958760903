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
