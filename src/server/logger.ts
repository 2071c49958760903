import { pino, type Logger } from 'pino';
import type { Env } from '../config/env.js';

/**
 * Structured JSON logs. Customer text never goes out at info level: log ids, counts and lengths;
 * `redact` is a second line of defence for fields that must never be printed.
 */
export function createLogger(env: Pick<Env, 'LOG_LEVEL'>): Logger {
  return pino({
    level: env.LOG_LEVEL,
    base: { service: 'qingting' },
    redact: {
      paths: ['text', '*.text', 'password', '*.password', 'token', '*.token', 'sessionId'],
      censor: '[redacted]',
    },
  });
}
