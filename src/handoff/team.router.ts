import { Router, type Response } from 'express';
import { z } from 'zod';
import { agentOf } from '../agents/agent-auth.middleware.js';
import type { Availability } from './availability.js';
import { invalid, reply } from './agent-api.router.js';
import type { StaffAction } from './follow-ups.router.js';
import type { HandoffService } from './handoff.service.js';
import { AvailabilityChange, Reassign } from './team.js';
import type { TeamRoster } from './team-roster.js';

export type TeamRouterDeps = {
  service: HandoffService;
  roster: TeamRoster;
  /** Sets the caller's availability in the shared presence; false without a live console. */
  setAvailability: (agent: string, availability: Availability) => Promise<boolean>;
  /** What the agent chose, kept across a reload; undefined: a first console, about to be `online`. */
  availabilityOf: (agent: string) => Promise<Availability | undefined>;
  /** Awaited before the answer goes out (the system of record's audit log when on). */
  audit?: (action: StaffAction) => Promise<void>;
  clock?: () => Date;
};

const HandoffId = z.uuid();

/**
 * Team work inside the agent API (after its bearer check): the caller's availability and load,
 * the team for the transfer picker, and for admins (supervisors) everyone's cases and reassign.
 */
export function createTeamRouter(deps: TeamRouterDeps): Router {
  const { roster } = deps;
  const now = deps.clock ?? (() => new Date());
  const router = Router();

  router.get('/me/availability', async (_req, res) => {
    const me = agentOf(res).username;
    const [member, kept] = await Promise.all([
      roster.members().then((all) => all.find((m) => m.username === me)),
      deps.availabilityOf(me),
    ]);
    res.json({
      availability: kept ?? 'online',
      load: member?.load ?? 0,
      ...(member?.capacity === undefined ? {} : { capacity: member.capacity }),
    });
  });

  router.put('/me/availability', async (req, res) => {
    const body = AvailabilityChange.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    const me = agentOf(res).username;
    if (!(await deps.setAvailability(me, body.data.availability))) {
      res.status(409).json({ error: 'open the console first', reason: 'no_console' });
      return;
    }
    res.json({ availability: body.data.availability });
  });

  router.get('/team', async (_req, res) => {
    const [members, groups] = await Promise.all([roster.members(), roster.groups()]);
    res.json({ members, groups });
  });

  router.get('/supervisor/cases', async (_req, res) => {
    if (agentOf(res).role !== 'admin') return forbidden(res);
    res.json({ items: await roster.assignedCases(now()) });
  });

  router.post('/handoffs/:id/reassign', async (req, res) => {
    const actor = agentOf(res);
    if (actor.role !== 'admin') return forbidden(res);
    const id = HandoffId.safeParse(req.params['id']);
    if (!id.success) {
      res.status(404).json({ error: 'no such handoff', reason: 'not_found' });
      return;
    }
    const body = Reassign.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    const from = (await deps.service.detail(id.data))?.agent;
    const outcome = await deps.service.transfer(id.data, actor, body.data.to);
    if (outcome.ok)
      await deps.audit?.({
        actor: actor.username,
        action: 'handoff.reassign',
        targetKind: 'handoff',
        targetId: id.data,
        detail: { ticketId: outcome.handoff.ticketId, from, to: body.data.to },
      });
    reply(res, outcome);
  });
  return router;
}

function forbidden(res: Response): void {
  res.status(403).json({ error: 'supervisors (admins) only', reason: 'forbidden' });
}
