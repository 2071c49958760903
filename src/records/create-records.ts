import { resolve } from 'node:path';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Env } from '../config/env.js';
import type { HandoffQueue } from '../handoff/handoff-queue.port.js';
import type { ReadinessCheck } from '../server/health.js';
import type { RedisClient } from '../storage/redis-client.js';
import type { TranscriptStore } from '../storage/transcript.port.js';
import type { TicketStore } from '../tickets/ticket-store.port.js';
import { analyticsEvent, type AnalyticsEvent } from './analytics-event.js';
import type { ArchiveSink } from './archive-record.js';
import { ArchiveWriter } from './archive-writer.js';
import { ArchivedTranscriptStore } from './archived.transcript-store.js';
import { ArchivingHandoffQueue } from './archiving.handoff-queue.js';
import { openDatabase, type RecordsDatabase } from './database.js';
import { PgTicketStore } from './pg.ticket-store.js';
import { PgTranscriptStore } from './pg.transcript-store.js';
import { RedisStreamSink } from './redis-stream.sink.js';
import { WriteBehindSink } from './write-behind.sink.js';

export type RecordsEnv = Pick<Env, 'DATABASE_URL' | 'DATA_DIR' | 'RECORDS' | 'RETENTION_DAYS'>;

/** Records a fact for the analytics without waiting for the database (write-behind). */
export interface AnalyticsRecorder {
  record(fields: Omit<AnalyticsEvent, 'id'>): void;
}

/** The system of record as the composition root wires it. */
export interface Records {
  database: RecordsDatabase;
  tickets: TicketStore;
  /** The transcript the app uses: the hot store plus the write-behind archive. */
  transcript(hot: TranscriptStore): TranscriptStore;
  /** The handoff queue with every change archived. */
  archiveHandoffs(queue: HandoffQueue): HandoffQueue;
  analytics: AnalyticsRecorder;
  sink: ArchiveSink;
  readiness: ReadinessCheck;
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
      ? { kind: 'pglite', dataDir: resolve(env.DATA_DIR) }
      : { kind: 'postgres', url: env.DATABASE_URL },
  );
  const { db } = database;
  const onError = (error: unknown): void =>
    deps.logger.error({ err: error }, 'archive write failed');
  const writer = new ArchiveWriter(db);
  let sink: ArchiveSink;
  if (deps.redis === undefined) sink = new WriteBehindSink(writer, { onError });
  else {
    const stream = new RedisStreamSink({ ...deps.redis, writer, onError });
    await stream.start();
    sink = stream;
  }
  const archive = new PgTranscriptStore(db);
  return {
    database,
    tickets: new PgTicketStore(db),
    transcript: (hot) => new ArchivedTranscriptStore(hot, archive, sink),
    archiveHandoffs: (queue) => new ArchivingHandoffQueue(queue, sink, onError),
    analytics: {
      record: (fields) => {
        sink.enqueue({ kind: 'event', event: analyticsEvent(fields) }).catch(onError);
      },
    },
    sink,
    readiness: { name: 'database', check: () => sql`SELECT 1`.execute(db) },
    close: async () => {
      await sink.close();
      await database.close();
    },
  };
}
