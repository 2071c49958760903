import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository's `prompts/` folder, the same from `src/llm` (tsx) and `dist/llm` (built). */
export const DEFAULT_PROMPTS_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));

const VARIABLE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** A prompt file or a render call that does not fit: a programming or deployment error, not a turn outcome. */
export class PromptError extends Error {
  override name = 'PromptError';
}

/** A prompt file with `{{var}}` placeholders, substituted in one pass so values are never re-expanded. */
export class PromptTemplate {
  /** Variable names the file uses, in order of first appearance. */
  readonly variables: readonly string[];

  constructor(
    readonly name: string,
    readonly source: string,
  ) {
    this.variables = [...new Set(Array.from(source.matchAll(VARIABLE), (m) => m[1] ?? ''))];
  }

  render(vars: Readonly<Record<string, string>>): string {
    const missing = this.variables.filter((v) => !Object.hasOwn(vars, v));
    if (missing.length > 0) {
      throw new PromptError(`Prompt ${this.name} needs ${missing.join(', ')}`);
    }
    return this.source.replace(VARIABLE, (_match, variable: string) => vars[variable] ?? '');
  }
}

/** Reads prompt files under one root (admins edit them without touching code); each file is read once. */
export class PromptLoader {
  private readonly cache = new Map<string, Promise<PromptTemplate>>();

  constructor(private readonly root: string = DEFAULT_PROMPTS_DIR) {}

  /** `name` is relative to the root, e.g. `understanding/system.zh.md`; it may not climb out of it. */
  load(name: string): Promise<PromptTemplate> {
    const file = path.resolve(this.root, name);
    if (!file.startsWith(path.resolve(this.root) + path.sep)) {
      return Promise.reject(new PromptError(`Prompt ${name} is outside ${this.root}`));
    }
    let template = this.cache.get(file);
    if (!template) {
      template = readFile(file, 'utf8').then(
        (source) => new PromptTemplate(name, source),
        (error: unknown) => {
          this.cache.delete(file);
          throw new PromptError(`Cannot read prompt ${name}: ${String(error)}`);
        },
      );
      this.cache.set(file, template);
    }
    return template;
  }
}
