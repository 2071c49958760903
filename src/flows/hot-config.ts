import { watch, type FSWatcher } from 'node:fs';
import { formatProblem, type ConfigProblem, type ConfigResult } from './yaml-config.js';

/** A configuration that admins edit while the server runs: the last good version stays in force. */
export interface HotConfig<T> {
  /** The configuration in force (a plain function: safe to pass around unbound). */
  readonly current: () => T;
  /** Loads again now; on problems the previous value is kept and the problems are returned. */
  reload(): Promise<ConfigResult<T>>;
  /** Puts a value loaded elsewhere (a published version) in force. */
  readonly use: (next: T) => void;
  close(): void;
}

export interface HotConfigOptions<T> {
  load: () => Promise<ConfigResult<T>>;
  /** Folders to watch; omit to reload only on `reload()`. */
  watch?: readonly string[];
  /** Told about every rejected reload (e.g. a logger). */
  onProblems?: (problems: readonly ConfigProblem[]) => void;
  onReload?: () => void;
  debounceMs?: number;
}

export class ConfigLoadError extends Error {
  override name = 'ConfigLoadError';
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

/** Loads once (a bad start-up configuration throws ConfigLoadError), then reloads on change. */
export async function hotConfig<T>(options: HotConfigOptions<T>): Promise<HotConfig<T>> {
  const first = await options.load();
  if (!first.ok) throw new ConfigLoadError(first.problems);
  let value = first.value;
  let timer: NodeJS.Timeout | undefined;
  const reload = async (): Promise<ConfigResult<T>> => {
    const next = await options.load().catch((error: unknown): ConfigResult<T> => ({
      ok: false,
      problems: [{ file: '(configuration)', line: 1, message: String(error) }],
    }));
    if (next.ok) {
      value = next.value;
      options.onReload?.();
    } else options.onProblems?.(next.problems);
    return next;
  };
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), options.debounceMs ?? 100);
  };
  const watchers: FSWatcher[] = (options.watch ?? []).map((dir) =>
    watch(dir, schedule).on('error', () => undefined),
  );
  return {
    current: () => value,
    reload,
    use: (next) => {
      value = next;
      options.onReload?.();
    },
    close: () => {
      clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}
