import express, { Router } from 'express';
import { z } from 'zod';
import { NewAgent } from '../agents/agent.js';
import type { AgentDirectory } from '../agents/agent-directory.port.js';
import type { AgentTokens } from '../agents/agent-tokens.js';
import { invalid } from '../records/records.router.js';
import type { AdminAudit } from './admin-audit.js';
import type { SetupLink } from './setup-link.js';

export interface SetupRouterDeps {
  directory: AgentDirectory;
  tokens: AgentTokens;
  link: SetupLink;
  audit: AdminAudit;
}

const Token = z.string().min(1).max(128);
const SetupQuery = z.object({ token: Token }).strict();
const SetupBody = NewAgent.pick({ username: true, password: true, displayName: true })
  .extend({ token: Token })
  .strict();

const DONE = 'setup is done: an administrator account exists. Log in at /admin.';
const DEAD =
  'this setup link is not valid: it was used, has expired, or the server restarted (a restart with no account prints a new one)';

/**
 * First run (issue 14 §1): `GET /api/admin/setup?token=` says whether the link printed at start-up
 * still works; `POST /api/admin/setup` `{ token, username, password, displayName? }` creates the
 * first admin and answers as the login does. Once any admin exists both answer 410.
 */
export function createSetupRouter(deps: SetupRouterDeps): Router {
  const { directory, link } = deps;
  const router = Router();
  const adminExists = async () => (await directory.list()).some((agent) => agent.role === 'admin');

  router.get('/api/admin/setup', async (req, res) => {
    const query = SetupQuery.safeParse(req.query);
    if (!query.success) return invalid(res, query.error);
    if (await adminExists()) return void res.status(410).json({ error: DONE });
    if (!link.matches(query.data.token)) return void res.status(404).json({ error: DEAD });
    res.json({ ok: true });
  });

  router.post('/api/admin/setup', express.json({ limit: '4kb' }), async (req, res) => {
    const body = SetupBody.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    if (await adminExists()) return void res.status(410).json({ error: DONE });
    const { token, ...fields } = body.data;
    const taken = link.take(token);
    if (taken === undefined) return void res.status(404).json({ error: DEAD });
    if (!(await directory.create({ ...fields, role: 'admin' }))) {
      link.restore(taken);
      return void res.status(409).json({ error: `the username ${fields.username} is taken` });
    }
    const account = await directory.find(fields.username);
    if (account === undefined) throw new Error('the account just created is missing');
    await deps.audit({
      actor: account.username,
      action: 'agent.create',
      targetKind: 'agent',
      targetId: account.username,
      detail: { role: 'admin', via: 'first-run setup' },
    });
    const agent = { username: account.username, role: account.role };
    res.status(201).json({ ...(await deps.tokens.issue(account)), agent });
  });
  return router;
}
