import { z } from 'zod';
import { Message } from '../domain/message.js';
import { Handoff } from '../handoff/handoff.js';
import { AnalyticsEvent } from './analytics-event.js';
import { AuditEntry } from './audit-entry.js';
import type { ArchiveStats } from './archive-stats.js';

/**
 * A write that follows a customer turn or an agent action and must not slow it down: it goes
 * through an archive sink (write-behind) into PostgreSQL. Each kind is idempotent on replay:
 * messages by id, handoffs by version, events and audit entries by id.
 */
export const ArchiveRecord = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('message'), conversationId: z.string().min(1), message: Message }),
  z.object({
    kind: z.literal('handoff'),
    handoff: Handoff,
    /** What changed: enqueued, claim, release, transfer, note, close, survey, summary… */
    change: z.string().min(1),
    at: z.string(),
  }),
  z.object({ kind: z.literal('event'), event: AnalyticsEvent }),
  z.object({ kind: z.literal('audit'), entry: AuditEntry }),
]);
export type ArchiveRecord = z.infer<typeof ArchiveRecord>;

/** Writes a batch of records in one transaction (`ArchiveWriter`, or the database worker's). */
export interface ArchiveBatchWriter {
  write(records: readonly ArchiveRecord[]): Promise<void>;
}

/** The durable path into the archive; `enqueue` returns once the record cannot be lost by this process. */
export interface ArchiveSink {
  enqueue(record: ArchiveRecord): Promise<void>;
  /** Resolves when everything enqueued so far has been written (tests, shutdown). */
  drain(): Promise<void>;
  /** Stops consuming after writing what is pending (embedded) or acknowledged (Redis). */
  close(): Promise<void>;
  readonly stats: ArchiveStats;
}
