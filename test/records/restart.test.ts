import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src/domain/message.js';
import type { RecordsSchema } from '../../src/records/schema.js';
import { startIntakeApp } from '../handoff/round-trip.support.js';
import { AGENT_TOKEN_SECRET, AGENTS } from '../handoff/round-trip.support.js';
import { redisAvailable } from '../support/redis.js';
import { redisScope } from '../support/redis-scope.js';
import {
  createScratchDatabase,
  productionEnv,
  type ScratchDatabase,
} from '../support/scratch-database.js';
import { spawnServer } from '../support/spawn-server.js';
import { connectChat, say, type ChatClient } from '../support/test-app.js';
import { postgresAvailable } from './databases.js';

const OPENER = '你们乱扣我话费整整三个月!气死我了!!我要投诉,马上给我转人工!';

/** Sends a message that hands off at once, and resolves with the ticket id the customer is told. */
async function fileByHandoff(client: ChatClient): Promise<string> {
  const told = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no ticket id told')), 15_000);
    client.on('message', (message: Message) => {
      if (message.meta?.ticketId === undefined) return;
      clearTimeout(timer);
      resolve(message.meta.ticketId);
    });
  });
  const ack = await say(client, OPENER);
  expect(ack).toMatchObject({ ok: true });
  return told;
}

describe(
  'embedded: the system of record survives a restart on the same DATA_DIR',
  { timeout: 120_000 },
  () => {
    const dirs: string[] = [];
    afterEach(async () => {
      for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
    });

    it('keeps the ticket filed through the web chat, its transcript and its handoff', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'qt-records-'));
      dirs.push(dir);
      const env = { RECORDS: 'database', DATA_DIR: dir };
      const first = await startIntakeApp(env);
      const { client } = await connectChat(first.url);
      const ticketId = await fileByHandoff(client);
      const ticket = await first.app.context.tickets.get(ticketId);
      if (ticket === undefined) throw new Error(`ticket ${ticketId} not found before the restart`);
      const transcript = await first.app.context.transcript.list(ticket.conversationId);
      expect(transcript.map((m) => m.text)).toContain(OPENER);
      client.disconnect();
      await first.app.close();

      const second = await startIntakeApp(env);
      try {
        expect(await second.app.context.tickets.get(ticketId)).toEqual(ticket);
        expect(await second.app.context.transcript.list(ticket.conversationId)).toEqual(transcript);
        const db = second.app.context.records?.database.db;
        if (db === undefined) throw new Error('no records with RECORDS=database');
        const handoff = await db
          .selectFrom('handoffs')
          .select(['state', 'rule'])
          .where('ticket_id', '=', ticketId)
          .executeTakeFirst();
        expect(handoff).toEqual({ state: 'queued', rule: ticket.handoffRule });
        const fired = await db
          .selectFrom('analytics_events')
          .select('label')
          .where('kind', '=', 'rule_fired')
          .where('ticket_id', '=', ticketId)
          .execute();
        expect(fired).toEqual([{ label: ticket.handoffRule }]);
      } finally {
        await second.app.close();
      }
    });
  },
);

const SERVER = fileURLToPath(new URL('../support/app-server.ts', import.meta.url));

const startServer = (env: Record<string, string>) =>
  spawnServer(SERVER, { ...AGENTS, AGENT_TOKEN_SECRET, ...env });

const production = (await redisAvailable()) && (await postgresAvailable());

describe.runIf(production)(
  'production: PostgreSQL and Redis across a SIGKILL',
  { timeout: 150_000 },
  () => {
    const redis = redisScope('records-sigkill');
    const children: ChildProcess[] = [];
    let scratch: ScratchDatabase | undefined;
    afterEach(async () => {
      for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
      await scratch?.drop();
    });

    it('loses neither the ticket nor an acknowledged message when the server is killed', async () => {
      scratch = await createScratchDatabase();
      const env = productionEnv(redis, scratch);
      const first = await startServer(env);
      children.push(first.child);
      const { client: customer } = await connectChat(first.url);
      const ticketId = await fileByHandoff(customer);
      const later = ['我是13800138000', '三个月每月多扣二十块'];
      for (const text of later) expect(await say(customer, text)).toMatchObject({ ok: true });
      first.child.kill('SIGKILL');
      await new Promise((resolve) => first.child.once('exit', resolve));
      customer.disconnect();

      const db = new Kysely<RecordsSchema>({
        dialect: new PostgresDialect({
          pool: new pg.Pool({ connectionString: env.DATABASE_URL, max: 2 }),
        }),
      });
      try {
        const row = await db
          .selectFrom('tickets')
          .select(['conversation_id', 'status'])
          .where('id', '=', ticketId)
          .executeTakeFirst();
        expect(row?.status).toBe('open');
        const conversationId = row?.conversation_id ?? '';

        // The restarted instance's consumer takes over what the killed one had read but not written.
        const second = await startServer(env);
        children.push(second.child);
        // Records arrive in batches (a taken-over entry after later ones): wait for all of them.
        const deadline = Date.now() + 60_000;
        let texts: string[] = [];
        let handoffs: Array<{ ticket_id: string }> = [];
        while (Date.now() < deadline) {
          const rows = await db
            .selectFrom('transcript_messages')
            .select('text')
            .where('conversation_id', '=', conversationId)
            .where('sender', '=', 'customer')
            .orderBy('at')
            .orderBy('seq')
            .execute();
          texts = rows.map((r) => r.text);
          handoffs = await db.selectFrom('handoffs').select('ticket_id').execute();
          if (texts.length >= 3 && handoffs.length > 0) break;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
        expect(texts).toEqual([OPENER, ...later]);
        expect(handoffs).toEqual([{ ticket_id: ticketId }]);
      } finally {
        await db.destroy();
      }
    });
  },
);
