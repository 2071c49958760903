import { describe, expect, it } from 'vitest';
import { formatBundle, parseBundle } from '../../src/config/config-bundle.js';
import { MemoryConfigVersions } from '../../src/config/memory.config-versions.js';
import { loadBody, validateBody } from '../../src/admin/config/config-kinds.js';
import { readSeedBody, seedConfigVersions } from '../../src/admin/config/seed-config.js';

const roots = { configDir: 'config', promptsDir: 'prompts' };

async function shipped(kind: 'flows' | 'scripts' | 'knowledge' | 'prompts'): Promise<string> {
  const body = await readSeedBody(kind, roots);
  if (body === undefined) throw new Error(`no shipped ${kind}`);
  return body;
}

/** The bundle line of `needle` inside the file `name`. */
function lineOf(body: string, name: string, needle: string): number {
  const lines = body.split('\n');
  const start = lines.indexOf(`# ==> ${name} <==`);
  const offset = lines.slice(start).findIndex((l) => l.includes(needle));
  if (start < 0 || offset < 0) throw new Error(`${needle} not in ${name}`);
  return start + offset + 1;
}

describe('configuration bodies per kind', () => {
  it.each(['flows', 'scripts', 'knowledge', 'prompts'] as const)(
    'the shipped %s load without a problem',
    async (kind) => {
      expect(validateBody(kind, await shipped(kind))).toEqual([]);
    },
  );

  it('a bad defaults.yaml is reported in defaults.yaml, not as a missing other flow', async () => {
    const body = await shipped('flows');
    const line = lineOf(body, 'defaults.yaml', 'firstResponseHours:');
    const broken = body
      .split('\n')
      .map((l, i) =>
        i + 1 === line ? l.replace(/firstResponseHours: .*/, 'firstResponseHours: soon') : l,
      )
      .join('\n');
    const problems = validateBody('flows', broken);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      line,
      file: 'defaults.yaml',
      message: /firstResponseHours/,
    });
    expect(problems[0]?.fileLine).toBe(line - lineOf(body, 'defaults.yaml', ''));
  });

  it('a removed other flow is still reported as missing', async () => {
    const files = parseBundle(await shipped('flows'));
    if (!files.ok) throw new Error('shipped flows do not parse');
    const body = formatBundle(files.files.filter((f) => f.name !== 'other.yaml'));
    expect(validateBody('flows', body)).toMatchObject([
      { file: 'other.yaml', message: /other.*required/ },
    ]);
  });

  it('a YAML mistake in one flow names the bundle line and the line in its file', async () => {
    const body = (await shipped('flows')).replace(/^category: billing$/m, 'category: [billing');
    const problems = validateBody('flows', body);
    expect(problems[0]).toMatchObject({ file: 'billing.yaml' });
    expect(problems[0]?.line).toBeGreaterThanOrEqual(lineOf(body, 'billing.yaml', 'category:'));
  });

  it('a knowledge line that is not JSON is placed at its line', async () => {
    const body = await shipped('knowledge');
    const line = lineOf(body, 'default.jsonl', '"id": "bill-query-en"');
    const broken = body.replace('{"id": "bill-query-en"', '{"id": "bill-query-en" oops');
    expect(validateBody('knowledge', broken)).toMatchObject([
      { line, file: 'default.jsonl', fileLine: 2, message: /JSON/ },
    ]);
  });

  it('a script with an unknown placeholder is refused', async () => {
    const body = (await shipped('scripts')).replace('{ticketId}', '{ticketNumber}');
    expect(validateBody('scripts', body)[0]).toMatchObject({
      file: /^(en|zh)\.yaml$/,
      message: /placeholder/,
    });
  });

  it('loads a body into what the app runs on', async () => {
    const loaded = loadBody('knowledge', await shipped('knowledge'));
    expect(loaded.ok && loaded.value.entries.length).toBeGreaterThan(10);
  });

  it('rules, business hours and canned responses are checked against their schemas', () => {
    expect(
      validateBody(
        'business_hours',
        '# ==> business-hours.yaml <==\nhours: mon-fri 9-6\ntimeZone: UTC\n',
      ),
    ).toMatchObject([{ line: 2, file: 'business-hours.yaml', message: /business hours/ }]);
    const canned = [
      '# ==> canned.yaml <==',
      'responses:',
      '  - { lang: zh, shortcut: /refund, title: 退款, text: 已为您登记退款。 }',
      '  - { lang: zh, shortcut: /refund, title: 退款2, text: 再次登记。 }',
    ].join('\n');
    expect(validateBody('canned', canned)).toMatchObject([{ line: 4, message: /already used/ }]);
    expect(validateBody('rules', '# ==> flows.yaml <==\nx: 1\n')).toMatchObject([
      { line: 2, message: /only rules.yaml/ },
    ]);
  });

  it('a bundle needs a header first and one header per file', () => {
    expect(validateBody('rules', 'handoff: {}\n')).toMatchObject([{ line: 1, message: /header/ }]);
    expect(
      validateBody('rules', '# ==> rules.yaml <==\nhandoff: {}\n# ==> rules.yaml <==\n'),
    ).toMatchObject([{ line: 3, message: /twice/ }]);
    expect(validateBody('rules', '# ==> ../etc/passwd <==\n')).toMatchObject([
      { line: 1, message: /not a file name/ },
    ]);
  });

  it('seeds an empty store with the shipped files as live version 1, once', async () => {
    const configs = new MemoryConfigVersions();
    const first = await seedConfigVersions(configs, roots);
    expect(first).toEqual({
      seeded: ['flows', 'scripts', 'knowledge', 'prompts', 'tests'],
      refused: [],
    });
    expect(await configs.live('flows')).toMatchObject({ version: 1, publishedBy: 'seed' });
    expect((await configs.live('knowledge'))?.body).toBe(await shipped('knowledge'));
    expect(await seedConfigVersions(configs, roots)).toEqual({ seeded: [], refused: [] });
    expect(await configs.list('flows')).toHaveLength(1);
  });
});
