import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type RequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryTicketStore } from '../../src/tickets/memory.ticket-store.js';
import { createTicketsRouter } from '../../src/tickets/tickets.router.js';
import { draft } from '../contract/ticket-store.contract.js';

/** A stand-in for the handoff engineer's agent auth: one fixed bearer token. */
const fakeBearer: RequestHandler = (req, res, next) => {
  if (req.headers.authorization === 'Bearer agent-token') next();
  else res.status(401).json({ error: 'unauthorized' });
};

describe('GET /api/tickets/:id', () => {
  const tickets = new MemoryTicketStore();
  let server: Server;
  let base: string;
  let ticketId: string;

  beforeAll(async () => {
    ticketId = (await tickets.create(draft())).id;
    const app = express();
    app.use(createTicketsRouter({ tickets, auth: fakeBearer }));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const get = (path: string, token?: string): Promise<Response> =>
    fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('answers 401 without a valid agent token', async () => {
    expect((await get(`/api/tickets/${ticketId}`)).status).toBe(401);
    expect((await get(`/api/tickets/${ticketId}`, 'wrong')).status).toBe(401);
  });

  it('returns the ticket with status, category, nature, severity, flags, slots and emotions', async () => {
    const res = await get(`/api/tickets/${ticketId.toLowerCase()}`, 'agent-token');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      id: ticketId,
      status: 'open',
      category: 'billing',
      nature: 'effective',
      severity: 'P2',
      flags: [],
      slots: { amount: { value: '5.00 CNY' } },
    });
    expect(body.emotions).toHaveLength(1);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await get('/api/tickets/Q20200101-0001', 'agent-token')).status).toBe(404);
    expect((await get('/api/tickets/%3Cscript%3E', 'agent-token')).status).toBe(400);
  });
});
