import { describe, expect, it } from 'vitest';
import { loadBody } from '../../src/admin/config/config-kinds.js';
import { readSeedBody } from '../../src/admin/config/seed-config.js';
import {
  scriptLines,
  thresholdValues,
  withScriptLine,
  withThresholds,
} from '../../src/web/admin/ui/config/form-edits.js';
import { withYamlValue } from '../../src/web/admin/ui/config/yaml-edit.js';
import { DICTIONARIES } from '../../src/web/admin/i18n/labels.js';

const errors = DICTIONARIES.zh.configEditor.fieldErrors;

/** The lines of `after` that are not in `before` at the same place, and the reverse. */
function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail += 1;
  return { removed: a.slice(head, a.length - tail), added: b.slice(head, b.length - tail) };
}

const RULES = [
  '# ==> rules.yaml <==',
  '# Thresholds over every flow (a comment the form must keep).',
  'handoff:',
  '  # Hand off on strong anger only.',
  '  angerThreshold: 0.8',
  '  riskFlags: [legal_threat, media_threat] # flow style stays',
  '',
].join('\n');

describe('the script-line form', () => {
  it('replaces one script’s wordings and leaves every other line of the body as it was', async () => {
    const body = await readSeedBody('scripts', { configDir: 'config', promptsDir: 'prompts' });
    if (body === undefined) throw new Error('no shipped scripts');
    const before = scriptLines(body, 'zh');
    expect(before['empathize_angry']?.length).toBeGreaterThan(1);
    const wordings = [
      '我非常理解您的心情，这件事我会认真跟进。',
      '换成是我也会生气：我们马上处理。',
    ];
    const edited = withScriptLine(body, { lang: 'zh', key: 'empathize_angry', wordings });
    expect(scriptLines(edited, 'zh')['empathize_angry']).toEqual(wordings);
    // Only the two wording lines changed: comments, the other scripts and en.yaml are untouched.
    expect(changedLines(body, edited)).toEqual({
      removed: (before['empathize_angry'] ?? []).map((w) => `    - ${w}`),
      added: wordings.map((w) => `    - ${w}`),
    });
    expect(scriptLines(edited, 'en')).toEqual(scriptLines(body, 'en'));
    expect(loadBody('scripts', edited).ok).toBe(true);
  });
});

describe('the threshold form', () => {
  it('changes one threshold in place, keeping the comments and the flow-style list', () => {
    expect(thresholdValues(RULES, 'rules')).toMatchObject({
      angerThreshold: '0.8',
      faqFailures: '',
    });
    const result = withThresholds(
      RULES,
      'rules',
      { ...thresholdValues(RULES, 'rules'), angerThreshold: '0.7' },
      errors,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(changedLines(RULES, result.body)).toEqual({
      removed: ['  angerThreshold: 0.8'],
      added: ['  angerThreshold: 0.7'],
    });
  });

  it('adds a new threshold as the last line of its map and the file still loads', () => {
    const result = withThresholds(
      RULES,
      'rules',
      { ...thresholdValues(RULES, 'rules'), faqFailures: '3' },
      errors,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(changedLines(RULES, result.body)).toEqual({ removed: [], added: ['  faqFailures: 3'] });
    const loaded = loadBody('rules', result.body);
    expect(loaded.ok && loaded.value.handoff).toEqual({
      angerThreshold: 0.8,
      riskFlags: ['legal_threat', 'media_threat'],
      faqFailures: 3,
    });
  });

  it('writes business hours and SLA minutes into an empty draft', () => {
    const result = withThresholds(
      '',
      'business_hours',
      { hours: 'mon-fri 09:00-18:00', timeZone: 'Asia/Shanghai', P1: '10', P2: '', P3: '', P4: '' },
      errors,
    );
    // All four SLA minutes or none.
    expect(result).toEqual({
      ok: false,
      errors: { P2: errors.required, P3: errors.required, P4: errors.required },
    });
    const full = withThresholds(
      '',
      'business_hours',
      {
        hours: 'mon-fri 09:00-18:00',
        timeZone: 'Asia/Shanghai',
        P1: '10',
        P2: '20',
        P3: '30',
        P4: '40',
      },
      errors,
    );
    if (!full.ok) throw new Error(JSON.stringify(full.errors));
    const loaded = loadBody('business_hours', full.body);
    expect(loaded.ok && loaded.value).toEqual({
      hours: 'mon-fri 09:00-18:00',
      timeZone: 'Asia/Shanghai',
      slaMinutes: { P1: 10, P2: 20, P3: 30, P4: 40 },
    });
  });

  it('names the field of each mistake, in the console’s words', () => {
    const result = withThresholds(
      RULES,
      'rules',
      { angerThreshold: '2', faqFailures: '1.5', stalledTurns: 'x', highAmount: '-3' },
      errors,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        angerThreshold: errors.range(0, 1.01),
        faqFailures: errors.integer,
        stalledTurns: errors.range(1, 20),
        highAmount: errors.positive,
      },
    });
    const hours = withThresholds(
      '',
      'business_hours',
      { hours: '9 to 5', timeZone: 'Mars/Olympus', P1: '', P2: '', P3: '', P4: '' },
      errors,
    );
    expect(hours).toEqual({
      ok: false,
      errors: { hours: errors.hours, timeZone: errors.timeZone },
    });
  });

  it('keeps comments when a value is removed through the Document API', () => {
    const text = withYamlValue(
      RULES.split('\n').slice(1).join('\n'),
      ['handoff', 'angerThreshold'],
      undefined,
    );
    expect(text).toContain('# Thresholds over every flow');
    expect(text).not.toContain('angerThreshold');
  });
});
