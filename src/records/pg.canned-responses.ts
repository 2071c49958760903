import { randomUUID } from 'node:crypto';
import type { Insertable, Selectable } from 'kysely';
import {
  CannedDraft,
  CannedFilter,
  CannedResponse,
  type CannedOutcome,
} from '../handoff/canned-response.js';
import type { CannedResponses } from '../handoff/canned-responses.port.js';
import type { RecordsDb } from './database.js';
import { isUniqueViolation } from './pg-errors.js';
import type { CannedResponsesTable } from './schema.js';

/** Canned responses in `canned_responses`; the (lang, shortcut) unique index refuses a duplicate. */
export class PgCannedResponses implements CannedResponses {
  constructor(
    private readonly db: RecordsDb,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(filter?: CannedFilter): Promise<CannedResponse[]> {
    const { lang, tag } = CannedFilter.parse(filter);
    let query = this.db
      .selectFrom('canned_responses')
      .selectAll()
      .orderBy('lang')
      .orderBy('shortcut');
    if (lang !== undefined) query = query.where('lang', '=', lang);
    if (tag !== undefined) query = query.where('tags', '@>', JSON.stringify([tag]));
    return (await query.execute()).map(responseOf);
  }

  async get(id: string): Promise<CannedResponse | undefined> {
    const row = await this.db
      .selectFrom('canned_responses')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : responseOf(row);
  }

  async byShortcut(
    lang: CannedResponse['lang'],
    shortcut: string,
  ): Promise<CannedResponse | undefined> {
    const row = await this.db
      .selectFrom('canned_responses')
      .selectAll()
      .where('lang', '=', lang)
      .where('shortcut', '=', shortcut)
      .executeTakeFirst();
    return row === undefined ? undefined : responseOf(row);
  }

  async create(draft: CannedDraft, actor: string): Promise<CannedOutcome> {
    const row = this.rowOf(randomUUID(), draft, actor);
    return this.refusingDuplicates(async () => {
      await this.db.insertInto('canned_responses').values(row).execute();
      return { ok: true, response: responseOf(row) };
    });
  }

  async update(id: string, draft: CannedDraft, actor: string): Promise<CannedOutcome> {
    const row = this.rowOf(id, draft, actor);
    return this.refusingDuplicates(async () => {
      const { numUpdatedRows } = await this.db
        .updateTable('canned_responses')
        .set(row)
        .where('id', '=', id)
        .executeTakeFirst();
      return numUpdatedRows === 1n
        ? { ok: true, response: responseOf(row) }
        : { ok: false, reason: 'not_found' };
    });
  }

  async remove(id: string): Promise<boolean> {
    const { numDeletedRows } = await this.db
      .deleteFrom('canned_responses')
      .where('id', '=', id)
      .executeTakeFirst();
    return numDeletedRows === 1n;
  }

  private rowOf(id: string, draft: CannedDraft, actor: string): Insertable<CannedResponsesTable> {
    const fields = CannedDraft.parse(draft);
    return {
      id,
      lang: fields.lang,
      shortcut: fields.shortcut,
      title: fields.title,
      text: fields.text,
      tags: JSON.stringify(fields.tags),
      updated_by: actor,
      updated_at: this.now(),
    };
  }

  private async refusingDuplicates(write: () => Promise<CannedOutcome>): Promise<CannedOutcome> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error)) return { ok: false, reason: 'duplicate_shortcut' };
      throw error;
    }
  }
}

/** A row as read, or as just written (timestamps as given, jsonb as text). */
type CannedRow = Omit<Selectable<CannedResponsesTable>, 'updated_at'> & {
  updated_at: Date | string;
};

function responseOf(row: CannedRow): CannedResponse {
  return CannedResponse.parse({
    id: row.id,
    lang: row.lang,
    shortcut: row.shortcut,
    title: row.title,
    text: row.text,
    tags: typeof row.tags === 'string' ? (JSON.parse(row.tags) as unknown) : row.tags,
    updatedBy: row.updated_by,
    updatedAt: new Date(row.updated_at).toISOString(),
  });
}
