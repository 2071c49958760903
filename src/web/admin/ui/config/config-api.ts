import { z } from 'zod';
import { ConfigVersion, type ConfigKind } from '../../../../config/config-version.js';
import type { AdminApi } from '../api.js';

/** One problem of a body, at the body line the editor shows (`POST …/validate`). */
export const Problem = z.object({
  line: z.number().int().min(1),
  file: z.string().optional(),
  fileLine: z.number().int().optional(),
  message: z.string(),
});
export type Problem = z.infer<typeof Problem>;

const Summary = ConfigVersion.omit({ body: true });
export type VersionSummary = z.infer<typeof Summary>;
const Listing = z.object({
  kind: z.string(),
  live: ConfigVersion.optional(),
  versions: z.array(Summary),
});
export type Listing = z.infer<typeof Listing>;
const Problems = z.object({ problems: z.array(Problem) });
const Outcome = z.object({ ok: z.literal(true), live: ConfigVersion });
const Report = z.object({
  passed: z.boolean(),
  results: z.array(
    z.object({
      name: z.string(),
      passed: z.boolean(),
      failures: z.array(z.object({ turn: z.number(), message: z.string() })),
    }),
  ),
});
export type Report = z.infer<typeof Report>;
const TryReply = z.object({
  greeting: z.array(z.string()),
  replies: z.array(z.object({ text: z.string() })),
  tickets: z.array(z.object({ id: z.string() })),
  handoffs: z.array(z.object({ rule: z.string() })),
});
export type TryReply = z.infer<typeof TryReply>;
type Drafts = Partial<Record<ConfigKind, string>>;

/** The configuration versions API (`/api/admin/config/:kind`, src/records/config.router.ts). */
export class ConfigApi {
  constructor(private readonly api: AdminApi) {}

  private path(kind: ConfigKind, rest = ''): string {
    return `/api/admin/config/${kind}${rest}`;
  }

  list(kind: ConfigKind): Promise<Listing> {
    return this.api.json(Listing, this.path(kind));
  }

  version(kind: ConfigKind, version: number): Promise<ConfigVersion> {
    return this.api.json(ConfigVersion, this.path(kind, `/versions/${version}`));
  }

  async validate(kind: ConfigKind, body: string): Promise<Problem[]> {
    const reply = await this.api.json(Problems, this.path(kind, '/validate'), {
      method: 'POST',
      body: { body },
    });
    return reply.problems;
  }

  saveDraft(kind: ConfigKind, body: string): Promise<ConfigVersion> {
    return this.api.json(ConfigVersion, this.path(kind), { method: 'PUT', body: { body } });
  }

  /** Refused with 409 `tests_failed` while a conversation test fails, unless `override`. */
  async publish(kind: ConfigKind, version: number, override = false): Promise<ConfigVersion> {
    const reply = await this.api.json(Outcome, this.path(kind, '/publish'), {
      method: 'POST',
      body: override ? { version, override } : { version },
    });
    return reply.live;
  }

  runTests(drafts: Drafts): Promise<Report> {
    return this.api.json(Report, '/api/admin/config/run-tests', {
      method: 'POST',
      body: { drafts },
    });
  }

  /** One turn of the try-it chat on the draft (isolated state, test tickets only). */
  tryTurn(session: string, text: string, drafts: Drafts): Promise<TryReply> {
    return this.api.json(TryReply, '/api/admin/config/try', {
      method: 'POST',
      body: { session, text, drafts },
    });
  }
}
