import type { Category, Language, RiskFlag, SlotName } from '../../../domain/taxonomy.js';
import type { SlotValue } from '../../../domain/analysis.js';
import type { EmotionPoint, Severity } from '../../../domain/ticket.js';
import type { Nature } from '../../../domain/taxonomy.js';
import { WORDS } from '../../../handoff/summary/summary-text.js';
import { labelsFor as staffLabelsFor } from '../../admin/i18n/labels.js';
import type { ConsoleDictionary, Urgency } from './dictionary.js';
import { en } from './en.js';
import { zh } from './zh.js';

export const CONSOLE_DICTIONARIES: Readonly<Record<Language, ConsoleDictionary>> = { zh, en };

/** Words for every code a case carries, so the console never shows one raw (issue 15 §1). */
export interface ConsoleLabels {
  lang: Language;
  text: ConsoleDictionary;
  category: (code: Category) => string;
  nature: (code: Nature) => string;
  severity: (code: Severity) => string;
  flag: (code: RiskFlag) => string;
  slot: (code: SlotName) => string;
  /** 「愤怒（强）」: the emotion with its strength in words, never the 0–1 intensity. */
  emotion: (point: EmotionPoint) => string;
  rule: (code: string) => string;
  channel: (code: string) => string;
  urgency: (priority: number) => Urgency;
  /** A list of words joined the language's way. */
  list: (items: readonly string[]) => string;
  /** A moment as the agent's clock shows it. */
  time: (iso: string) => string;
  /** A collected element as the agent reads it: a time in the customer's words with the date it means. */
  element: (slot: SlotName, value: SlotValue) => string;
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/;

/**
 * A `time` slot value is the customer's own wall clock (domain/wall-clock.ts), so it is read
 * field by field and shown as written — converting it to the agent's zone would move the day.
 */
function wallClockFormatter(lang: Language): (value: string) => string | undefined {
  const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
  const date = new Intl.DateTimeFormat(locale, { month: 'long', day: 'numeric', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(locale, {
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'UTC',
  });
  return (value) => {
    const m = WALL_CLOCK.exec(value);
    if (m === null) return undefined;
    const [year, month, day, hour, minute] = m.slice(1).map((part) => Number(part ?? 0));
    const at = new Date(Date.UTC(year!, month! - 1, day, hour, minute));
    return (m[4] === undefined ? date : dateTime).format(at);
  };
}

/** Priority counts minutes of waiting (handoff/priority.ts): a P1 starts at 60, an angry caller adds 30. */
function urgencyOf(priority: number): Urgency {
  if (priority >= 90) return 'urgent';
  if (priority >= 45) return 'high';
  if (priority >= 15) return 'medium';
  return 'normal';
}

export function consoleLabels(lang: Language): ConsoleLabels {
  const text = CONSOLE_DICTIONARIES[lang];
  const words = WORDS[lang];
  const staff = staffLabelsFor(lang);
  const wallClock = wallClockFormatter(lang);
  const timeFormat = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en', {
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return {
    lang,
    text,
    category: (code) => words.category[code],
    nature: (code) => staff.text.nature[code],
    severity: (code) => staff.text.severity[code],
    flag: (code) => words.flag[code],
    slot: (code) => words.slot[code],
    emotion: ({ emotion, intensity }) => {
      const { weak, medium, strong } = text.intensity;
      const strength = intensity >= 0.7 ? strong : intensity >= 0.4 ? medium : weak;
      if (emotion === 'neutral') return words.emotion[emotion];
      return text.emotionShown
        .replace('{emotion}', words.emotion[emotion])
        .replace('{strength}', strength);
    },
    rule: (code) => staff.rule(code),
    channel: (code) => staff.channel(code),
    urgency: urgencyOf,
    list: (items) => (items.length === 0 ? text.none : items.join(text.listSeparator)),
    time: (iso) => timeFormat.format(new Date(iso)),
    element: (slot, { value, raw }) => {
      const moment = slot === 'time' ? wallClock(value) : undefined;
      if (moment === undefined) return value;
      if (raw.trim() === '' || raw.includes(value)) return moment;
      return text.elementWithMoment.replace('{raw}', raw).replace('{moment}', moment);
    },
  };
}

/** The browser's language: English when it asks for English, Chinese otherwise. */
export function pickConsoleLanguage(): Language {
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'zh';
}
