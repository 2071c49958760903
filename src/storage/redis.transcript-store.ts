import { Message } from '../domain/message.js';
import type { RedisClient } from './redis-client.js';
import type { TranscriptStore } from './transcript.port.js';

/**
 * Appends a message once per id: the id set and the list change together or not at all, and both
 * expire ARGV[3] seconds after the conversation's last line (none when empty).
 */
const APPEND_ONCE = `
if redis.call('SADD', KEYS[1], ARGV[1]) == 1 then redis.call('RPUSH', KEYS[2], ARGV[2]) end
if ARGV[3] ~= '' then
  redis.call('EXPIRE', KEYS[1], ARGV[3])
  redis.call('EXPIRE', KEYS[2], ARGV[3])
end
return 1`;

/**
 * Redis-mode transcript: a list per conversation plus the set of ids already appended. This is the
 * hot copy (history replay, summaries); with `ttlSeconds` it expires after the last activity.
 */
export class RedisTranscriptStore implements TranscriptStore {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
    private readonly ttlSeconds?: number,
  ) {}

  async append(conversationId: string, message: Message): Promise<void> {
    const base = `${this.prefix}transcript:${conversationId}`;
    await this.client.eval(APPEND_ONCE, {
      keys: [`${base}:ids`, `${base}:lines`],
      arguments: [
        message.id,
        JSON.stringify(message),
        this.ttlSeconds === undefined ? '' : String(Math.ceil(this.ttlSeconds)),
      ],
    });
  }

  async list(conversationId: string): Promise<Message[]> {
    const lines = await this.client.lRange(
      `${this.prefix}transcript:${conversationId}:lines`,
      0,
      -1,
    );
    return lines.map((line) => Message.parse(JSON.parse(line)));
  }
}
