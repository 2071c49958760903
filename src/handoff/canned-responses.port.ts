import type {
  CannedDraft,
  CannedFilter,
  CannedOutcome,
  CannedResponse,
} from './canned-response.js';

/**
 * Canned responses (快捷回复) agents insert by shortcut, per language (DESIGN §9, §10). Memory
 * with RECORDS=none, PostgreSQL otherwise; drafts are zod-checked by every implementation.
 */
export interface CannedResponses {
  /** Sorted by language, then shortcut; narrowed by language and tag. */
  list(filter?: CannedFilter): Promise<CannedResponse[]>;
  get(id: string): Promise<CannedResponse | undefined>;
  /** The response an agent's `/shortcut` names in a language. */
  byShortcut(lang: CannedResponse['lang'], shortcut: string): Promise<CannedResponse | undefined>;
  create(draft: CannedDraft, actor: string): Promise<CannedOutcome>;
  /** Replaces the whole draft (a changed shortcut is checked again). */
  update(id: string, draft: CannedDraft, actor: string): Promise<CannedOutcome>;
  /** False when there was no such response. */
  remove(id: string): Promise<boolean>;
}
