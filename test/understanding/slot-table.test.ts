import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SlotValue } from '../../src/domain/analysis.js';
import { SlotName } from '../../src/domain/taxonomy.js';
import { ctx, offline } from './support.js';

/** A table of realistic zh+en phrases and the slot values a person would write down for them. */
const Row = z.object({
  text: z.string(),
  expect: z.partialRecord(SlotName, z.string()),
  known: z.partialRecord(SlotName, SlotValue).optional(),
  tz: z.string().optional(),
  products: z.array(z.string()).optional(),
  history: z.array(z.object({ from: z.enum(['customer', 'bot']), text: z.string() })).optional(),
});

const rows = readFileSync(new URL('./fixtures/slots.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => Row.parse(JSON.parse(l)));

function mismatches(row: z.infer<typeof Row>): string[] {
  const a = offline.analyzeSync(
    row.text,
    ctx({
      knownSlots: row.known ?? {},
      timeZone: row.tz,
      products: row.products,
      history: row.history ?? [],
    }),
  );
  return Object.entries(row.expect).flatMap(([slot, want]) => {
    const got = a.slots[slot as SlotName]?.value;
    return got === want ? [] : [`${slot}: want ${want}, got ${got ?? '—'}`];
  });
}

describe('slot extraction table', () => {
  it('has at least 150 phrases in both languages', () => {
    expect(rows.length).toBeGreaterThanOrEqual(150);
    expect(rows.some((r) => /\p{Script=Han}/u.test(r.text))).toBe(true);
    expect(rows.some((r) => /^[\x20-\x7e]+$/.test(r.text))).toBe(true);
  });

  it('gets at least 95% of the phrases fully right', () => {
    const failures = rows.flatMap((r) => {
      const m = mismatches(r);
      return m.length === 0 ? [] : [`${r.text}\n    ${m.join('\n    ')}`];
    });
    const correct = (rows.length - failures.length) / rows.length;
    if (failures.length > 0) {
      console.log(
        `slot table: ${rows.length - failures.length}/${rows.length} correct (${(correct * 100).toFixed(1)}%); failures:\n  ${failures.join('\n  ')}`,
      );
    }
    expect(correct).toBeGreaterThanOrEqual(0.95);
  });
});
