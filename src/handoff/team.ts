import { z } from 'zod';
import { QueueItem } from './agent-events.js';
import { Availability } from './availability.js';

/** An agent as the transfer picker and supervisors see them; `offline`: no live console. */
export const TeamMember = z.object({
  username: z.string(),
  displayName: z.string().optional(),
  availability: z.union([Availability, z.literal('offline')]),
  /** When they last changed availability or got a case (ms); only for agents with a console. */
  idleSince: z.number().optional(),
  /** Cases they own now. */
  load: z.number().int().min(0),
  capacity: z.number().int().optional(),
  groups: z.array(z.string()),
});
export type TeamMember = z.infer<typeof TeamMember>;

export const TeamGroup = z.object({ name: z.string(), displayName: z.string().optional() });
export type TeamGroup = z.infer<typeof TeamGroup>;

/** `GET /api/agent/team`: every enabled agent and every group (transfer targets `group:<name>`). */
export const TeamReply = z.object({ members: z.array(TeamMember), groups: z.array(TeamGroup) });
export type TeamReply = z.infer<typeof TeamReply>;

/** A case someone owns, as the supervisor view lists it (`GET /api/agent/supervisor/cases`). */
export const SupervisedCase = QueueItem.extend({ agent: z.string() });
export type SupervisedCase = z.infer<typeof SupervisedCase>;

/** `PUT /api/agent/me/availability` and what `GET` of it answers, with the caller's load. */
export const AvailabilityChange = z.object({ availability: Availability }).strict();
export const MyAvailability = z.object({
  availability: Availability,
  load: z.number().int().min(0),
  capacity: z.number().int().optional(),
});
export type MyAvailability = z.infer<typeof MyAvailability>;

/** `POST /api/agent/handoffs/:id/reassign` (admins): an agent's username or `group:<name>`. */
export const Reassign = z.object({ to: z.string().trim().min(1).max(64) }).strict();
