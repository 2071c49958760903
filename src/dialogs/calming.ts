import type { ScriptKey } from '../flows/script-book.js';
import type { IntakeTurn } from './intake-turn.js';

/** Below this intensity a negative emotion is not acknowledged separately. */
const EMPATHY_FLOOR = 0.3;
/** At or above this, anger gets the stronger 感同身受 script ("furious", DESIGN §2). */
const HIGH = 0.8;

/**
 * 先处理心情,再处理事情: an upset customer is acknowledged before any question, with the script
 * family of their emotion and its intensity — once per level, so calming does not become a refrain.
 */
export async function calmIfUpset(turn: IntakeTurn): Promise<void> {
  const { emotion, intensity } = turn.analysis;
  if (emotion !== 'angry' && emotion !== 'anxious' && emotion !== 'sad') return;
  if (intensity < EMPATHY_FLOOR) return;
  const level = intensity >= HIGH ? 'high' : 'normal';
  const complaint = turn.memory.complaint;
  if (complaint.empathized === 'high' || complaint.empathized === level) return;
  complaint.empathized = level;
  const key: ScriptKey =
    emotion === 'angry'
      ? level === 'high'
        ? 'empathize_angry_high'
        : 'empathize_angry'
      : emotion === 'anxious'
        ? 'empathize_anxious'
        : 'empathize_sad';
  await turn.say.say(key, { act: 'empathize' });
}
