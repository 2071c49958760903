import express, { Router, type Response } from 'express';
import { z } from 'zod';
import { agentOf } from '../agents/agent-auth.middleware.js';
import {
  AgentChanges,
  GroupChanges,
  GroupName,
  NewAgent,
  Password,
  Username,
} from '../agents/agent.js';
import type { AgentDirectory } from '../agents/agent-directory.port.js';
import { invalid, requireAdmin } from '../records/records.router.js';
import type { AdminAudit } from './admin-audit.js';

export interface PeopleRouterDeps {
  directory: AgentDirectory;
  /** Agent authentication (bearer token); answers 401 itself. */
  auth: express.RequestHandler;
  audit: AdminAudit;
  /** Closes the agent's consoles on every instance (a reset or a disable). */
  endSessions(username: string): void;
  /** Puts the cases the agent owns back in the queue (a disable). */
  requeueCasesOf(username: string): Promise<void>;
}

const CreateAgent = NewAgent.strict();
/** One PATCH for every change of an account: its fields, enable/disable, a new password. */
const PatchAgent = AgentChanges.extend({
  disabled: z.boolean().optional(),
  password: Password.optional(),
}).strict();
const CreateGroup = z
  .object({ name: GroupName, displayName: GroupChanges.shape.displayName.unwrap().optional() })
  .strict();

function notFound(res: Response, what: string): void {
  res.status(404).json({ error: `no such ${what}` });
}

/**
 * People (DESIGN §10): `GET|POST /api/admin/agents`, `PATCH /api/admin/agents/:username`,
 * `GET|POST /api/admin/groups`, `PATCH|DELETE /api/admin/groups/:name`; admins only, each change
 * audited (never a password). The directory is shared, so a change holds on every instance at once.
 */
export function createPeopleRouter(deps: PeopleRouterDeps): Router {
  const { directory, audit } = deps;
  const router = Router();
  router.use(
    ['/api/admin/agents', '/api/admin/groups'],
    deps.auth,
    requireAdmin,
    express.json({ limit: '16kb' }),
  );

  router.get('/api/admin/agents', async (_req, res) => {
    res.json({ items: await directory.list() });
  });

  router.post('/api/admin/agents', async (req, res) => {
    const body = CreateAgent.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    const { password, ...agent } = body.data;
    if (!(await directory.create({ ...agent, password })))
      return void res.status(409).json({ error: `the username ${agent.username} is taken` });
    await audit({
      actor: agentOf(res).username,
      action: 'agent.create',
      targetKind: 'agent',
      targetId: agent.username,
      detail: agent,
    });
    res
      .status(201)
      .json({ agent: (await directory.list()).find((a) => a.username === agent.username) });
  });

  router.patch('/api/admin/agents/:username', async (req, res) => {
    const username = Username.safeParse(req.params['username']);
    if (!username.success || !(await directory.has(username.data))) return notFound(res, 'agent');
    const body = PatchAgent.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    const target = username.data;
    const { disabled, password, ...changes } = body.data;
    const actor = agentOf(res).username;
    // An admin cannot lock themselves out: the console would lose its last way back in.
    if (actor === target && (disabled === true || changes.role === 'agent'))
      return void res
        .status(409)
        .json({ error: 'you cannot disable your own account or remove your own admin role' });
    const record = (action: string, detail: Record<string, unknown> = {}) =>
      audit({ actor, action, targetKind: 'agent', targetId: target, detail });
    if (Object.keys(changes).length > 0) {
      await directory.update(target, changes);
      await record('agent.update', changes);
    }
    if (password !== undefined) {
      await directory.resetPassword(target, password);
      await record('agent.password_reset');
      deps.endSessions(target);
    }
    if (disabled !== undefined) {
      await directory.setDisabled(target, disabled);
      await record(disabled ? 'agent.disable' : 'agent.enable');
      if (disabled) {
        deps.endSessions(target);
        await deps.requeueCasesOf(target);
      }
    }
    res.json({ agent: (await directory.list()).find((a) => a.username === target) });
  });

  router.get('/api/admin/groups', async (_req, res) => {
    res.json({ items: await directory.groups() });
  });

  router.post('/api/admin/groups', async (req, res) => {
    const body = CreateGroup.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    const { name, displayName } = body.data;
    if (!(await directory.createGroup(name, displayName)))
      return void res.status(409).json({ error: `the group ${name} exists` });
    await audit({
      actor: agentOf(res).username,
      action: 'group.create',
      targetKind: 'group',
      targetId: name,
      detail: displayName === undefined ? {} : { displayName },
    });
    res.status(201).json({
      group: { name, members: [], ...(displayName === undefined ? {} : { displayName }) },
    });
  });

  router.patch('/api/admin/groups/:name', async (req, res) => {
    const name = String(req.params['name']);
    const body = GroupChanges.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    if (!(await directory.renameGroup(name, body.data.displayName))) return notFound(res, 'group');
    await audit({
      actor: agentOf(res).username,
      action: 'group.update',
      targetKind: 'group',
      targetId: name,
      detail: body.data,
    });
    res.json({ group: (await directory.groups()).find((group) => group.name === name) });
  });

  router.delete('/api/admin/groups/:name', async (req, res) => {
    const name = String(req.params['name']);
    if (!(await directory.deleteGroup(name))) return notFound(res, 'group');
    await audit({
      actor: agentOf(res).username,
      action: 'group.delete',
      targetKind: 'group',
      targetId: name,
    });
    res.status(204).end();
  });
  return router;
}
