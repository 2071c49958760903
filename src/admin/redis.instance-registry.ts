import type { RedisClientType } from 'redis';
import { byStart, LiveInstance, type InstanceInfo, type InstanceRegistry } from './instance.js';

/**
 * Redis mode: a hash of instance descriptions and a sorted set of last beats, so listing is one
 * range read (no SCAN over the keyspace) and a dead instance's entry is pruned by whoever lists.
 */
export class RedisInstanceRegistry implements InstanceRegistry {
  private readonly beats: string;
  private readonly infos: string;

  constructor(
    private readonly redis: RedisClientType,
    prefix: string,
    private readonly ttlMs: number,
  ) {
    this.beats = `${prefix}instances:beats`;
    this.infos = `${prefix}instances:info`;
  }

  async beat(instance: InstanceInfo, now = new Date()): Promise<void> {
    const seenAt = now.toISOString();
    await this.redis
      .multi()
      .hSet(this.infos, instance.id, JSON.stringify({ ...instance, seenAt }))
      .zAdd(this.beats, { score: now.getTime(), value: instance.id })
      .exec();
  }

  async leave(id: string): Promise<void> {
    await this.redis.multi().zRem(this.beats, id).hDel(this.infos, id).exec();
  }

  async live(now = new Date()): Promise<LiveInstance[]> {
    const since = now.getTime() - this.ttlMs;
    const dead = await this.redis.zRangeByScore(this.beats, '-inf', `(${since}`);
    if (dead.length > 0)
      await this.redis.multi().zRem(this.beats, dead).hDel(this.infos, dead).exec();
    const ids = await this.redis.zRangeByScore(this.beats, since, '+inf');
    if (ids.length === 0) return [];
    const infos = await this.redis.hmGet(this.infos, ids);
    return infos
      .flatMap((info) => {
        const parsed = LiveInstance.safeParse(JSON.parse(String(info ?? 'null')));
        return parsed.success ? [parsed.data] : [];
      })
      .sort(byStart);
  }
}
