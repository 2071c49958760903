import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { TicketId } from '../domain/ticket.js';
import type { TicketStore } from './ticket-store.port.js';

const RouteId = z.string().toUpperCase().pipe(TicketId);

export interface TicketsRouterDeps {
  tickets: TicketStore;
  /** Agent authentication (bearer token); answers 401 itself when the caller is not an agent. */
  auth: RequestHandler;
}

/** `GET /api/tickets/:id` for authenticated agents (DESIGN §6); mount with `app.use(router)`. */
export function createTicketsRouter({ tickets, auth }: TicketsRouterDeps): Router {
  const router = Router();
  router.get('/api/tickets/:id', auth, async (req, res) => {
    const id = RouteId.safeParse(req.params['id']);
    if (!id.success) {
      res.status(400).json({ error: 'ticket id must look like Q20261202-7KX3FC' });
      return;
    }
    const ticket = await tickets.get(id.data);
    if (!ticket) {
      res.status(404).json({ error: `no ticket ${id.data}` });
      return;
    }
    res.json(ticket);
  });
  return router;
}
