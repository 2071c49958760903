import type { EmpathyFamily } from '../domain/taxonomy.js';
import type { ScriptKey } from '../flows/script-book.js';
import type { IntakeTurn } from './intake-turn.js';
import { familyOf } from './reading.js';

/** At or above this, anger gets the stronger 感同身受 script ("furious", DESIGN §2). */
const HIGH = 0.8;
/** Below this a turn is not emotional, whatever feeling lingers from earlier turns. */
const EMOTIONAL = 0.2;

const FIRST: Readonly<Record<Exclude<EmpathyFamily, 'none' | 'thank'>, ScriptKey>> = {
  acknowledge_anger: 'empathize_angry',
  reassure_anxiety: 'empathize_anxious',
  take_seriously: 'empathize_sad',
};
const AGAIN: Readonly<Record<Exclude<EmpathyFamily, 'none' | 'thank'>, ScriptKey>> = {
  acknowledge_anger: 'empathize_again_anger',
  reassure_anxiety: 'empathize_again_anxiety',
  take_seriously: 'empathize_again_sad',
};

/**
 * 先处理心情,再处理事情: one empathy line per emotional turn, in the family the reading chose
 * (acknowledge anger / reassure anxiety / take disappointment seriously). The full script the
 * first time (the stronger one for fury), a short acknowledgement on later emotional turns; a calm
 * turn gets none, so no anger wording ever reaches a calm customer.
 */
export async function calmIfUpset(turn: IntakeTurn): Promise<void> {
  const family = familyOf(turn.analysis);
  if (family === 'none' || family === 'thank' || turn.analysis.intensity < EMOTIONAL) return;
  const complaint = turn.memory.complaint;
  const high = family === 'acknowledge_anger' && turn.analysis.intensity >= HIGH;
  const level = high ? 'high' : 'normal';
  const first = complaint.empathized === 'none' || (high && complaint.empathized !== 'high');
  const key: ScriptKey = !first ? AGAIN[family] : high ? 'empathize_angry_high' : FIRST[family];
  if (first) complaint.empathized = level;
  await turn.say.say(key, { act: 'empathize', family });
}
