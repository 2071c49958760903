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

/**
 * The prompts an admin published (the `prompts` configuration kind), by name relative to the
 * prompts root (`understanding/system.zh.md`). Empty until a version is live: the files answer.
 */
export class LivePrompts {
  private texts: ReadonlyMap<string, string> = new Map();

  readonly use = (next: ReadonlyMap<string, string>): void => {
    this.texts = next;
  };

  text(name: string): string | undefined {
    return this.texts.get(name);
  }
}

/**
 * A file's template that renders the published text of its name when there is one, so a publish
 * changes the next LLM call without reloading the consumers that hold the template.
 */
class LivePromptTemplate extends PromptTemplate {
  private published: PromptTemplate | undefined;

  constructor(
    name: string,
    source: string,
    private readonly live: LivePrompts,
  ) {
    super(name, source);
  }

  override render(vars: Readonly<Record<string, string>>): string {
    const text = this.live.text(this.name);
    if (text === undefined || text === this.source) return super.render(vars);
    if (this.published?.source !== text) this.published = new PromptTemplate(this.name, text);
    return this.published.render(vars);
  }
}

/** Reads prompt files under one root (admins edit them without touching code); each file is read once. */
export class PromptLoader {
  private readonly cache = new Map<string, Promise<PromptTemplate>>();

  /** With `live`, a published prompt of the same name wins over the file at every render. */
  constructor(
    private readonly root: string = DEFAULT_PROMPTS_DIR,
    private readonly live?: LivePrompts,
  ) {}

  /** `name` is relative to the root, e.g. `understanding/system.zh.md`; it may not climb out of it. */
  load(name: string): Promise<PromptTemplate> {
    const file = path.resolve(this.root, name);
    if (!file.startsWith(path.resolve(this.root) + path.sep)) {
      return Promise.reject(new PromptError(`Prompt ${name} is outside ${this.root}`));
    }
    let template = this.cache.get(file);
    if (!template) {
      template = readFile(file, 'utf8').then(
        (source) =>
          this.live
            ? new LivePromptTemplate(name, source, this.live)
            : new PromptTemplate(name, source),
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
