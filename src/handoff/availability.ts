import { z } from 'zod';

/** What an agent with a live console says of themself; only `online` agents get cases automatically. */
export const Availability = z.enum(['online', 'away', 'busy']);
export type Availability = z.infer<typeof Availability>;

/** A live agent's availability and since when (ms): when it last changed or they last got a case. */
export type AgentStatus = { agent: string; availability: Availability; since: number };
