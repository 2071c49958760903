import type { IntakeTurn } from './intake-turn.js';

export interface YesNoLabels {
  yes: string;
  no: string;
}

/** Yes to the question just asked: its "yes" quick reply, or the affirm intent. */
export function saidYes(turn: IntakeTurn, labels: YesNoLabels): boolean {
  if (sameText(turn.text, labels.no)) return false;
  return (
    sameText(turn.text, labels.yes) ||
    turn.analysis.intent === 'affirm' ||
    turn.analysis.act?.kind === 'affirm' ||
    // "好的谢谢" / "OK, thanks" to a yes-or-no question is assent, not a goodbye.
    turn.analysis.act?.kind === 'thanks'
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

function sameText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
