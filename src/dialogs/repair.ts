import type { DialogContext } from 'botbuilder-dialogs';
import type { SlotValue } from '../domain/analysis.js';
import type { SlotName } from '../domain/taxonomy.js';
import type { ScriptKey } from '../flows/script-book.js';
import { flowOf, type IntakeTurn } from './intake-turn.js';
import { actOf } from './reading.js';
import { pick } from './reply-writer.js';
import { STAGES } from './stage.js';

/**
 * Conversation repair while collecting (issue 11 §6). Each returns true when it answered the turn;
 * the collection then goes on where it was, and no pending question is dropped.
 */

/** "你要我号码干嘛": the reason, from the customer's side, and the question once more. */
export async function answerQuestionBack(dc: DialogContext, turn: IntakeTurn): Promise<boolean> {
  const act = actOf(turn.analysis);
  if (act.kind !== 'question_back') return false;
  const { complaint, lang } = turn.memory;
  const slot = act.slot ?? turn.pending[0] ?? complaint.asked.at(-1);
  if (!slot) return false;
  const flow = flowOf(turn);
  const reasons = flow.reasons[slot]?.[lang];
  const reason = reasons ? pick(reasons, turn.memory.turn) : '';
  complaint.pending = [slot];
  await turn.say.send(turn.say.join(reason, turn.say.question(flow, slot)), { act: 'ask', slot });
  return dc.activeDialog?.id === STAGES.collect || dc.activeDialog?.id === STAGES.confirm;
}

/** Longest value read back after "I already said it". */
const MAX_SHOWN = 40;

/**
 * "前面不是说了吗": an apology and the value from what they said before, never the question again;
 * when it cannot be found, the element is left for the agent rather than asked a second time.
 */
export async function answerAlreadySaid(turn: IntakeTurn): Promise<boolean> {
  const act = actOf(turn.analysis);
  if (act.kind !== 'already_said') return false;
  const { complaint } = turn.memory;
  // "It's in my first message, 100234987": what this message carries is what they mean.
  const repeated = (turn.absorbed?.taken ?? []).filter((slot) => slot !== 'event');
  const slots = act.slot ? [act.slot] : repeated.length > 0 ? repeated : turn.pending;
  if (slots.length === 0) return false;
  const found = await valuesFromHistory(turn, slots);
  // One not found in what they said stays missing for the agent: never asked a second time.
  for (const slot of slots) {
    const value = complaint.slots[slot] ?? found[slot];
    if (value) complaint.slots[slot] = value;
  }
  complaint.pending = [];
  // A value is read back only when it is short enough to be a value, never a whole message.
  const shown = slots
    .map((slot) => complaint.slots[slot]?.value)
    .filter((v): v is string => v !== undefined && [...v].length <= MAX_SHOWN);
  if (shown.length > 0)
    await turn.say.say('already_said_found', { act: 'empathize' }, { value: shown.join('、') });
  else await turn.say.say('already_said_missing', { act: 'empathize' });
  return true;
}

/** Reads the customer's earlier messages again for the slots they say they gave. */
async function valuesFromHistory(
  turn: IntakeTurn,
  slots: readonly SlotName[],
): Promise<Partial<Record<SlotName, SlotValue>>> {
  const found: Partial<Record<SlotName, SlotValue>> = {};
  const earlier = turn.memory.history.filter((line) => line.from === 'customer').slice(0, -1);
  for (const line of earlier.reverse()) {
    const reading = await turn.deps.understanding.analyze(line.text, {
      history: [],
      knownSlots: {},
      now: turn.now,
      timeZone: turn.timeZone,
      lang: turn.memory.lang,
    });
    for (const slot of slots) found[slot] ??= reading.slots[slot];
    if (slots.every((slot) => found[slot])) break;
  }
  return found;
}

const ISSUE_SCRIPTS: Readonly<Record<string, ScriptKey>> = {
  phone_too_short: 'issue_phone_too_short',
  phone_too_long: 'issue_phone_too_long',
  phone_invalid: 'issue_phone_invalid',
  date_in_future: 'issue_date_in_future',
  ambiguous: 'issue_ambiguous',
};

/** "号码好像少了一位": what is wrong with the value, said precisely, and the same question again. */
export async function answerSlotIssue(turn: IntakeTurn): Promise<boolean> {
  const issue = (turn.analysis.slotIssues ?? []).find(
    (i) => turn.memory.complaint.slots[i.slot] === undefined,
  );
  if (!issue) return false;
  const script = ISSUE_SCRIPTS[issue.problem];
  if (!script) return false;
  const flow = flowOf(turn);
  turn.memory.complaint.pending = [issue.slot];
  const said = await turn.say.text(script);
  const question = flow.questions[issue.slot] ? turn.say.question(flow, issue.slot) : '';
  await turn.say.send(turn.say.join(said, question), { act: 'ask', slot: issue.slot });
  return true;
}
