import type { ConfigNotices } from '../../config/config-notices.js';
import type { ConfigKind } from '../../config/config-version.js';
import type { ConfigVersions } from '../../config/config-versions.port.js';
import { loadBody, type KindValues } from './config-kinds.js';
import { seedConfigVersions, type SeedRoots } from './seed-config.js';

/** Where a kind's live version goes in the running app (a hot config's `use`, a knowledge base…). */
export type LiveTargets = { [K in ConfigKind]?: (value: KindValues[K]) => void };

export interface LiveConfigLogger {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface LiveConfigOptions {
  configs: Pick<ConfigVersions, 'live'>;
  targets: LiveTargets;
  /** A notice checks its kind at once; without one, polling alone applies a publish. */
  notices?: Pick<ConfigNotices, 'subscribe'>;
  /** Poll period; at most 1 s so every instance applies a publish within 2 s. */
  pollMs?: number;
  logger?: LiveConfigLogger;
}

export interface LiveConfig {
  /** Applies every kind whose live version changed since the last check. */
  check(kind?: ConfigKind): Promise<void>;
  close(): void;
}

/**
 * Keeps the running app on the live configuration versions: on a notice and every `pollMs` it
 * loads a kind's live body if its version changed and hands it to the target, which swaps it in
 * whole. A live body that fails to load (it should not: drafts are validated) is logged once and
 * the last good configuration stays.
 */
export async function followLiveConfig(options: LiveConfigOptions): Promise<LiveConfig> {
  const { configs, targets, logger } = options;
  const kinds = (Object.keys(targets) as ConfigKind[]).filter((k) => targets[k] !== undefined);
  const applied = new Map<ConfigKind, number>();
  let running = Promise.resolve();

  const apply = async <K extends ConfigKind>(kind: K): Promise<void> => {
    const live = await configs.live(kind);
    if (live === undefined || applied.get(kind) === live.version) return;
    applied.set(kind, live.version);
    const loaded = loadBody(kind, live.body);
    if (!loaded.ok) {
      logger?.error(
        { kind, version: live.version, problems: loaded.problems },
        'live configuration not applied; the last good one stays',
      );
      return;
    }
    (targets[kind] as (value: KindValues[K]) => void)(loaded.value);
    logger?.info({ kind, version: live.version }, 'live configuration applied');
  };
  /** One check at a time, so two never apply versions out of order. */
  const check = (kind?: ConfigKind): Promise<void> => {
    const next = running.then(async () => {
      for (const k of kind === undefined ? kinds : kinds.filter((x) => x === kind)) await apply(k);
    });
    running = next.catch((error: unknown) =>
      logger?.error({ err: error }, 'live configuration check failed'),
    );
    return next;
  };

  await check();
  const timer = setInterval(() => void check().catch(() => undefined), options.pollMs ?? 1000);
  timer.unref();
  const unsubscribe = options.notices?.subscribe((kind) => void check(kind).catch(() => undefined));
  return {
    check,
    close: () => {
      clearInterval(timer);
      unsubscribe?.();
    },
  };
}

/**
 * Seeds an empty store with the shipped files (logging what it refused), then follows the live
 * versions with the store's notices.
 */
export async function followSeededConfig(
  store: { configs: ConfigVersions; configNotices: ConfigNotices },
  options: {
    roots: SeedRoots;
    targets: LiveTargets;
    logger: LiveConfigLogger & { warn(details: object, message: string): void };
  },
): Promise<LiveConfig> {
  const { seeded, refused } = await seedConfigVersions(store.configs, options.roots);
  if (seeded.length > 0) options.logger.info({ seeded }, 'configuration seeded from the files');
  for (const { kind, problems } of refused)
    options.logger.warn({ kind, problems }, 'shipped configuration has problems; not seeded');
  return followLiveConfig({
    configs: store.configs,
    notices: store.configNotices,
    targets: options.targets,
    logger: options.logger,
  });
}
