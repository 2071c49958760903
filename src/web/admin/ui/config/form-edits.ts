import { BusinessHours } from '../../../../handoff/business-hours.js';
import type { Dictionary } from '../../i18n/dictionary.js';
import { bundledText, withBundledText, withYamlValue, yamlValue } from './yaml-edit.js';

/** The script keys of a language's file (`zh.yaml` → `replies.*`), each with its wordings. */
export function scriptLines(body: string, lang: string): Record<string, string[]> {
  const text = bundledText(body, `${lang}.yaml`);
  const replies = text === undefined ? undefined : yamlValue(text, ['replies']);
  if (typeof replies !== 'object' || replies === null) return {};
  return Object.fromEntries(
    Object.entries(replies).filter((entry): entry is [string, string[]] => Array.isArray(entry[1])),
  );
}

/** The body with one script's wordings replaced in its language's file; nothing else changes. */
export function withScriptLine(
  body: string,
  edit: { lang: string; key: string; wordings: readonly string[] },
): string {
  const name = `${edit.lang}.yaml`;
  const text = bundledText(body, name) ?? '';
  return withBundledText(body, name, withYamlValue(text, ['replies', edit.key], edit.wordings));
}

export type FieldErrors = Dictionary['configEditor']['fieldErrors'];

/** One field of the threshold form: where it lives in its file and what it may hold. */
export interface ThresholdField {
  name: string;
  path: readonly string[];
  /** A number (with its bounds) or a text checked by `check`. */
  number?: { min: number; max: number; integer: boolean };
  required?: boolean;
  check?: (value: string, errors: FieldErrors) => string | undefined;
}

const SEVERITIES = ['P1', 'P2', 'P3', 'P4'] as const;

/** Per kind: the file the form edits and its fields (the handoff thresholds, the time limits). */
export const THRESHOLD_FORMS = {
  rules: {
    file: 'rules.yaml',
    fields: [
      {
        name: 'angerThreshold',
        path: ['handoff', 'angerThreshold'],
        number: { min: 0, max: 1.01, integer: false },
      },
      {
        name: 'faqFailures',
        path: ['handoff', 'faqFailures'],
        number: { min: 1, max: 20, integer: true },
      },
      {
        name: 'stalledTurns',
        path: ['handoff', 'stalledTurns'],
        number: { min: 1, max: 20, integer: true },
      },
      {
        name: 'highAmount',
        path: ['handoff', 'highAmount'],
        number: { min: 0.01, max: 1e9, integer: false },
      },
    ],
  },
  business_hours: {
    file: 'business-hours.yaml',
    fields: [
      {
        name: 'hours',
        path: ['hours'],
        required: true,
        check: (value, errors) => {
          try {
            new BusinessHours(value, 'UTC').isOpen(new Date());
            return undefined;
          } catch {
            return errors.hours;
          }
        },
      },
      {
        name: 'timeZone',
        path: ['timeZone'],
        required: true,
        check: (value, errors) => {
          try {
            new Intl.DateTimeFormat('en-US', { timeZone: value });
            return undefined;
          } catch {
            return errors.timeZone;
          }
        },
      },
      ...SEVERITIES.map((severity) => ({
        name: severity,
        path: ['slaMinutes', severity],
        number: { min: 1, max: 10_080, integer: true },
      })),
    ],
  },
} satisfies Record<string, { file: string; fields: ThresholdField[] }>;
export type ThresholdKind = keyof typeof THRESHOLD_FORMS;

/** The fields' current values in the body ('' when the file does not set one). */
export function thresholdValues(body: string, kind: ThresholdKind): Record<string, string> {
  const { file, fields } = THRESHOLD_FORMS[kind];
  const text = bundledText(body, file) ?? '';
  return Object.fromEntries(
    fields.map((f: ThresholdField) => {
      const value = yamlValue(text, f.path);
      return [f.name, typeof value === 'number' || typeof value === 'string' ? String(value) : ''];
    }),
  );
}

function problemOf(field: ThresholdField, raw: string, errors: FieldErrors): string | undefined {
  if (raw === '') return field.required ? errors.required : undefined;
  if (field.check) return field.check(raw, errors);
  if (!field.number) return undefined;
  const value = Number(raw);
  const { min, max, integer } = field.number;
  if (!Number.isFinite(value)) return errors.range(min, max);
  if (integer && !Number.isInteger(value)) return errors.integer;
  if (value < min || value > max)
    return min > 0 && value <= 0 ? errors.positive : errors.range(min, max);
  return undefined;
}

/**
 * The body with the form's values written into the kind's file (an empty field removes the
 * value), or the errors per field; comments and the other values stay.
 */
export function withThresholds(
  body: string,
  kind: ThresholdKind,
  values: Readonly<Record<string, string>>,
  errors: FieldErrors,
): { ok: true; body: string } | { ok: false; errors: Record<string, string> } {
  const { file, fields } = THRESHOLD_FORMS[kind];
  const found: Record<string, string> = {};
  for (const f of fields as ThresholdField[]) {
    const problem = problemOf(f, (values[f.name] ?? '').trim(), errors);
    if (problem !== undefined) found[f.name] = problem;
  }
  // SLA minutes are all four or none (the environment's).
  const severities = SEVERITIES.filter((s) => fields.some((f: ThresholdField) => f.name === s));
  if (severities.some((s) => (values[s] ?? '').trim() !== ''))
    for (const s of severities) if ((values[s] ?? '').trim() === '') found[s] ??= errors.required;
  if (Object.keys(found).length > 0) return { ok: false, errors: found };
  let text = bundledText(body, file) ?? '';
  const before = thresholdValues(body, kind);
  try {
    for (const f of fields as ThresholdField[]) {
      const raw = (values[f.name] ?? '').trim();
      if (raw === (before[f.name] ?? '')) continue;
      text = withYamlValue(text, f.path, raw === '' ? undefined : f.number ? Number(raw) : raw);
    }
  } catch {
    return { ok: false, errors: { [fields[0]?.name ?? 'form']: errors.yaml } };
  }
  return { ok: true, body: withBundledText(body, file, text) };
}
