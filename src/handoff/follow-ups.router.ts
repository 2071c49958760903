import { Router, type Response } from 'express';
import { z } from 'zod';
import { agentOf } from '../agents/agent-auth.middleware.js';
import { invalid } from './agent-api.router.js';
import { addDays, formatWallClock, wallClockAt } from '../domain/wall-clock.js';
import { FollowUpResult } from './follow-up.js';
import type { FollowUps } from './follow-ups.port.js';

/** A staff action to put in the audit log (the system of record's, when on). */
export type StaffAction = {
  actor: string;
  action: string;
  targetKind: string;
  targetId: string;
  detail: Record<string, unknown>;
};

export type FollowUpsRouterDeps = {
  followUps: FollowUps;
  /** "Today" ends at midnight here (BUSINESS_TIME_ZONE). */
  timeZone: string;
  /** Awaited before the answer goes out, so no recorded outcome is unaudited. */
  audit?: (action: StaffAction) => Promise<void>;
  clock?: () => Date;
};

/** `today`: due before tonight's midnight; `overdue`: due before now; `all`: every pending task. */
const DueList = z.object({
  due: z.enum(['today', 'overdue', 'all']).default('today'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const Outcome = FollowUpResult.pick({ status: true, outcome: true }).strict();
const FollowUpId = z.uuid();
const FAR_FUTURE = '9999-12-31T00:00:00.000Z';

/**
 * 回访 for agents, mounted inside the agent API (after its bearer check): `GET /follow-ups` lists
 * the caller's pending tasks, `POST /follow-ups/:id` records how one went.
 */
export function createFollowUpsRouter(deps: FollowUpsRouterDeps): Router {
  const now = deps.clock ?? (() => new Date());
  const router = Router();

  router.get('/follow-ups', async (req, res) => {
    const query = DueList.safeParse(req.query);
    if (!query.success) return invalid(res, query.error);
    const { due, limit } = query.data;
    const before =
      due === 'today'
        ? endOfDay(now(), deps.timeZone)
        : due === 'overdue'
          ? now().toISOString()
          : FAR_FUTURE;
    const items = await deps.followUps.due({ before, assignee: agentOf(res).username, limit });
    res.json({ items });
  });

  router.post('/follow-ups/:id', async (req, res) => {
    const id = FollowUpId.safeParse(req.params['id']);
    if (!id.success) return notFound(res);
    const body = Outcome.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    const actor = agentOf(res).username;
    const outcome = await deps.followUps.complete(id.data, {
      ...body.data,
      by: actor,
      at: now().toISOString(),
    });
    if (!outcome.ok) {
      if (outcome.reason === 'not_found') return notFound(res);
      res
        .status(409)
        .json({ error: 'this follow-up already has an outcome', reason: outcome.reason });
      return;
    }
    const { followUp } = outcome;
    await deps.audit?.({
      actor,
      action: 'follow_up.outcome',
      targetKind: 'follow_up',
      targetId: followUp.id,
      detail: { ticketId: followUp.ticketId, status: followUp.status },
    });
    res.json(followUp);
  });
  return router;
}

/** The instant the calendar day containing `at` ends in `timeZone`. */
function endOfDay(at: Date, timeZone: string): string {
  const midnight = addDays({ ...wallClockAt(at, timeZone), hour: 0, minute: 0 }, 1);
  return new Date(formatWallClock(midnight, timeZone, true)).toISOString();
}

function notFound(res: Response): void {
  res.status(404).json({ error: 'no such follow-up', reason: 'not_found' });
}
