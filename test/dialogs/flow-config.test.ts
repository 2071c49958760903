import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../src/domain/taxonomy.js';
import { loadFlowSet } from '../../src/flows/flow.loader.js';
import { loadIntakeConfig } from '../../src/flows/intake-config.js';
import { ConfigLoadError, hotConfig } from '../../src/flows/hot-config.js';
import { loadScriptBook } from '../../src/flows/script-book.js';
import { formatProblem } from '../../src/flows/yaml-config.js';

describe('shipped flow configuration', () => {
  it('loads a flow for every category with zh and en questions for each required slot', async () => {
    const loaded = await loadFlowSet('config/flows');
    if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
    for (const category of CATEGORIES) {
      const flow = loaded.value.flowFor(category);
      expect(flow.category).toBe(category);
      for (const slot of flow.required) {
        expect(flow.questions[slot]?.zh.length).toBeGreaterThanOrEqual(2);
        expect(flow.questions[slot]?.en.length).toBeGreaterThanOrEqual(2);
      }
      expect(flow.policy).toEqual({
        firstResponseHours: 24,
        answerHours: 48,
        closeDays: 7,
        escalatedResponseHours: 4,
      });
    }
    expect(loaded.value.flowFor('emergency').handoff.humanOnly).toBe(true);
    expect(loaded.value.flowFor('refund_claim').handoff.highAmount).toBe(10000);
  });

  it('loads both script files', async () => {
    const loaded = await loadScriptBook('prompts/scripts');
    expect(loaded.ok).toBe(true);
  });
});

describe('flow configuration errors', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'qt-flows-'));
    await cp('config/flows', dir, { recursive: true });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const edit = async (name: string, from: string, to: string): Promise<void> => {
    const file = join(dir, name);
    const text = await readFile(file, 'utf8');
    if (!text.includes(from)) throw new Error(`fixture text not found in ${name}`);
    await writeFile(file, text.replace(from, to));
  };

  it('names the file, line and problem of an unknown slot name', async () => {
    await edit('billing.yaml', 'required: [event, account', 'required:\n  - event\n  - acount');
    const loaded = await loadFlowSet(dir);
    expect(loaded.ok).toBe(false);
    const text = loaded.ok ? '' : loaded.problems.map(formatProblem).join('\n');
    expect(text).toMatch(/billing\.yaml:5: required\.1: Invalid option/);
  });

  it('names the line of a YAML syntax error and of a wrong type', async () => {
    await edit('network.yaml', 'category: network', 'category: [network');
    await edit('defaults.yaml', 'angerThreshold: 0.9', 'angerThreshold: high');
    const loaded = await loadFlowSet(dir);
    const problems = loaded.ok ? [] : loaded.problems.map(formatProblem);
    expect(problems.some((p) => /network\.yaml:\d+:/.test(p))).toBe(true);
    const anger = problems.find((p) => p.includes('angerThreshold'));
    const line = (await readFile(join(dir, 'defaults.yaml'), 'utf8'))
      .split('\n')
      .findIndex((l) => l.includes('angerThreshold'));
    expect(anger).toContain(`defaults.yaml:${line + 1}: handoff.angerThreshold`);
  });

  it('rejects a slot both required and optional, a duplicate category, and a missing question', async () => {
    await edit('delivery.yaml', 'optional: [place, product]', 'optional: [place, time]');
    await writeFile(join(dir, 'billing-copy.yaml'), 'category: billing\nrequired: [event]\n');
    const defaults = join(dir, 'defaults.yaml');
    const source = await readFile(defaults, 'utf8');
    await writeFile(defaults, source.replace(/ {2}people:\n( {4}.*\n)+/, ''));
    const loaded = await loadFlowSet(dir);
    const text = loaded.ok ? '' : loaded.problems.map(formatProblem).join('\n');
    expect(text).toMatch(/delivery\.yaml:\d+: optional\.1: time is already required/);
    expect(text).toMatch(/billing.*\.yaml:\d+: category: a flow for billing is already defined/);
    expect(text).toMatch(/service_attitude\.yaml:3: required\.3: no question for slot people/);
  });

  it('keeps the last good configuration in force when a reload fails, and takes the next good one', async () => {
    const seen: string[] = [];
    const config = await hotConfig({
      load: () => loadFlowSet(dir),
      onProblems: (problems) => seen.push(...problems.map(formatProblem)),
    });
    try {
      await edit('billing.yaml', 'required: [event,', 'required: [evnt,');
      const failed = await config.reload();
      expect(failed.ok).toBe(false);
      expect(seen.join('\n')).toContain('billing.yaml:3');
      expect(config.current().flowFor('billing').required[0]).toBe('event');

      await edit('billing.yaml', 'required: [evnt,', 'required: [amount, event,');
      expect((await config.reload()).ok).toBe(true);
      expect(config.current().flowFor('billing').required[0]).toBe('amount');
    } finally {
      config.close();
    }
  });

  it('reloads by itself when a watched file changes', async () => {
    const config = await hotConfig({ load: () => loadFlowSet(dir), watch: [dir], debounceMs: 20 });
    try {
      const changed = new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (config.current().flowFor('network').required.includes('people')) {
            clearInterval(check);
            resolve();
          }
        }, 10);
      });
      await edit('network.yaml', 'required: [event,', 'required: [people, event,');
      await changed;
      expect(config.current().flowFor('network').required[0]).toBe('people');
    } finally {
      config.close();
    }
  });

  it('refuses to start on a bad configuration with every problem listed', async () => {
    await edit('billing.yaml', 'category: billing', 'category: billingz');
    await expect(hotConfig({ load: () => loadFlowSet(dir) })).rejects.toThrow(ConfigLoadError);
  });
});

describe('script file errors', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'qt-scripts-'));
    await cp('prompts/scripts', dir, { recursive: true });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names the line of an unknown placeholder and of a missing reply', async () => {
    const file = join(dir, 'en.yaml');
    const text = await readFile(file, 'utf8');
    const broken = text
      .replace('{ticketId}. We will contact you', '{ticketNumber}. We will contact you')
      .replace(/ {2}goodbye:\n( {4}-.*\n)+/, '');
    await writeFile(file, broken);
    const loaded = await loadScriptBook(dir);
    const problems = loaded.ok ? [] : loaded.problems.map(formatProblem);
    const line = broken.split('\n').findIndex((l) => l.includes('{ticketNumber}')) + 1;
    expect(problems).toContainEqual(
      expect.stringMatching(new RegExp(`en\\.yaml:${line}: replies\\.ticket_filed\\.0: unknown`)),
    );
    expect(problems).toContainEqual(expect.stringMatching(/en\.yaml:\d+: replies\.goodbye: /));
  });
});

describe('loadIntakeConfig', () => {
  it('loads the shipped flows and scripts as the composition root does', async () => {
    const config = await loadIntakeConfig({ configDir: 'config', watch: false });
    try {
      expect(config.flows.current().flowFor('billing').required).toContain('amount');
      expect(config.scripts.current().zh.replies.greeting.length).toBeGreaterThan(0);
    } finally {
      config.close();
    }
  });
});
