import { Router, type Response } from 'express';
import { z } from 'zod';
import { agentOf } from '../agents/agent-auth.middleware.js';
import { invalid, reply } from './agent-api.router.js';
import { CASE_STATUSES, type CaseMarks } from './case-marks.js';
import type { ActionOutcome } from './handoff.service.js';
import { HandoffLabel, MAX_LABELS } from './handoff.js';
import { InboxQuery, type Inbox } from './inbox.js';

const HandoffId = z.uuid();
const Labels = z
  .object({
    add: z.array(HandoffLabel).max(MAX_LABELS).default([]),
    remove: z.array(HandoffLabel).max(MAX_LABELS).default([]),
  })
  .strict()
  .refine((body) => body.add.length + body.remove.length > 0, 'add or remove at least one label');
const Status = z.object({ status: z.enum(CASE_STATUSES) }).strict();

/** Like every case action's answer, with the marks the console shows. */
function marked(res: Response, outcome: ActionOutcome): void {
  if (!outcome.ok) return reply(res, outcome);
  const { id, ticketId, state, agent, group, labels, waiting } = outcome.handoff;
  res.json({ id, ticketId, state, agent, group, labels, waiting });
}

/**
 * `GET /inbox` (views with counts), `POST /handoffs/:id/labels` and `POST /handoffs/:id/status`;
 * mounted inside the agent router, after its bearer check.
 */
export function createInboxRouter(deps: { inbox: Inbox; marks: CaseMarks }): Router {
  const router = Router();
  router.param('id', (_req, res, next, value) => {
    if (HandoffId.safeParse(value).success) return next();
    res.status(404).json({ error: 'no such handoff', reason: 'not_found' });
  });
  router.get('/inbox', async (req, res) => {
    const query = InboxQuery.safeParse(req.query);
    if (!query.success) return invalid(res, query.error);
    res.json(await deps.inbox.page(agentOf(res).username, query.data));
  });
  router.post('/handoffs/:id/labels', async (req, res) => {
    const body = Labels.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    marked(res, await deps.marks.labels(String(req.params['id']), agentOf(res), body.data));
  });
  router.post('/handoffs/:id/status', async (req, res) => {
    const body = Status.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    marked(res, await deps.marks.status(String(req.params['id']), agentOf(res), body.data.status));
  });
  return router;
}
