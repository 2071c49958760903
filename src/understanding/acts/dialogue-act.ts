import type { CustomerAct, SlotValues } from '../../domain/analysis.js';
import type { Emotion, Intent, Language, SlotName } from '../../domain/taxonomy.js';
import { CueMatcher } from '../cue-matcher.js';
import type { ActCues } from '../understanding-config.js';
import type { AnalysisContext } from '../understanding.port.js';
import { bareAnswer, type DefaultCurrency } from './bare-answer.js';

export interface ActInput {
  text: string;
  lower: string;
  lang: Language;
  context: AnalysisContext;
  /** The intent the cue lists read, before the act refines it. */
  intent: Intent;
  emotion: Emotion;
  /** Slots the extractors found; the act may add a bare answer or drop a demand read into a question. */
  slots: SlotValues;
  /** The message opens by rejecting something ("不对,…", "no, …"). */
  opensWithCorrection: boolean;
}

export interface ActReading {
  act: CustomerAct;
  intent: Intent;
  slots: SlotValues;
}

/** Thanks, an "I don't know": short messages; a longer one says more than that. */
const SHORT_CHARS: Readonly<Record<Language, number>> = { zh: 12, en: 40 };
const NEGATIVE: ReadonlySet<Emotion> = new Set(['angry', 'sad', 'anxious']);
/** Which element a question back is about, when no question is pending. */
const ASKED_ABOUT: ReadonlyArray<[RegExp, SlotName]> = [
  [/电话|手机|号码|phone|number/i, 'contact_phone'],
  [/名字|姓名|name/i, 'contact_name'],
  [/地址|住址|address/i, 'place'],
  [/工号|staff/i, 'people'],
  [/订单|账号|account|order/i, 'account'],
];
/** Acts that hand the intent over: what the customer wants decides the coarse intent. */
const INTENT_OF: Partial<Record<CustomerAct['kind'], Intent>> = {
  venting: 'complaint',
  faq_question: 'inquiry',
  time_question: 'inquiry',
  thanks: 'goodbye',
  praise: 'praise',
  withdraw: 'withdraw',
  check_status: 'check_status',
  request_human: 'request_human',
  second_complaint: 'complaint',
  correction: 'supplement',
};

function given(slots: SlotValues): SlotName[] {
  return (Object.keys(slots) as SlotName[]).filter((s) => s !== 'event');
}

/**
 * What a message *is* in its context (DESIGN §1.3, issue 10): the pending question decides
 * whether "13912345678" answers it, "不清楚" admits not knowing, "前面不是说了吗" points back.
 * An answer names the pending slot only when the value fits that slot's type; a value for a
 * different element is `answer_other`. Questions (FAQ, "how long") never carry a demand.
 */
export class DialogueActReader {
  private readonly cues: Record<keyof ActCues, CueMatcher>;

  constructor(
    config: ActCues,
    private readonly currency: DefaultCurrency,
  ) {
    this.cues = Object.fromEntries(
      Object.entries(config).map(([k, v]) => [k, new CueMatcher(v)]),
    ) as Record<keyof ActCues, CueMatcher>;
  }

  read(input: ActInput): ActReading {
    const kind = this.kindOf(input);
    const slots = { ...input.slots };
    if (kind.kind === 'faq_question' || kind.kind === 'time_question') delete slots.demand;
    if (kind.slot !== undefined && kind.bare !== undefined) slots[kind.slot] = kind.bare;
    const act: CustomerAct = { kind: kind.kind };
    if (kind.slot !== undefined) act.slot = kind.slot;
    if (kind.kind === 'correction' && kind.slot !== undefined) {
      const v = slots[kind.slot]?.value;
      if (v !== undefined) act.value = v;
    }
    return { act, intent: INTENT_OF[kind.kind] ?? input.intent, slots };
  }

  private has(name: keyof ActCues, input: ActInput): boolean {
    return this.cues[name].has(input.lower, input.lang);
  }

  private kindOf(input: ActInput): {
    kind: CustomerAct['kind'];
    slot?: SlotName;
    bare?: SlotValues[SlotName];
  } {
    const { intent, context, emotion } = input;
    const core = [...input.lower.replace(/[\s\p{P}\p{S}]/gu, '')].length;
    const short =
      input.lang === 'zh' ? core <= SHORT_CHARS.zh : input.lower.length <= SHORT_CHARS.en;
    if (core === 0) return { kind: 'other' };
    const pending = context.pending ?? [];
    const values = given(input.slots);
    if (intent === 'request_human') return { kind: 'request_human' };
    if (this.has('venting', input)) return { kind: 'venting' };
    if (intent === 'withdraw') return { kind: 'withdraw' };
    if (intent === 'check_status') return { kind: 'check_status' };
    if (this.has('questionBack', input)) {
      const about = ASKED_ABOUT.find(([re]) => re.test(input.lower))?.[1] ?? pending[0];
      return about === undefined
        ? { kind: 'question_back' }
        : { kind: 'question_back', slot: about };
    }
    if (this.has('timeQuestion', input)) return { kind: 'time_question' };
    if ((input.opensWithCorrection || this.has('correction', input)) && values.length > 0) {
      const known = values.find((s) => context.knownSlots[s] !== undefined);
      return { kind: 'correction', slot: known ?? values[0] };
    }
    if (pending.length > 0) {
      const fits = pending.find((s) => input.slots[s] !== undefined);
      if (fits !== undefined) return { kind: 'answer', slot: fits };
      if (values.length > 0 && intent !== 'complaint')
        return { kind: 'answer_other', slot: values[0] };
    }
    if (this.has('alreadySaid', input)) return { kind: 'already_said' };
    if (this.has('unknown', input) && short) return { kind: 'unknown_answer' };
    if (intent === 'affirm' || intent === 'deny') return { kind: intent };
    if (pending.length > 0 && values.length === 0 && intent === 'other') {
      const slot = pending[0];
      const bare =
        slot === undefined ? undefined : bareAnswer(input.text, slot, input.lang, this.currency);
      if (slot !== undefined && bare !== undefined) return { kind: 'answer', slot, bare };
    }
    if (pending.length > 0 && values.length > 0 && short)
      return { kind: 'answer_other', slot: values[0] };
    const negative = NEGATIVE.has(emotion);
    if (this.has('thanks', input) && short && !negative && intent !== 'complaint') {
      return { kind: intent === 'goodbye' ? 'goodbye' : 'thanks' };
    }
    if (
      !negative &&
      !this.has('notPraise', input) &&
      (intent === 'praise' || (emotion === 'positive' && intent === 'other'))
    ) {
      return { kind: 'praise' };
    }
    if (intent === 'inquiry' && emotion !== 'angry') return { kind: 'faq_question' };
    if (intent === 'complaint' || intent === 'inquiry') {
      const open = context.stage !== undefined && context.stage !== 'idle';
      return open && this.has('secondComplaint', input)
        ? { kind: 'second_complaint' }
        : { kind: 'complaint' };
    }
    if (
      intent === 'greeting' ||
      intent === 'goodbye' ||
      intent === 'suggestion' ||
      intent === 'supplement'
    ) {
      return { kind: intent };
    }
    return { kind: 'other' };
  }
}
