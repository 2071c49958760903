import type { DialogContext } from 'botbuilder-dialogs';
import type { CustomerActKind } from '../domain/taxonomy.js';
import { absorb } from './absorb-slots.js';
import { calmIfUpset } from './calming.js';
import { restate } from './confirm.dialog.js';
import { deedOf } from './praise.js';
import { personOf } from './restatement.js';
import { freshComplaint } from './intake-memory.js';
import { flowOf, type IntakeTurn } from './intake-turn.js';
import { openTicket } from './guarded-ticket.js';
import { answerAlreadySaid, answerQuestionBack } from './repair.js';
import { QUESTION_CUE } from './reading.js';
import { STAGES } from './stage.js';
import { recordCommendation } from './ticket-actions.js';
import { answerTimeQuestion } from './time-answer.js';
import { activeTicketId, mentionedTicketId, supplementTicket } from './ticket-self-service.js';

type Route = (dc: DialogContext, turn: IntakeTurn) => Promise<unknown>;

/** Starts collecting a complaint: calm first, answer an FAQ question in it, then ask what is missing. */
const startComplaint: Route = async (dc, turn) => {
  const phrases = turn.flows.unknownPhrases[turn.memory.lang];
  turn.absorbed = absorb(turn.memory.complaint, turn.analysis, turn.text, phrases, true);
  await calmIfUpset(turn);
  let lead = '';
  if (QUESTION_CUE.test(turn.text) && (await answerFromFaq(turn, false)))
    lead = await turn.say.text('faq_offer_file');
  return dc.beginDialog(STAGES.collect, { lead });
};

/**
 * The least share of the question an answer must cover to be given in a chat. The knowledge base
 * answers from a calibrated confidence, which a wide margin over the next entry can lift for a
 * question it barely matches ("paper bill" → the bill-lookup answer through "bill" alone); a
 * customer asked back "did this help?" after an answer on another topic feels unheard.
 */
const FAQ_MIN_SCORE = 0.3;

/** Sends the best FAQ answer, if the knowledge base does not abstain; with `check`, asks if it helped. */
export async function answerFromFaq(turn: IntakeTurn, check: boolean): Promise<boolean> {
  if (!turn.deps.faq) return false;
  const found = await turn.deps.faq.search(turn.text, { lang: turn.memory.lang });
  const best = found.results[0];
  if (found.abstained || !best || best.score < FAQ_MIN_SCORE) return false;
  if (!check) {
    await turn.say.send(best.entry.answer, { act: 'answer' });
    return true;
  }
  turn.memory.faqQuery = turn.text;
  const text = `${best.entry.answer}\n${await turn.say.text('faq_check')}`;
  await turn.say.send(text, { act: 'answer', suggestions: [...turn.say.choices().faq_choices] });
  return true;
}

const outOfScope: Route = (_dc, turn) =>
  turn.say.say('out_of_scope', {
    act: 'inform',
    suggestions: [...turn.say.choices().human_choices],
  });

/** Slots that alone do not make a message a complaint ("明天会下雨吗" has a date, nothing more). */
const INCIDENTAL: readonly string[] = ['time', 'event'];

/** Something the bot can act on: a category, a risk flag or a concrete slot value. */
function hasSubstance(turn: IntakeTurn): boolean {
  const { category, flags, slots } = turn.analysis;
  const concrete = Object.keys(slots).filter((slot) => !INCIDENTAL.includes(slot));
  return category !== 'other' || flags.length > 0 || concrete.length > 0;
}

const inquiry: Route = async (dc, turn) => {
  if (await answerFromFaq(turn, true)) return dc.beginDialog(STAGES.faqFeedback);
  return hasSubstance(turn) ? startComplaint(dc, turn) : outOfScope(dc, turn);
};

const checkStatus: Route = async (dc, turn) => {
  const ticketId = mentionedTicketId(turn.text) ?? turn.memory.ticketId;
  if (ticketId) return openTicket(dc, turn, ticketId, { action: 'status' });
  return dc.beginDialog(STAGES.statusId);
};

const withdraw: Route = async (dc, turn) => {
  const ticketId = mentionedTicketId(turn.text) ?? (await activeTicketId(turn));
  if (ticketId) return openTicket(dc, turn, ticketId, { action: 'withdraw' });
  return turn.say.say('withdraw_nothing', { act: 'inform' });
};

const supplement: Route = async (dc, turn) => {
  const mentioned = mentionedTicketId(turn.text);
  const request = { action: 'supplement' as const, text: turn.text, slots: turn.analysis.slots };
  if (mentioned) return openTicket(dc, turn, mentioned, request);
  const ticketId = await activeTicketId(turn);
  if (ticketId && (await supplementTicket(turn, ticketId)))
    return turn.say.say('supplement_done', { act: 'inform', ticketId }, { ticketId });
  return startComplaint(dc, turn);
};

const goodbye: Route = (_dc, turn) => turn.say.say('goodbye', { act: 'close' });

/** Greets a new session (conversationUpdate) or a customer's hello. */
export const greeting: Route = (_dc, turn) =>
  turn.say.say('greeting', {
    act: 'inform',
    suggestions: [...turn.say.choices().greeting_choices],
  });

const anythingElse: Route = (_dc, turn) => turn.say.say('anything_else', { act: 'inform' });

/** A message that is neither a request nor a story: details for the open ticket, a complaint, or out of scope. */
const other: Route = async (dc, turn) => {
  if (!hasSubstance(turn)) return outOfScope(dc, turn);
  // Bare details ("13812345678") right after filing belong to that ticket, not a new complaint.
  const details = turn.analysis.category === 'other' && turn.analysis.flags.length === 0;
  return details && (await activeTicketId(turn)) ? supplement(dc, turn) : startComplaint(dc, turn);
};

/**
 * Praise is thanked specifically — the person and what they did ("感谢您对王师傅耐心修好热水器的肯定")
 * — and recorded as a commendation, never as a complaint; a follow-up ("转告他领导") is assured, not
 * recorded twice.
 */
const praise: Route = async (_dc, turn) => {
  if (turn.memory.praised)
    return turn.say.say('praise_passed_on', { act: 'inform', family: 'thank' });
  const people = personNamed(turn);
  const raw = turn.analysis.slots.people?.raw;
  const deed = deedOf(turn.text, turn.memory.lang, turn.flows.deedCues[turn.memory.lang], raw);
  await recordCommendation(turn);
  turn.memory.praised = true;
  const meta = { act: 'inform' as const, family: 'thank' as const };
  if (people && deed) return turn.say.say('praise_deed_person', meta, { people, deed });
  if (people) return turn.say.say('praise_commended', meta, { people });
  if (deed) return turn.say.say('praise_deed', meta, { deed });
  return turn.say.say('praise_thanks', meta);
};

/** The person praised, as the customer would say it: "staff:8866" is 工号 8866 的同事. */
function personNamed(turn: IntakeTurn): string | undefined {
  const value = turn.analysis.slots.people?.value;
  return value === undefined ? undefined : personOf(value, turn.memory.lang, value);
}

/** Venting: listened to and offered (not forced) a record. */
const venting: Route = async (dc, turn) => dc.beginDialog(STAGES.ventOffer, { story: turn.text });

const timeQuestion: Route = (_dc, turn) => answerTimeQuestion(turn, false);

/** What a message means when no stage is active (listening): one handler per dialogue act. */
export const IDLE_ROUTES: Readonly<Record<CustomerActKind, Route>> = {
  // A "complaint" that is only a question about nothing we handle is a question.
  complaint: (dc, turn) =>
    !hasSubstance(turn) && QUESTION_CUE.test(turn.text)
      ? inquiry(dc, turn)
      : startComplaint(dc, turn),
  second_complaint: startComplaint,
  answer: other,
  answer_other: other,
  correction: other,
  unknown_answer: anythingElse,
  question_back: other,
  already_said: other,
  supplement,
  faq_question: inquiry,
  time_question: timeQuestion,
  other,
  check_status: checkStatus,
  withdraw,
  request_human: anythingElse,
  praise,
  venting,
  suggestion: (_dc, turn) => turn.say.say('suggestion_thanks', { act: 'inform', family: 'thank' }),
  greeting,
  thanks: (_dc, turn) => turn.say.say('thanks_reply', { act: 'close' }),
  goodbye,
  affirm: anythingElse,
  deny: anythingElse,
};

/** Withdrawing while a complaint is still being collected: nothing is filed and the intake stops. */
const withdrawDuringIntake: Route = async (dc, turn) => {
  if (mentionedTicketId(turn.text)) return withdraw(dc, turn);
  await dc.cancelAllDialogs();
  turn.memory.complaint = freshComplaint();
  return turn.say.say('withdraw_cancelled_intake', { act: 'close' });
};

/**
 * "不是投诉哈，就是夸夸他" mid-collection: the story was praise read as a complaint. Nothing is filed;
 * the commendation keeps what was collected (the person, the day) and the customer is thanked.
 */
const praiseDuringIntake: Route = async (dc, turn) => {
  // What they wanted done was the complaint's reading, not part of the praise.
  const collected = { ...turn.memory.complaint.slots };
  delete collected.demand;
  turn.analysis = { ...turn.analysis, slots: { ...collected, ...turn.analysis.slots } };
  await dc.cancelAllDialogs();
  turn.memory.complaint = freshComplaint();
  return praise(dc, turn);
};

/**
 * A question answered mid-collection (FAQ, "how long?"): answered, then the collection resumes where
 * it was — the pending question is asked again, never dropped.
 */
function thenResume(answer: (dc: DialogContext, turn: IntakeTurn) => Promise<boolean>): Route {
  return async (dc, turn) => {
    await resumePending(dc, turn, await answer(dc, turn));
    return undefined;
  };
}

/** Asks the pending questions once more after an interruption ("回到刚才的登记:…"). */
async function resumePending(
  dc: DialogContext,
  turn: IntakeTurn,
  answered: boolean,
): Promise<void> {
  const { complaint } = turn.memory;
  const flow = flowOf(turn);
  if (dc.activeDialog?.id === STAGES.confirm) return restate(turn);
  const open = turn.pending.filter(
    (s) => flow.questions[s] !== undefined && complaint.slots[s] === undefined,
  );
  complaint.pending = open;
  let lead = answered && open.length > 0 ? await turn.say.text('faq_resume') : '';
  for (const slot of open) {
    await turn.say.send(turn.say.join(lead, turn.say.question(flow, slot)), { act: 'ask', slot });
    lead = '';
  }
}

const faqDuringIntake = thenResume((_dc, turn) => answerFromFaq(turn, false));
const timeDuringIntake = thenResume(async (_dc, turn) => {
  await answerTimeQuestion(turn, true);
  return true;
});
const questionBack: Route = async (dc, turn) => {
  if (!(await answerQuestionBack(dc, turn))) return dc.continueDialog();
  return undefined;
};
const alreadySaid: Route = async (dc, turn) => {
  if (!(await answerAlreadySaid(turn))) return dc.continueDialog();
  return dc.continueDialog();
};

/** Elements that make a complaint worth keeping when the customer says goodbye mid-way. */
const KEEPS: readonly string[] = [
  'account',
  'amount',
  'demand',
  'contact_phone',
  'place',
  'people',
];

/**
 * A goodbye before the complaint is filed never drops it silently: once, what was collected is read
 * back with "还差您一句确认就能登记了"; a second goodbye is let go.
 */
const goodbyeDuringIntake: Route = async (dc, turn) => {
  const { complaint } = turn.memory;
  const worthKeeping = Object.keys(complaint.slots).some((slot) => KEEPS.includes(slot));
  if (!worthKeeping || complaint.heldAtGoodbye) return goodbye(dc, turn);
  complaint.heldAtGoodbye = true;
  const lead = await turn.say.text('unfiled_lead');
  if (dc.activeDialog?.id === STAGES.confirm) return restate(turn, lead);
  await dc.cancelAllDialogs();
  return dc.beginDialog(STAGES.confirm, { lead });
};

/** Acts that interrupt a collection or confirmation; the stage stays unless the intake is dropped. */
export const INTERRUPTS: Partial<Readonly<Record<CustomerActKind, Route>>> = {
  check_status: checkStatus,
  faq_question: faqDuringIntake,
  time_question: timeDuringIntake,
  question_back: questionBack,
  already_said: alreadySaid,
  withdraw: withdrawDuringIntake,
  goodbye: goodbyeDuringIntake,
  praise: praiseDuringIntake,
};
