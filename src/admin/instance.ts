import { z } from 'zod';

/** One running Qingting process, as it announces itself to the others. */
export const InstanceInfo = z.object({
  id: z.string().min(1),
  version: z.string(),
  startedAt: z.iso.datetime(),
  host: z.string(),
  pid: z.number().int(),
  mode: z.enum(['embedded', 'redis']),
});
export type InstanceInfo = z.infer<typeof InstanceInfo>;

/** An instance with the time of its last heartbeat. */
export const LiveInstance = InstanceInfo.extend({ seenAt: z.iso.datetime() });
export type LiveInstance = z.infer<typeof LiveInstance>;

/**
 * Where instances heartbeat (DESIGN §10, system view): each renews its entry on a timer; one that
 * stops beating (killed, partitioned) drops out of `live` after the TTL.
 */
export interface InstanceRegistry {
  beat(instance: InstanceInfo, now?: Date): Promise<void>;
  /** A clean stop: gone from `live` at once. */
  leave(id: string): Promise<void>;
  /** The instances that beat within the TTL, oldest start first. */
  live(now?: Date): Promise<LiveInstance[]>;
}

/** Oldest start first, then by id, so every instance lists them alike. */
export function byStart(a: LiveInstance, b: LiveInstance): number {
  return a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id);
}
