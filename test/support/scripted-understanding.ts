import {
  neutralAnalysis,
  type Analysis,
  type SlotValue,
  type SlotValues,
} from '../../src/domain/analysis.js';
import { SlotName, type Category } from '../../src/domain/taxonomy.js';
import type { Understanding } from '../../src/understanding/understanding.port.js';

/** A plausible normalised value per slot, so restatements and tickets look real. */
const VALUES: Readonly<Record<SlotName, string>> = {
  event: '话费被多扣',
  product: '话费',
  account: '13900000000',
  time: '2026-11-24',
  place: '人民路营业厅',
  people: 'staff:1024',
  amount: '50 CNY',
  demand: 'refund',
  contact_name: '王先生',
  contact_phone: '13812345678',
  contact_time: '下午',
};

/** Builds the message the scripted understanding reads as carrying exactly these slots. */
export function slotMessage(slots: readonly SlotName[]): string {
  return `slots:${slots.join(',')}`;
}

/** A reading to script: any Analysis field, slots by name (plausible values filled in). */
export type ScriptedReading = Partial<Omit<Analysis, 'slots'>> & {
  slots?: readonly SlotName[];
  values?: SlotValues;
};

/** Builds the message the scripted understanding reads as exactly this reading. */
export function readingMessage(reading: ScriptedReading): string {
  return `json:${JSON.stringify(reading)}`;
}

function scriptedReading(base: Analysis, json: string): Analysis {
  const { slots = [], values = {}, ...rest } = JSON.parse(json) as ScriptedReading;
  const filled: SlotValues = { ...values };
  for (const slot of slots)
    filled[slot] = { value: VALUES[slot], raw: VALUES[slot], confidence: 0.9 };
  return { ...base, ...rest, slots: filled };
}

/**
 * A deterministic stand-in for dialog-mechanics tests: `open:<category>` is a complaint opener,
 * `slots:a,b` carries those slots, `json:{…}` is exactly that reading (see `readingMessage`),
 * anything else is a neutral message with no slots.
 */
export function scriptedUnderstanding(): Understanding {
  return {
    analyze: (text) => {
      const base: Analysis = { ...neutralAnalysis('zh'), intentConfidence: 0.9 };
      if (text.startsWith('open:')) {
        const category = text.slice('open:'.length) as Category;
        return Promise.resolve({
          ...base,
          intent: 'complaint',
          category,
          nature: 'effective',
          act: { kind: 'complaint' },
        });
      }
      if (text.startsWith('json:'))
        return Promise.resolve(scriptedReading(base, text.slice('json:'.length)));
      // A plain line (a quick reply) is read in the language it is written in.
      if (!text.startsWith('slots:'))
        return Promise.resolve({ ...base, lang: /\p{Script=Han}/u.test(text) ? 'zh' : 'en' });
      const slots: SlotValues = {};
      for (const name of text.slice('slots:'.length).split(',')) {
        const slot = SlotName.parse(name);
        const value: SlotValue = { value: VALUES[slot], raw: VALUES[slot], confidence: 0.9 };
        slots[slot] = value;
      }
      return Promise.resolve({ ...base, slots });
    },
  };
}
