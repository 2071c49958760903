import type { DialogContext } from 'botbuilder-dialogs';
import type { Intent } from '../domain/taxonomy.js';
import { absorb } from './absorb-slots.js';
import { calmIfUpset } from './calming.js';
import { freshComplaint } from './intake-memory.js';
import type { IntakeTurn } from './intake-turn.js';
import { openTicket } from './guarded-ticket.js';
import { STAGES } from './stage.js';
import { activeTicketId, mentionedTicketId, supplementTicket } from './ticket-self-service.js';

type Route = (dc: DialogContext, turn: IntakeTurn) => Promise<unknown>;

/** A question inside a complaint ("…为什么多收钱?") that the FAQ may answer alongside the intake. */
const QUESTION_CUE =
  /[??]|吗|怎么|如何|为什么|为啥|能不能|是不是|\b(what|how|why|when|can|is there|do you)\b/i;

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

/** Sends the best FAQ answer, if the knowledge base does not abstain; with `check`, asks if it helped. */
async function answerFromFaq(turn: IntakeTurn, check: boolean): Promise<boolean> {
  if (!turn.deps.faq) return false;
  const found = await turn.deps.faq.search(turn.text, { lang: turn.memory.lang });
  const best = found.results[0];
  if (found.abstained || !best) return false;
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

/** What a message means when no stage is active (listening): one handler per intent. */
export const IDLE_ROUTES: Readonly<Record<Intent, Route>> = {
  complaint: startComplaint,
  supplement,
  inquiry,
  other: async (dc, turn) => {
    if (!hasSubstance(turn)) return outOfScope(dc, turn);
    // Bare details ("13812345678") right after filing belong to that ticket, not a new complaint.
    const details = turn.analysis.category === 'other' && turn.analysis.flags.length === 0;
    return details && (await activeTicketId(turn))
      ? supplement(dc, turn)
      : startComplaint(dc, turn);
  },
  check_status: checkStatus,
  withdraw,
  request_human: anythingElse,
  praise: (_dc, turn) => turn.say.say('praise_thanks', { act: 'inform' }),
  suggestion: (_dc, turn) => turn.say.say('suggestion_thanks', { act: 'inform' }),
  greeting,
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

/** A question the FAQ answers, asked mid-collection: answered, then the collection goes on. */
const faqDuringIntake: Route = async (dc, turn) => {
  if (await answerFromFaq(turn, true)) return dc.beginDialog(STAGES.faqFeedback);
  return dc.continueDialog();
};

/** Intents that interrupt a collection or confirmation; the stage stays unless the intake is dropped. */
export const INTERRUPTS: Partial<Readonly<Record<Intent, Route>>> = {
  check_status: checkStatus,
  inquiry: faqDuringIntake,
  withdraw: withdrawDuringIntake,
  goodbye,
};
