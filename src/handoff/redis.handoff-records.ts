import type { RedisClientType } from 'redis';
import { Handoff } from './handoff.js';
import { handlingSeconds } from './handoff-transitions.js';
import { queueScore } from './priority.js';

/**
 * Compare-and-set of one handoff record plus its indexes, in one Lua call: writes only when the
 * stored version (or, for a new record, the conversation's latest id) is still what the caller read.
 * Index operations follow as ARGV groups: `zadd key score member`, `zrem key member`,
 * `sadd key member`, `srem key member`, `set key value`, `lpush-trim key value max`.
 */
const CAS_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '0' then
  if current then return 0 end
  local latest = redis.call('GET', KEYS[2]) or ''
  if latest ~= ARGV[2] then return 0 end
else
  if not current then return 0 end
  if tostring(cjson.decode(current)['version']) ~= ARGV[1] then return 0 end
end
redis.call('SET', KEYS[1], ARGV[3])
local i = 4
while i <= #ARGV do
  local op = ARGV[i]
  if op == 'zadd' then redis.call('ZADD', ARGV[i+1], ARGV[i+2], ARGV[i+3]); i = i + 4
  elseif op == 'zrem' then redis.call('ZREM', ARGV[i+1], ARGV[i+2]); i = i + 3
  elseif op == 'sadd' then redis.call('SADD', ARGV[i+1], ARGV[i+2]); i = i + 3
  elseif op == 'srem' then redis.call('SREM', ARGV[i+1], ARGV[i+2]); i = i + 3
  elseif op == 'set' then redis.call('SET', ARGV[i+1], ARGV[i+2]); i = i + 3
  elseif op == 'lpush-trim' then
    redis.call('LPUSH', ARGV[i+1], ARGV[i+2]); redis.call('LTRIM', ARGV[i+1], 0, tonumber(ARGV[i+3]) - 1); i = i + 4
  else return redis.error_reply('unknown op ' .. op) end
end
return 1
`;

const HANDLING_KEPT = 100;

/** Handoff records and their indexes in Redis; every write goes through the CAS script. */
export class RedisHandoffRecords {
  constructor(
    private readonly client: RedisClientType,
    private readonly prefix: string,
  ) {}

  async read(id: string): Promise<Handoff | undefined> {
    const json = await this.client.get(this.recordKey(id));
    return json === null ? undefined : Handoff.parse(JSON.parse(json));
  }

  async readMany(ids: readonly string[]): Promise<Handoff[]> {
    if (ids.length === 0) return [];
    const values = await this.client.mGet(ids.map((id) => this.recordKey(id)));
    return values.flatMap((json) => (json === null ? [] : [Handoff.parse(JSON.parse(json))]));
  }

  latestId(conversationId: string): Promise<string | null> {
    return this.client.get(this.conversationKey(conversationId));
  }

  queuedIds(): Promise<string[]> {
    return this.client.zRange(this.queuedKey(), 0, -1);
  }

  async queuedRank(id: string): Promise<number | undefined> {
    const rank = await this.client.zRank(this.queuedKey(), id);
    return rank === null ? undefined : rank;
  }

  openIds(): Promise<string[]> {
    return this.client.sMembers(this.openKey());
  }

  /** One page of closed ids, most recently closed first, and how many are closed in all. */
  async closedIds(offset: number, limit: number): Promise<{ ids: string[]; total: number }> {
    const [ids, total] = await Promise.all([
      limit === 0
        ? Promise.resolve([])
        : this.client.zRange(this.closedKey(), offset, offset + limit - 1, { REV: true }),
      this.client.zCard(this.closedKey()),
    ]);
    return { ids, total };
  }

  agentIds(agent: string): Promise<string[]> {
    return this.client.sMembers(this.agentKey(agent));
  }

  async handlingSeconds(limit: number): Promise<number[]> {
    const values = await this.client.lRange(this.handledKey(), 0, limit - 1);
    return values.map(Number);
  }

  /** Writes a new record if the conversation's latest handoff is still `expectedLatest`. */
  create(handoff: Handoff, expectedLatest: string | null): Promise<boolean> {
    return this.cas(handoff, undefined, expectedLatest ?? '');
  }

  /** Writes `next` if the stored record is still `previous` (same version). */
  replace(previous: Handoff, next: Handoff): Promise<boolean> {
    return this.cas(next, previous, '');
  }

  private async cas(
    next: Handoff,
    previous: Handoff | undefined,
    latest: string,
  ): Promise<boolean> {
    const result = await this.client.eval(CAS_SCRIPT, {
      keys: [this.recordKey(next.id), this.conversationKey(next.conversationId)],
      arguments: [
        previous === undefined ? '0' : String(previous.version),
        latest,
        JSON.stringify(next),
        ...this.indexOps(previous, next),
      ],
    });
    return result === 1;
  }

  private indexOps(previous: Handoff | undefined, next: Handoff): string[] {
    const ops: string[] = [];
    if (previous === undefined) ops.push('set', this.conversationKey(next.conversationId), next.id);
    if (previous?.state === 'queued' && next.state !== 'queued')
      ops.push('zrem', this.queuedKey(), next.id);
    if (next.state === 'queued')
      ops.push('zadd', this.queuedKey(), String(queueScore(next)), next.id);
    if (previous?.agent !== undefined && previous.agent !== next.agent)
      ops.push('srem', this.agentKey(previous.agent), next.id);
    if (next.state === 'assigned' && next.agent !== undefined)
      ops.push('sadd', this.agentKey(next.agent), next.id);
    if (next.state === 'closed' && next.agent !== undefined)
      ops.push('srem', this.agentKey(next.agent), next.id);
    if (next.state !== 'closed') ops.push('sadd', this.openKey(), next.id);
    if (next.state === 'closed' && previous?.state !== 'closed') {
      ops.push('srem', this.openKey(), next.id);
      const closedAt = Date.parse(next.closedAt ?? '') || 0;
      ops.push('zadd', this.closedKey(), String(closedAt), next.id);
    }
    const seconds = previous?.state === 'assigned' ? handlingSeconds(next) : undefined;
    if (seconds !== undefined)
      ops.push('lpush-trim', this.handledKey(), String(seconds), String(HANDLING_KEPT));
    return ops;
  }

  private recordKey(id: string): string {
    return `${this.prefix}handoff:record:${id}`;
  }
  private conversationKey(conversationId: string): string {
    return `${this.prefix}handoff:conversation:${conversationId}`;
  }
  private queuedKey(): string {
    return `${this.prefix}handoff:queued`;
  }
  private agentKey(agent: string): string {
    return `${this.prefix}handoff:agent:${agent}`;
  }
  /** Ids of every case not yet closed; records written before this index existed are not in it. */
  private openKey(): string {
    return `${this.prefix}handoff:open`;
  }
  /** Closed ids scored by closing time (ms). */
  private closedKey(): string {
    return `${this.prefix}handoff:closed`;
  }
  private handledKey(): string {
    return `${this.prefix}handoff:handled`;
  }
}
