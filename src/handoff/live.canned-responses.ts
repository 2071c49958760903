import {
  CannedDraft,
  CannedFilter,
  CannedResponse,
  type CannedOutcome,
} from './canned-response.js';
import type { CannedResponses } from './canned-responses.port.js';

/** Who the published responses are attributed to (a version, not one agent, wrote them). */
export const PUBLISHED_BY = 'config';

/**
 * The canned responses agents see: the store's until an admin publishes a `canned.yaml` version,
 * then that version's set, swapped whole at each publish (the published configuration wins over
 * the store, as it does over env). Writes still go to the store; they show again only if no
 * version is live.
 */
export class LiveCannedResponses implements CannedResponses {
  private published: readonly CannedResponse[] | undefined;

  constructor(
    private readonly store: CannedResponses,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Puts a published set in force; ids are `<lang><shortcut>` (`zh/refund`), stable per version. */
  readonly use = (drafts: readonly CannedDraft[]): void => {
    const at = this.now().toISOString();
    this.published = drafts
      .map((draft) => {
        const fields = CannedDraft.parse(draft);
        return CannedResponse.parse({
          id: `${fields.lang}${fields.shortcut}`,
          ...fields,
          updatedBy: PUBLISHED_BY,
          updatedAt: at,
        });
      })
      .sort((a, b) => a.lang.localeCompare(b.lang) || a.shortcut.localeCompare(b.shortcut));
  };

  async list(filter?: CannedFilter): Promise<CannedResponse[]> {
    if (this.published === undefined) return this.store.list(filter);
    const { lang, tag } = CannedFilter.parse(filter);
    return this.published
      .filter(
        (r) =>
          (lang === undefined || r.lang === lang) && (tag === undefined || r.tags.includes(tag)),
      )
      .map((r) => structuredClone(r));
  }

  async get(id: string): Promise<CannedResponse | undefined> {
    if (this.published === undefined) return this.store.get(id);
    return copy(this.published.find((r) => r.id === id));
  }

  async byShortcut(
    lang: CannedResponse['lang'],
    shortcut: string,
  ): Promise<CannedResponse | undefined> {
    if (this.published === undefined) return this.store.byShortcut(lang, shortcut);
    return copy(this.published.find((r) => r.lang === lang && r.shortcut === shortcut));
  }

  create(draft: CannedDraft, actor: string): Promise<CannedOutcome> {
    return this.store.create(draft, actor);
  }

  update(id: string, draft: CannedDraft, actor: string): Promise<CannedOutcome> {
    return this.store.update(id, draft, actor);
  }

  remove(id: string): Promise<boolean> {
    return this.store.remove(id);
  }
}

function copy(response: CannedResponse | undefined): CannedResponse | undefined {
  return response === undefined ? undefined : structuredClone(response);
}
