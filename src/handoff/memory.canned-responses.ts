import { randomUUID } from 'node:crypto';
import {
  CannedDraft,
  CannedFilter,
  CannedResponse,
  type CannedOutcome,
} from './canned-response.js';
import type { CannedResponses } from './canned-responses.port.js';

/** Canned responses in process memory (RECORDS=none); copies in and out, as a database would. */
export class MemoryCannedResponses implements CannedResponses {
  private readonly byId = new Map<string, CannedResponse>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  async list(filter?: CannedFilter): Promise<CannedResponse[]> {
    await Promise.resolve();
    const { lang, tag } = CannedFilter.parse(filter);
    const found = [...this.byId.values()]
      .filter(
        (r) =>
          (lang === undefined || r.lang === lang) && (tag === undefined || r.tags.includes(tag)),
      )
      .sort((a, b) => a.lang.localeCompare(b.lang) || a.shortcut.localeCompare(b.shortcut));
    return found.map((r) => structuredClone(r));
  }

  get(id: string): Promise<CannedResponse | undefined> {
    return Promise.resolve(copy(this.byId.get(id)));
  }

  byShortcut(lang: CannedResponse['lang'], shortcut: string): Promise<CannedResponse | undefined> {
    return Promise.resolve(copy(this.findShortcut(lang, shortcut)));
  }

  // async, so a refused draft is a rejected promise, as from the database.
  async create(draft: CannedDraft, actor: string): Promise<CannedOutcome> {
    await Promise.resolve();
    return this.write(randomUUID(), draft, actor);
  }

  async update(id: string, draft: CannedDraft, actor: string): Promise<CannedOutcome> {
    await Promise.resolve();
    if (!this.byId.has(id)) return { ok: false, reason: 'not_found' };
    return this.write(id, draft, actor);
  }

  remove(id: string): Promise<boolean> {
    return Promise.resolve(this.byId.delete(id));
  }

  private write(id: string, draft: CannedDraft, actor: string): CannedOutcome {
    const fields = CannedDraft.parse(draft);
    const holder = this.findShortcut(fields.lang, fields.shortcut);
    if (holder !== undefined && holder.id !== id)
      return { ok: false, reason: 'duplicate_shortcut' };
    const response = CannedResponse.parse({
      id,
      ...fields,
      updatedBy: actor,
      updatedAt: this.now().toISOString(),
    });
    this.byId.set(id, response);
    return { ok: true, response: structuredClone(response) };
  }

  private findShortcut(lang: string, shortcut: string): CannedResponse | undefined {
    return [...this.byId.values()].find((r) => r.lang === lang && r.shortcut === shortcut);
  }
}

function copy(response: CannedResponse | undefined): CannedResponse | undefined {
  return response === undefined ? undefined : structuredClone(response);
}
