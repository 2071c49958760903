import { watch, type FSWatcher } from 'node:fs';
import { loadKnowledgeDir, type KnowledgeFiles } from './jsonl.knowledge-loader.js';
import type { KnowledgeBase } from './knowledge.port.js';
import { createKnowledgeBase, type KnowledgeBaseOptions } from './memory.knowledge-base.js';

/** The two calls we make on a logger; pino's Logger fits. */
export interface KnowledgeLogger {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface WatchedKnowledgeBase extends KnowledgeBase {
  /** Re-reads the folder now; on failure the previous knowledge base stays in force. */
  reload(): Promise<boolean>;
  /** Puts entries loaded elsewhere (a published version) in force. */
  use(files: KnowledgeFiles): void;
  close(): void;
}

export interface WatchOptions extends Omit<KnowledgeBaseOptions, 'synonyms'> {
  logger?: KnowledgeLogger;
  /** Quiet time after the last change before reloading (editors write files in bursts). */
  debounceMs?: number;
}

/**
 * Loads a knowledge folder (CONFIG_DIR/knowledge) and reloads it when a file changes, without a
 * restart. A bad edit is logged with its file and line and never replaces a good knowledge base.
 */
export async function watchKnowledgeBase(
  dir: string,
  { logger, debounceMs = 200, ...options }: WatchOptions = {},
): Promise<WatchedKnowledgeBase> {
  const of = ({ entries, synonyms }: KnowledgeFiles): KnowledgeBase =>
    createKnowledgeBase(entries, { ...options, synonyms });
  const build = async (): Promise<KnowledgeBase> => of(await loadKnowledgeDir(dir));
  let current = await build();
  logger?.info({ dir, entries: current.size }, 'knowledge base loaded');

  const reload = async (): Promise<boolean> => {
    try {
      current = await build();
      logger?.info({ dir, entries: current.size }, 'knowledge base reloaded');
      return true;
    } catch (error) {
      logger?.error({ dir, err: error }, 'knowledge base not reloaded; keeping the previous one');
      return false;
    }
  };

  let timer: NodeJS.Timeout | undefined;
  const watcher: FSWatcher = watch(dir, () => {
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), debounceMs);
  });
  watcher.on('error', (error) =>
    logger?.error({ dir, err: error }, 'knowledge folder watch failed'),
  );

  return {
    get size() {
      return current.size;
    },
    search: (query, searchOptions) => current.search(query, searchOptions),
    get: (id) => current.get(id),
    reload,
    use(files) {
      current = of(files);
      logger?.info({ entries: current.size }, 'knowledge base replaced');
    },
    close() {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
