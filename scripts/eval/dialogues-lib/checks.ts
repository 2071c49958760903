import type { MessageMeta } from '../../../src/domain/message.js';
import type { DialogAct, SlotName } from '../../../src/domain/taxonomy.js';
import { QUESTION_CUE } from '../../../src/dialogs/reading.js';
import type { TurnExpect } from '../../../test/corpus/corpus.schema.js';
import type { BotReply } from '../../../test/support/intake-harness.js';
import { copiedShare } from './copied.js';
import type { Played } from './play.js';

/** The checks of issue 11's "done when", plus the per-turn expectations of the corpus. */
export const CHECKS = [
  'empathy_family',
  'no_anger_to_calm',
  'no_reask',
  'slots_right',
  'restatement_not_verbatim',
  'urgent_p1_handoff',
  'no_unwanted_ticket',
  'outcome',
  'turn_expectations',
] as const;
export type Check = (typeof CHECKS)[number];

/** Words that calm an angry person and insult a calm one (seed 000's 服务禁语 in spirit). */
const ANGER_WORDS = ['息怒', '消消气', '别生气', '不要生气', 'calm down', "don't be angry"];
/** The most of any customer message a restatement may repeat word for word. */
export const MAX_COPIED = 0.4;
const NO_TICKET_OUTCOMES = ['commendation', 'no_ticket', 'withdrawn', 'answered'];

export interface Finding {
  check: Check;
  /** 1-based turn, or undefined for the whole dialogue. */
  turn?: number;
  what: string;
}

/** Results per applicable check: true passed, false failed (with findings). */
export interface Judgement {
  applicable: Set<Check>;
  findings: Finding[];
}

const actsOf = (meta: MessageMeta): DialogAct[] => meta.acts ?? (meta.act ? [meta.act] : []);
const asked = (replies: readonly BotReply[]): SlotName[] =>
  replies.flatMap((r) =>
    actsOf(r.meta).includes('ask') ? (r.meta.slots ?? (r.meta.slot ? [r.meta.slot] : [])) : [],
  );
const familyOf = (replies: readonly BotReply[]): string =>
  replies.find((r) => r.meta.family !== undefined)?.meta.family ?? 'none';

export function judge(played: Played): Judgement {
  const applicable = new Set<Check>();
  const findings: Finding[] = [];
  const fail = (check: Check, what: string, turn?: number): void => {
    findings.push({ check, what, ...(turn === undefined ? {} : { turn }) });
  };
  const { dialogue, turns } = played;
  const customerTexts = dialogue.turns.map((t) => t.customer);
  const askedBefore = new Map<SlotName, number>();
  const askedAgain = new Set<SlotName>();
  turns.forEach((turn, index) => {
    const n = index + 1;
    const expect: TurnExpect = dialogue.turns[index]?.expect ?? {};
    const text = turn.replies.map((r) => r.text).join('\n');
    const family = familyOf(turn.replies);
    const slots = asked(turn.replies);
    if (expect.family !== undefined) {
      applicable.add('empathy_family');
      if (family !== expect.family)
        fail('empathy_family', `${family}, expected ${expect.family}`, n);
      if (expect.family === 'none' || expect.family === 'thank') {
        applicable.add('no_anger_to_calm');
        const said = ANGER_WORDS.find((w) => text.toLowerCase().includes(w.toLowerCase()));
        if (said) fail('no_anger_to_calm', `said "${said}" to a calm customer`, n);
      }
    }
    applicable.add('no_reask');
    for (const slot of expect.never_asks ?? [])
      if (slots.includes(slot)) fail('no_reask', `asked ${slot}, already given`, n);
    for (const slot of slots) {
      const earlier = askedBefore.get(slot);
      // After a counter-question or an aside ("why?", "how long?") the pending question comes again.
      const repairing = expect.asks === slot || QUESTION_CUE.test(turn.customer);
      // An answer that missed the question gets it once more, alone, on the very next turn.
      const missed = earlier === n - 1 && slots.length === 1 && !askedAgain.has(slot);
      if (earlier !== undefined && missed) askedAgain.add(slot);
      if (earlier !== undefined && !repairing && !missed)
        fail('no_reask', `asked ${slot} again (first in turn ${earlier})`, n);
      askedBefore.set(slot, earlier ?? n);
    }
    for (const reply of turn.replies.filter((r) => actsOf(r.meta).includes('confirm'))) {
      applicable.add('restatement_not_verbatim');
      const share = copiedShare(reply.text, customerTexts, dialogue.lang);
      if (share > MAX_COPIED)
        fail('restatement_not_verbatim', `copies ${Math.round(share * 100)} % of a message`, n);
    }
    turnExpectations(expect, turn, slots, text, (what) => fail('turn_expectations', what, n));
    if (Object.keys(expect).some((k) => k !== 'family')) applicable.add('turn_expectations');
  });
  finalChecks(played, applicable, fail);
  return { applicable, findings };
}

function turnExpectations(
  expect: TurnExpect,
  turn: Played['turns'][number],
  slots: readonly SlotName[],
  text: string,
  fail: (what: string) => void,
): void {
  if (expect.asks === 'none' && slots.length > 0) fail(`asked ${slots.join(',')}, expected none`);
  if (expect.asks !== undefined && expect.asks !== 'none' && !slots.includes(expect.asks))
    fail(`did not ask ${expect.asks}`);
  const acts = turn.replies.flatMap((r) => actsOf(r.meta));
  for (const act of expect.acts ?? []) if (!acts.includes(act)) fail(`no ${act} act`);
  if (expect.handoff !== undefined && turn.handedOff !== expect.handoff)
    fail(expect.handoff ? 'no handoff' : 'unwanted handoff');
  const filed = acts.includes('ticket');
  if (expect.ticket !== undefined && filed !== expect.ticket)
    fail(expect.ticket ? 'no ticket filed' : 'unwanted ticket');
  const lower = text.toLowerCase();
  if (expect.includes_any && !expect.includes_any.some((s) => lower.includes(s.toLowerCase())))
    fail(`none of ${expect.includes_any.join(' | ')}`);
  for (const s of expect.excludes ?? []) if (lower.includes(s.toLowerCase())) fail(`said "${s}"`);
}

function finalChecks(
  played: Played,
  applicable: Set<Check>,
  fail: (check: Check, what: string) => void,
): void {
  const final = played.dialogue.final;
  if (!final) return;
  const complaints = played.tickets.filter((t) => (t.kind ?? 'complaint') === 'complaint');
  const last = complaints.at(-1);
  if (final.outcome !== undefined) {
    applicable.add('outcome');
    const ok = {
      ticket: complaints.length > 0,
      handoff: played.handoffs.length > 0,
      commendation: played.tickets.some((t) => t.kind === 'commendation'),
      withdrawn: complaints.some((t) => t.status === 'withdrawn'),
      no_ticket: complaints.length === 0,
      answered: complaints.length === 0,
    }[final.outcome];
    if (!ok) fail('outcome', `outcome is not ${final.outcome}`);
    if (NO_TICKET_OUTCOMES.includes(final.outcome)) {
      applicable.add('no_unwanted_ticket');
      const unwanted = complaints.filter(
        (t) => final.outcome !== 'withdrawn' || t.status !== 'withdrawn',
      );
      if (unwanted.length > 0)
        fail('no_unwanted_ticket', `${unwanted.length} complaint ticket(s) nobody wanted`);
    }
  }
  if (final.urgent) {
    applicable.add('urgent_p1_handoff');
    if (played.handoffs.length === 0) fail('urgent_p1_handoff', 'urgent case not handed off');
    if (last?.severity !== 'P1') fail('urgent_p1_handoff', `severity ${last?.severity ?? 'none'}`);
  }
  if (final.slots) {
    applicable.add('slots_right');
    // A script that stops at the read-back is judged on what is read back; a filed one on its ticket.
    const slots = played.readBack?.slots ?? last?.slots ?? {};
    for (const [slot, value] of Object.entries(final.slots)) {
      const got = slots[slot as SlotName]?.value;
      if (got !== value) fail('slots_right', `${slot} is ${got ?? 'missing'}, expected ${value}`);
    }
  }
  if (final.priority && last?.severity !== final.priority)
    fail('outcome', `priority ${last?.severity ?? 'none'}, expected ${final.priority}`);
  // Stopped at the read-back: the complaint as it would be filed on the yes.
  const held = played.readBack ?? last;
  if (final.category && held && held.category !== final.category)
    fail('outcome', `category ${held.category ?? 'none'}, expected ${final.category}`);
  for (const flag of final.flags ?? [])
    if (!held?.flags.includes(flag)) fail('outcome', `flag ${flag} missing`);
}
