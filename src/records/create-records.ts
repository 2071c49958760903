import { resolve } from 'node:path';
import { Router, type RequestHandler } from 'express';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { adminNames, seededAgents } from '../agents/agent-directory.js';
import type { AgentDirectory } from '../agents/agent-directory.port.js';
import {
  LocalConfigNotices,
  RedisConfigNotices,
  notifyingConfigVersions,
  type ConfigNotices,
} from '../config/config-notices.js';
import type { ConfigVersions } from '../config/config-versions.port.js';
import type { Env } from '../config/env.js';
import type { CannedResponses } from '../handoff/canned-responses.port.js';
import type { FollowUps } from '../handoff/follow-ups.port.js';
import type { HandoffQueue } from '../handoff/handoff-queue.port.js';
import type { ReadinessCheck } from '../server/health.js';
import { duplicateRedis, type RedisClient } from '../storage/redis-client.js';
import type { TranscriptStore } from '../storage/transcript.port.js';
import type { TicketStore } from '../tickets/ticket-store.port.js';
import { analyticsEvent } from './analytics-event.js';
import type { ArchiveSink } from './archive-record.js';
import { ArchivedTranscriptStore } from './archived.transcript-store.js';
import { ArchivingHandoffQueue } from './archiving.handoff-queue.js';
import { openDatabase, type RecordsDatabase } from './database.js';
import { createConfigRouter } from './config.router.js';
import { PgAgentDirectory } from './pg.agent-directory.js';
import { PgCannedResponses } from './pg.canned-responses.js';
import { PgConfigVersions } from './pg.config-versions.js';
import { PgFollowUps } from './pg.follow-ups.js';
import { PgTicketStore } from './pg.ticket-store.js';
import { PgTranscriptStore } from './pg.transcript-store.js';
import { RedisStreamSink } from './redis-stream.sink.js';
import { ensureRollupsInBackground, rollupSettings } from './rollups.js';
import { WriteBehindSink } from './write-behind.sink.js';
import { AuditLog } from './audit-log.js';
import { CustomerData } from './customer-data.js';
import { schedulePurge } from './purge-schedule.js';
import { createRecordsRouter } from './records.router.js';
import { parseRetention, purgeExpired, type RetentionKind } from './retention.js';
import { TicketSearch } from './ticket-search.js';
import { TurnFacts } from './turn-facts.js';

export type RecordsEnv = Pick<
  Env,
  | 'DATABASE_URL'
  | 'DATA_DIR'
  | 'RECORDS'
  | 'RETENTION_DAYS'
  | 'BUSINESS_TIME_ZONE'
  | 'HANDOFF_SLA_MINUTES'
  | 'AGENT_SEED'
  | 'AGENT_ADMINS'
>;

/** The system of record as the composition root wires it. */
export interface Records {
  database: RecordsDatabase;
  tickets: TicketStore;
  /** Agent accounts and groups; AGENT_SEED seeded them only if the table was empty. */
  agents: AgentDirectory;
  canned: CannedResponses;
  configs: ConfigVersions;
  /** A notice on every publish or rollback, to every instance. */
  configNotices: ConfigNotices;
  followUps: FollowUps;
  /** The transcript the app uses: the hot store plus the write-behind archive. */
  transcript(hot: TranscriptStore): TranscriptStore;
  /** The handoff queue with every change archived. */
  archiveHandoffs(queue: HandoffQueue): HandoffQueue;
  /** Analytics facts, scoped to the customer turn they happen in (write-behind). */
  facts: TurnFacts;
  audit: AuditLog;
  search: TicketSearch;
  customers: CustomerData;
  /** Search, customer history, export and erasure, audit and configuration routes (agent auth given by the app). */
  router(auth: RequestHandler): Router;
  /** Runs the retention purge now (the nightly job calls this too). */
  purge(): Promise<Record<RetentionKind, number>>;
  sink: ArchiveSink;
  readiness: ReadinessCheck;
  /** Settles once the rollups hold for the environment's settings (start-up does not wait). */
  rollupsReady: Promise<void>;
  /** Flushes the archive and closes the database (before Redis closes). */
  close(): Promise<void>;
}

export interface RecordsDeps {
  logger: Logger;
  /** Redis mode: the archive goes through a Redis stream, so a SIGKILL loses nothing. */
  redis?: { client: RedisClient; prefix: string };
}

/** Opens PostgreSQL (DATABASE_URL) or the embedded PGlite (DATA_DIR); undefined when RECORDS=none. */
export async function openRecords(
  env: RecordsEnv,
  deps: RecordsDeps,
): Promise<Records | undefined> {
  if (env.RECORDS === 'none') return undefined;
  const database = await openDatabase(
    env.DATABASE_URL === undefined
      ? {
          kind: 'pglite',
          dataDir: env.DATA_DIR.startsWith('memory://') ? env.DATA_DIR : resolve(env.DATA_DIR),
          onRestart: (cause) =>
            deps.logger.warn({ err: cause }, 'embedded database worker restarted'),
        }
      : { kind: 'postgres', url: env.DATABASE_URL },
  );
  const { db } = database;
  // Rollups counted with another time zone or SLA (or never) are rebuilt after start-up, in the
  // background; until then the dashboard reads raw rows.
  const rollupsReady = ensureRollupsInBackground(db, rollupSettings(env), deps.logger);
  const onError = (error: unknown): void =>
    deps.logger.error({ err: error }, 'archive write failed');
  const writer = database.archive;
  let sink: ArchiveSink;
  if (deps.redis === undefined) sink = new WriteBehindSink(writer, { onError });
  else {
    const stream = new RedisStreamSink({ ...deps.redis, writer, onError });
    await stream.start();
    sink = stream;
  }
  const agents = await PgAgentDirectory.open(
    db,
    seededAgents(env.AGENT_SEED, adminNames(env.AGENT_ADMINS)),
  );
  const archive = new PgTranscriptStore(db);
  const retention = parseRetention(env.RETENTION_DAYS);
  const audit = new AuditLog(db);
  const search = new TicketSearch(db);
  const customers = new CustomerData(db);
  // Every publish tells every instance (Redis pub/sub, or this process when embedded).
  const configNotices: ConfigNotices = deps.redis
    ? await RedisConfigNotices.open(
        deps.redis.client,
        await duplicateRedis(deps.redis.client, deps.logger, 'config-notices'),
        deps.redis.prefix,
      )
    : new LocalConfigNotices();
  const configs = notifyingConfigVersions(new PgConfigVersions(db), configNotices, (error) =>
    deps.logger.warn({ err: error }, 'configuration notice not sent; polling applies it'),
  );
  const purge = async (): Promise<Record<RetentionKind, number>> => {
    const removed = await purgeExpired(db, retention);
    deps.logger.info({ removed }, 'retention purge done');
    return removed;
  };
  const schedule = await schedulePurge(purge, {
    ...(deps.redis ? { redis: deps.redis } : {}),
    timeZone: env.BUSINESS_TIME_ZONE,
    onError: (error) => deps.logger.error({ err: error }, 'retention purge failed'),
  });
  return {
    database,
    tickets: new PgTicketStore(db),
    agents,
    canned: new PgCannedResponses(db),
    configs,
    configNotices,
    followUps: new PgFollowUps(db),
    transcript: (hot) => new ArchivedTranscriptStore(hot, archive, sink),
    archiveHandoffs: (queue) => new ArchivingHandoffQueue(queue, sink, onError),
    facts: new TurnFacts({
      record: (fields) => {
        sink.enqueue({ kind: 'event', event: analyticsEvent(fields) }).catch(onError);
      },
    }),
    audit,
    search,
    customers,
    router: (auth) =>
      Router().use(
        createRecordsRouter({ search, customers, audit, auth }),
        createConfigRouter({ configs, audit, auth }),
      ),
    purge,
    sink,
    readiness: { name: 'database', check: () => sql`SELECT 1`.execute(db) },
    rollupsReady,
    close: async () => {
      await schedule.stop();
      await configNotices.close();
      await sink.close();
      deps.logger.info({ archive: { ...sink.stats } }, 'archive closed');
      // A rebuild under way finishes (its one transaction) before the database closes.
      await rollupsReady;
      await database.close();
    },
  };
}
