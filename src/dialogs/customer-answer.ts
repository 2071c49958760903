import type { Assent } from '../flows/flow.schema.js';
import type { IntakeTurn } from './intake-turn.js';

export interface YesNoLabels {
  yes: string;
  no: string;
}

/** A reply that opens by turning the offer down: its thanks is a polite no ("不用了谢谢", "no thanks"). */
const REFUSAL_START =
  /^[\s\p{P}]*(?:不用|不要|不必|别|没事|算了|no\b|nah\b|nope\b|don'?t\b|do not\b|not now\b)/iu;

export function refuses(text: string): boolean {
  return REFUSAL_START.test(text);
}

/**
 * Yes to the question just asked: its "yes" quick reply, the affirm act, a courteous "好的谢谢 / OK,
 * thanks", or a reply that begins with a yes and says nothing against it ("对 这回对了", "行 我等消息").
 */
export function saidYes(turn: IntakeTurn, labels: YesNoLabels): boolean {
  if (sameText(turn.text, labels.no)) return false;
  if (!sameText(turn.text, labels.yes) && refuses(turn.text)) return false;
  return (
    sameText(turn.text, labels.yes) ||
    turn.analysis.intent === 'affirm' ||
    turn.analysis.act?.kind === 'affirm' ||
    turn.analysis.act?.kind === 'thanks' ||
    beginsWithYes(turn.text, turn.memory.lang, turn.flows.assent)
  );
}

/** No to the question just asked: its "no" quick reply, or the deny intent. */
export function saidNo(turn: IntakeTurn, labels: YesNoLabels): boolean {
  if (sameText(turn.text, labels.yes)) return false;
  return (
    sameText(turn.text, labels.no) ||
    turn.analysis.intent === 'deny' ||
    turn.analysis.act?.kind === 'deny'
  );
}

/** The configured assent words at the start, and none of the words that take it back. */
export function beginsWithYes(text: string, lang: 'zh' | 'en', assent: Assent): boolean {
  const said = text
    .trim()
    .toLowerCase()
    .replace(/^[\s\p{P}]+/u, '');
  if (lang === 'zh') {
    const yes = assent.yes.zh.some((w) => said.startsWith(w));
    return yes && !assent.unless.zh.some((w) => said.includes(w));
  }
  const words = said.replace(/[’]/g, "'");
  const yes = assent.yes.en.some((w) => new RegExp(`^${escaped(w)}(?![a-z])`).test(words));
  const unless = assent.unless.en.some((w) =>
    new RegExp(`(?<![a-z])${escaped(w)}(?![a-z])`).test(words),
  );
  return yes && !unless;
}

function escaped(word: string): string {
  return word.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function sameText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
