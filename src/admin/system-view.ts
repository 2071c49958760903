import { z } from 'zod';
import { LiveInstance } from './instance.js';

/** `GET /api/admin/system`: what the system page shows. */
export const SystemView = z.object({
  channels: z.array(z.object({ id: z.string(), ok: z.boolean() })),
  dependencies: z.array(z.object({ name: z.string(), ok: z.boolean() })),
  instances: z.array(LiveInstance),
  queue: z.object({ queued: z.number().int(), longestWaitSeconds: z.number() }),
});
export type SystemView = z.infer<typeof SystemView>;
