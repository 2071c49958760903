import { join } from 'node:path';
import { loadFlowSet } from './flow.loader.js';
import type { FlowSet } from './flow.schema.js';
import { hotConfig, type HotConfig } from './hot-config.js';
import { loadScriptBook, type ScriptBook } from './script-book.js';
import type { ConfigProblem } from './yaml-config.js';

export interface IntakeConfigOptions {
  /** The configuration folder (env CONFIG_DIR); flows are read from `<configDir>/flows`. */
  configDir: string;
  /** Reply scripts folder (`zh.yaml`, `en.yaml`); default `prompts/scripts`. */
  scriptsDir?: string;
  /** Reload on file changes (default true). */
  watch?: boolean;
  /** Told about every rejected reload, e.g. `(p) => logger.warn({ problems: p }, 'flows not reloaded')`. */
  onProblems?: (problems: readonly ConfigProblem[]) => void;
}

export interface IntakeConfig {
  flows: HotConfig<FlowSet>;
  scripts: HotConfig<ScriptBook>;
  close(): void;
}

/**
 * Loads the flows and reply scripts the intake dialog runs on and keeps them current while admins
 * edit them. A bad file at start-up throws ConfigLoadError (every problem with file and line).
 */
export async function loadIntakeConfig(options: IntakeConfigOptions): Promise<IntakeConfig> {
  const flowsDir = join(options.configDir, 'flows');
  const scriptsDir = options.scriptsDir ?? join('prompts', 'scripts');
  const watching = options.watch ?? true;
  const onProblems = options.onProblems;
  const flows = await hotConfig({
    load: () => loadFlowSet(flowsDir),
    ...(watching ? { watch: [flowsDir] } : {}),
    ...(onProblems ? { onProblems } : {}),
  });
  const scripts = await hotConfig({
    load: () => loadScriptBook(scriptsDir),
    ...(watching ? { watch: [scriptsDir] } : {}),
    ...(onProblems ? { onProblems } : {}),
  }).catch((error: unknown) => {
    flows.close();
    throw error;
  });
  return {
    flows,
    scripts,
    close: () => {
      flows.close();
      scripts.close();
    },
  };
}
