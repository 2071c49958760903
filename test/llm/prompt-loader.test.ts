import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  LivePrompts,
  PromptError,
  PromptLoader,
  PromptTemplate,
} from '../../src/llm/prompt-loader.js';

describe('PromptTemplate', () => {
  it('substitutes every {{var}} once, without re-expanding values', () => {
    const t = new PromptTemplate('t', 'Hi {{ name }}, it is {{now}}. Bye {{name}}.');
    expect(t.variables).toEqual(['name', 'now']);
    expect(t.render({ name: '{{now}}', now: '10:00' })).toBe(
      'Hi {{now}}, it is 10:00. Bye {{now}}.',
    );
  });

  it('refuses to render with a variable missing', () => {
    expect(() => new PromptTemplate('t', '{{a}} {{b}}').render({ a: 'x' })).toThrow(/needs b/);
  });
});

describe('PromptLoader', () => {
  it('reads a file under its root once', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'qt-prompts-'));
    await writeFile(path.join(root, 'p.md'), 'v1 {{x}}');
    const loader = new PromptLoader(root);
    const first = await loader.load('p.md');
    await writeFile(path.join(root, 'p.md'), 'v2 {{x}}');
    expect((await loader.load('p.md')).render({ x: '!' })).toBe('v1 !');
    expect(await loader.load('p.md')).toBe(first);
  });

  it('rejects a missing file and a path outside the root with PromptError', async () => {
    const loader = new PromptLoader(await mkdtemp(path.join(tmpdir(), 'qt-prompts-')));
    await expect(loader.load('missing.md')).rejects.toThrow(PromptError);
    await expect(loader.load('../etc/passwd')).rejects.toThrow(/outside/);
  });

  it('ships the understanding prompts with the variables the backend fills', async () => {
    const loader = new PromptLoader();
    for (const lang of ['zh', 'en']) {
      const t = await loader.load(`understanding/system.${lang}.md`);
      expect([...t.variables].sort()).toEqual(['now', 'timeZone', 'weekday']);
    }
  });
});

describe('PromptLoader with published prompts', () => {
  it('renders the published text of a name at every call, the file until there is one', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'qt-live-prompts-'));
    await writeFile(path.join(root, 'p.md'), 'file says {{who}}');
    const live = new LivePrompts();
    const template = await new PromptLoader(root, live).load('p.md');
    expect(template.render({ who: 'a' })).toBe('file says a');
    live.use(new Map([['p.md', 'published says {{who}}']]));
    // The same template object a consumer holds: no reload needed.
    expect(template.render({ who: 'b' })).toBe('published says b');
    live.use(new Map([['other.md', 'x']]));
    expect(template.render({ who: 'c' })).toBe('file says c');
  });
});
