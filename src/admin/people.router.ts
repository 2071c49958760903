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

/** Whether an enabled admin other than `username` would be left (the console's way back in). */
async function anotherEnabledAdmin(directory: AgentDirectory, username: string): Promise<boolean> {
  return (await directory.list()).some(
    (a) => a.username !== username && a.role === 'admin' && !a.disabled,
  );
}

/** A group's new name, display name (`null` clears it), or both. */
const PatchGroup = z
  .object({ name: GroupName.optional(), displayName: GroupChanges.shape.displayName.optional() })
  .strict()
  .refine((patch) => patch.name !== undefined || patch.displayName !== undefined, {
    message: 'give a name or a displayName',
  });

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

  /**
   * Account changes run one at a time in this process, so two admins disabling each other at
   * once cannot both pass the last-admin check (across instances the check is not atomic).
   */
  let serial: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const next = serial.then(work);
    serial = next.catch(() => undefined);
    return next;
  };

  router.patch('/api/admin/agents/:username', (req, res) =>
    oneAtATime(async () => {
      const username = Username.safeParse(req.params['username']);
      if (!username.success || !(await directory.has(username.data))) return notFound(res, 'agent');
      const body = PatchAgent.safeParse(req.body);
      if (!body.success) return invalid(res, body.error);
      const target = username.data;
      const { disabled, password, ...changes } = body.data;
      const actor = agentOf(res).username;
      const removesAdmin = disabled === true || changes.role === 'agent';
      // An admin cannot lock themselves out: the console would lose its last way back in.
      if (actor === target && removesAdmin)
        return void res.status(409).json({
          error: 'you cannot disable your own account or remove your own admin role',
          reason: 'own_account',
        });
      if (removesAdmin && !(await anotherEnabledAdmin(directory, target)))
        return void res.status(409).json({
          error: 'the last enabled admin cannot be disabled or demoted',
          reason: 'last_admin',
        });
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
    }),
  );

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
    const body = PatchGroup.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    const { name: to, displayName } = body.data;
    if (!(await directory.groups()).some((group) => group.name === name))
      return notFound(res, 'group');
    // A new name first (members follow), then the display name of the group under its name.
    const current = to ?? name;
    if (to !== undefined) {
      const moved = await directory.moveGroup(name, to);
      if (moved === 'not_found') return notFound(res, 'group');
      if (moved === 'taken')
        return void res.status(409).json({ error: `the group ${to} exists`, reason: 'taken' });
    }
    if (displayName !== undefined) await directory.renameGroup(current, displayName);
    await audit({
      actor: agentOf(res).username,
      action: 'group.update',
      targetKind: 'group',
      targetId: name,
      detail: body.data,
    });
    res.json({ group: (await directory.groups()).find((group) => group.name === current) });
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
