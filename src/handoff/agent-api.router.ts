import express, { Router, type ErrorRequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { AgentDirectory } from '../agents/agent-directory.port.js';
import { DeliveryRefused } from '../channels/customer-delivery.port.js';
import { agentOf, requireAgent } from '../agents/agent-auth.middleware.js';
import type { AgentTokens } from '../agents/agent-tokens.js';
import type { LoginLimiter } from '../agents/login-limiter.js';
import { Language } from '../domain/taxonomy.js';
import type { CannedResponses } from './canned-responses.port.js';
import { Resolution } from './handoff.js';
import type { ActionOutcome, HandoffService } from './handoff.service.js';

export type AgentRouterDeps = {
  service: HandoffService;
  directory: AgentDirectory;
  tokens: AgentTokens;
  limiter: LoginLimiter;
  canned: CannedResponses;
  maxMessageChars: number;
  /** The 回访 routes (`follow-ups.router.ts`), behind the same bearer check. */
  followUps: Router;
  /** Inbox views, labels and case status (`inbox.router.ts`), behind the same bearer check. */
  inbox?: Router;
  /** Availability, the team, supervisors' view and reassign (`team.router.ts`), same bearer check. */
  team: Router;
};

const Login = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
const Transfer = z.object({ to: z.string().trim().min(1).max(64) });
const Close = z.object({ resolution: z.union([z.string().trim().min(1).max(64), Resolution]) });
const HandoffId = z.uuid();
/** `GET /canned-responses`: one language, optionally narrowed by words in shortcut, title or text. */
const CannedQuery = z.object({ lang: Language, q: z.string().trim().max(64).optional() }).strict();

const STATUS: Readonly<Record<Exclude<ActionOutcome, { ok: true }>['reason'], number>> = {
  not_found: 404,
  taken: 409,
  closed: 409,
  not_assigned: 409,
  not_owner: 403,
  unknown_target: 400,
  at_capacity: 409,
  too_many_labels: 422,
};
const MESSAGE: Readonly<Record<keyof typeof STATUS, string>> = {
  not_found: 'no such handoff',
  taken: 'another agent already claimed this conversation',
  closed: 'this handoff is closed',
  not_assigned: 'nobody owns this conversation yet; claim it first',
  not_owner: 'you do not own this conversation',
  unknown_target: 'transfer target is neither an agent nor group:<name>',
  at_capacity: 'you already have as many conversations as your capacity allows',
  too_many_labels: 'a case has at most 10 labels',
};

export function reply(res: Response, outcome: ActionOutcome): void {
  if (outcome.ok) {
    const { id, state, agent, group, ticketId } = outcome.handoff;
    res.json({ id, ticketId, state, agent, group });
    return;
  }
  res
    .status(STATUS[outcome.reason])
    .json({ error: MESSAGE[outcome.reason], reason: outcome.reason });
}

/** 400 naming the first field that failed. */
export function invalid(res: Response, error: z.ZodError): void {
  const issue = error.issues[0];
  res
    .status(400)
    .json({ error: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` });
}

/** The agent API of DESIGN §6, mounted at `/api/agent`; every route but login needs a bearer token. */
export function createAgentRouter(deps: AgentRouterDeps): Router {
  const { service, directory, tokens, limiter } = deps;
  const router = Router();
  const auth = requireAgent(tokens);
  const Text = z.object({ text: z.string().trim().min(1).max(deps.maxMessageChars) });
  router.use(express.json({ limit: '64kb' }));

  router.post('/login', async (req, res) => {
    const body = Login.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    const { username, password } = body.data;
    const wait = await limiter.acquire(username, req.ip ?? '');
    if (wait > 0) {
      res.set('Retry-After', String(wait)).status(429).json({ error: 'too many login attempts' });
      return;
    }
    const account = await directory.verify(username, password);
    if (account === undefined) {
      res.status(401).json({ error: 'wrong username or password' });
      return;
    }
    await limiter.succeeded(username);
    const agent = { username: account.username, role: account.role };
    res.json({ ...(await tokens.issue(account)), agent });
  });

  router.use(auth);
  router.get('/me', async (_req, res) => {
    const agent = agentOf(res);
    const assigned = await service.assignedTo(agent.username);
    res.json({ agent, assigned: assigned.map(({ id, ticketId }) => ({ id, ticketId })) });
  });
  router.get('/queue', async (_req, res) => {
    res.json({ items: await service.queueItems() });
  });

  router.get('/agents/online', async (_req, res) => {
    res.json({ items: await service.onlineAgents() });
  });

  router.get('/canned-responses', async (req, res) => {
    const query = CannedQuery.safeParse(req.query);
    if (!query.success) return invalid(res, query.error);
    const words = (query.data.q ?? '').replace(/^\//, '').toLowerCase();
    const all = await deps.canned.list({ lang: query.data.lang });
    const items = all.filter((r) =>
      [r.shortcut, r.title, r.text].some((field) => field.toLowerCase().includes(words)),
    );
    res.json({ items });
  });

  router.param('id', (req, res, next, value) => {
    if (HandoffId.safeParse(value).success) return next();
    res.status(404).json({ error: 'no such handoff', reason: 'not_found' });
  });
  router.get('/handoffs/:id', async (req, res) => {
    const detail = await service.detail(String(req.params['id']));
    if (detail === undefined) return reply(res, { ok: false, reason: 'not_found' });
    res.json(detail);
  });
  router.post('/handoffs/:id/claim', async (req, res) => {
    reply(res, await service.claim(String(req.params['id']), agentOf(res)));
  });
  router.post('/handoffs/:id/messages', async (req, res) => {
    const body = Text.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    try {
      reply(res, await service.message(String(req.params['id']), agentOf(res), body.data.text));
    } catch (error) {
      // The customer's channel cannot take it now (e.g. WeChat's 48-hour window): say so, not 500.
      if (!(error instanceof DeliveryRefused)) throw error;
      res.status(409).json({ error: error.reason, message: error.message });
    }
  });
  router.post('/handoffs/:id/notes', async (req, res) => {
    const body = Text.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    reply(res, await service.note(String(req.params['id']), agentOf(res), body.data.text));
  });
  router.post('/handoffs/:id/transfer', async (req, res) => {
    const body = Transfer.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    reply(res, await service.transfer(String(req.params['id']), agentOf(res), body.data.to));
  });
  router.post('/handoffs/:id/close', async (req, res) => {
    const body = Close.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    const { resolution } = body.data;
    const parsed = typeof resolution === 'string' ? { code: resolution } : resolution;
    reply(res, await service.close(String(req.params['id']), agentOf(res), parsed));
  });
  router.use(deps.followUps);
  if (deps.inbox) router.use(deps.inbox);
  router.use(deps.team);
  router.use(jsonErrors);
  return router;
}

/** Malformed or oversized JSON gets a JSON 4xx, like every other refusal of this API. */
const jsonErrors: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  const status =
    typeof error === 'object' &&
    error !== null &&
    'status' in error &&
    typeof error.status === 'number'
      ? error.status
      : 500;
  if (status >= 500) return next(error);
  res.status(status).json({ error: status === 413 ? 'body too large' : 'malformed JSON body' });
};
