import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseYaml } from '../../src/flows/yaml-config.js';

const Anything = z.unknown();

/** Aliases are where YAML parsing throws after a clean parse; each becomes a located problem. */
describe('parseYaml with aliases', () => {
  it('names the line of an alias whose anchor is missing', () => {
    const result = parseYaml('flow.yaml', 'name: billing\nreply: *missing\n', Anything);
    expect(result).toMatchObject({ ok: false, problems: [{ file: 'flow.yaml', line: 2 }] });
  });

  it('refuses a YAML bomb instead of expanding it', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    const result = parseYaml('bomb.yaml', bomb, Anything);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.message).toMatch(/alias/i);
  });

  it('still expands a shared wording', () => {
    const result = parseYaml('ok.yaml', 'a: &w 您好\nb: *w\n', Anything);
    expect(result).toMatchObject({ ok: true, value: { data: { a: '您好', b: '您好' } } });
  });
});
