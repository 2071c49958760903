import express, { Router, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { agentOf } from '../agents/agent-auth.middleware.js';
import type { AuditLog } from './audit-log.js';
import { CustomerRef, type CustomerData } from './customer-data.js';
import { QueryError, TicketQuery, type TicketSearch } from './ticket-search.js';

export interface RecordsRouterDeps {
  search: TicketSearch;
  customers: CustomerData;
  audit: AuditLog;
  /** Agent authentication (bearer token); answers 401 itself. */
  auth: RequestHandler;
}

const Filter = z.string().trim().min(1).max(200).optional();
/** `next` of a page: the last entry's time and id. */
const Cursor = z
  .string()
  .regex(/^[^_]+_[0-9a-f-]{36}$/, 'a `next` value of an earlier page')
  .transform((cursor) => {
    const [at = '', id = ''] = cursor.split('_');
    return { at, id };
  })
  .pipe(z.object({ at: z.iso.datetime({ offset: true }), id: z.uuid() }));
const AuditQuery = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    actor: Filter,
    action: Filter,
    target: Filter,
    before: Cursor.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();

export function invalid(res: Response, error: z.ZodError): void {
  const issue = error.issues[0];
  const name = issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue?.path.join('.');
  res.status(400).json({ error: `${name || 'query'}: ${issue?.message ?? 'invalid'}` });
}

/** 403 unless the authenticated caller is an admin. */
export const requireAdmin: RequestHandler = (_req, res, next) => {
  if (agentOf(res).role === 'admin') return next();
  res.status(403).json({ error: 'admin role required' });
};

/**
 * Search and personal-data routes over the system of record (src/records/README.md):
 * agents search tickets and see a customer's history; admins export and erase one customer's
 * data and read the audit log. Phones are masked in every list.
 */
export function createRecordsRouter(deps: RecordsRouterDeps): Router {
  const router = Router();
  const { auth } = deps;

  router.get('/api/agent/search', auth, async (req, res) => {
    const query = TicketQuery.safeParse(req.query);
    if (!query.success) return invalid(res, query.error);
    try {
      res.json(await deps.search.search(query.data));
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      res.status(400).json({ error: error.message });
    }
  });

  router.get('/api/agent/customers', auth, async (req, res) => {
    const ref = CustomerRef.safeParse(req.query);
    if (!ref.success) return invalid(res, ref.error);
    res.json(await deps.customers.history(ref.data));
  });

  router.get('/api/admin/customers/export', auth, requireAdmin, async (req, res) => {
    const ref = CustomerRef.safeParse(req.query);
    if (!ref.success) return invalid(res, ref.error);
    const data = await deps.customers.export(ref.data, agentOf(res).username);
    res.set('Content-Disposition', 'attachment; filename="customer-export.json"').json(data);
  });

  router.post(
    '/api/admin/customers/erase',
    auth,
    requireAdmin,
    express.json({ limit: '4kb' }),
    async (req, res) => {
      const ref = CustomerRef.safeParse(req.body);
      if (!ref.success) return invalid(res, ref.error);
      res.json({ erased: await deps.customers.erase(ref.data, agentOf(res).username) });
    },
  );

  router.get('/api/admin/audit', auth, requireAdmin, async (req, res) => {
    const query = AuditQuery.safeParse(req.query);
    if (!query.success) return invalid(res, query.error);
    const { from, to, before, limit, ...filters } = query.data;
    const page = await deps.audit.list({
      ...filters,
      ...(from === undefined ? {} : { from: new Date(from) }),
      ...(to === undefined ? {} : { to: new Date(to) }),
      ...(before === undefined ? {} : { before: { at: new Date(before.at), id: before.id } }),
      limit: limit + 1,
    });
    const items = page.slice(0, limit);
    const last = items.at(-1);
    res.json({ items, ...(page.length > limit && last ? { next: `${last.at}_${last.id}` } : {}) });
  });
  return router;
}
