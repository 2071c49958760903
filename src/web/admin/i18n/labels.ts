import { WORDS } from '../../../handoff/summary/summary-text.js';
import type { Category, Emotion, Language, RiskFlag } from '../../../domain/taxonomy.js';
import { RISK_FLAGS } from '../../../domain/taxonomy.js';
import type { Dictionary } from './dictionary.js';
import { en } from './en.js';
import { zh } from './zh.js';

export const DICTIONARIES: Readonly<Record<Language, Dictionary>> = { zh, en };

/** Words for the codes the report carries; categories, emotions and flags as the agent summary says them. */
export interface Labels {
  text: Dictionary;
  category(code: Category): string;
  emotion(code: Emotion): string;
  rule(code: string): string;
  channel(code: string): string;
  /** A duration in seconds, in the largest unit that keeps it readable. */
  duration(seconds: number | null): string;
  percent(share: number | null): string;
}

const isFlag = (code: string): code is RiskFlag => (RISK_FLAGS as readonly string[]).includes(code);

export function labelsFor(lang: Language): Labels {
  const text = DICTIONARIES[lang];
  const words = WORDS[lang];
  const number = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en', {
    maximumFractionDigits: 1,
  });
  return {
    text,
    category: (code) => words.category[code],
    emotion: (code) => words.emotion[code],
    rule: (code) => {
      const flag = code.startsWith('risk_flag:') ? code.slice('risk_flag:'.length) : undefined;
      if (flag !== undefined && isFlag(flag)) return `${text.riskFlag}${words.flag[flag]}`;
      return text.rules[code] ?? code;
    },
    channel: (code) => text.channels[code] ?? code,
    duration: (seconds) => {
      if (seconds === null) return '—';
      const { units } = text;
      if (seconds < 120) return `${number.format(seconds)} ${units.seconds}`;
      if (seconds < 7200) return `${number.format(seconds / 60)} ${units.minutes}`;
      if (seconds < 172_800) return `${number.format(seconds / 3600)} ${units.hours}`;
      return `${number.format(seconds / 86_400)} ${units.days}`;
    },
    percent: (share) => (share === null ? '—' : `${number.format(share * 100)}%`),
  };
}
