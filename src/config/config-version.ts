import { z } from 'zod';

/** What the admin console edits and publishes (DESIGN §10); each kind has its own version line. */
export const CONFIG_KINDS = [
  'flows',
  'scripts',
  'knowledge',
  'rules',
  'business_hours',
  'canned',
  'prompts',
  'tests',
] as const;
export const ConfigKind = z.enum(CONFIG_KINDS);
export type ConfigKind = z.infer<typeof ConfigKind>;

/** `draft` until published; `live` (one per kind); `retired` once another version went live. */
export const CONFIG_STATUSES = ['draft', 'live', 'retired'] as const;
export const ConfigStatus = z.enum(CONFIG_STATUSES);

/** A configuration file's text as edited (YAML, JSON Lines…); its own loader validates it. */
export const ConfigBody = z.string().min(1).max(5_000_000);

export const ConfigVersion = z.object({
  kind: ConfigKind,
  version: z.number().int().min(1),
  author: z.string().min(1),
  body: ConfigBody,
  status: ConfigStatus,
  createdAt: z.iso.datetime(),
  /** Who last made it live, and when (kept once retired). */
  publishedBy: z.string().optional(),
  publishedAt: z.iso.datetime().optional(),
});
export type ConfigVersion = z.infer<typeof ConfigVersion>;

/**
 * Publishing makes one version live and retires the one before; a rollback publishes the newest
 * retired version older than the live one.
 */
export type PublishOutcome =
  | { ok: true; live: ConfigVersion; retired?: number }
  | { ok: false; reason: 'not_found' | 'already_live' | 'nothing_to_roll_back' };
