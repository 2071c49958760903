import type { CustomerAct, SlotIssue, SlotValue, SlotValues } from '../../domain/analysis.js';
import type { Category, Emotion, Intent, Language, SlotName } from '../../domain/taxonomy.js';
import type { CueIndex } from '../cue-index.js';
import { coreLength, countMatches } from '../text-length.js';
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
  category: Category;
  /** Something is wrong that a FAQ does not answer: urgent, or a risk flag. */
  alarming: boolean;
  /** Slots the extractors found; the act may add a bare answer or drop a demand read into a question. */
  slots: SlotValues;
  issues: readonly SlotIssue[];
  /** The message opens by rejecting something ("不对,…", "no, …"). */
  opensWithCorrection: boolean;
}

export interface ActReading {
  act: CustomerAct;
  intent: Intent;
  slots: SlotValues;
}

type Kind = CustomerAct['kind'];
interface Decision {
  kind: Kind;
  slot?: SlotName;
  bare?: SlotValue;
}

/** Thanks, an "I don't know": short messages; a longer one says more than that. */
const SHORT_CHARS: Readonly<Record<Language, number>> = { zh: 12, en: 40 };
/** Length (characters zh, words en) from which an unclassified opening message is read as a complaint. */
const LONG_CHARS: Readonly<Record<Language, number>> = { zh: 10, en: 7 };
const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /[a-z]{2,}/g;
const NEGATIVE: ReadonlySet<Emotion> = new Set(['angry', 'sad', 'anxious']);
/** Values a FAQ question does not carry: a specific amount, date or account means it happened. */
const SPECIFIC: readonly SlotName[] = ['amount', 'time', 'account'];
/** Which element a question back is about, when it names one. */
const ASKED_ABOUT: ReadonlyArray<[RegExp, SlotName]> = [
  [/电话|手机|号码|phone|number|mobile/i, 'contact_phone'],
  [/名字|姓名|name/i, 'contact_name'],
  [/地址|住址|address/i, 'place'],
  [/工号|staff/i, 'people'],
  [/订单|账号|account|order/i, 'account'],
];
/** Acts that decide the coarse intent: what the customer wants. */
const INTENT_OF: Partial<Record<Kind, Intent>> = {
  venting: 'complaint',
  faq_question: 'inquiry',
  time_question: 'inquiry',
  thanks: 'goodbye',
  praise: 'praise',
  withdraw: 'withdraw',
  check_status: 'check_status',
  request_human: 'request_human',
  complaint: 'complaint',
  second_complaint: 'complaint',
  correction: 'supplement',
  affirm: 'affirm',
  deny: 'deny',
  goodbye: 'goodbye',
};

/** Stages at which the customer has a ticket with us. */
const TICKETED: ReadonlySet<string> = new Set(['filed', 'queued', 'assigned', 'survey']);

/** A case is under way (being collected, confirmed or filed): a further problem is a second complaint. */
function caseOpen(context: AnalysisContext): boolean {
  return context.stage !== undefined && context.stage !== 'idle';
}

function given(slots: SlotValues): SlotName[] {
  return (Object.keys(slots) as SlotName[]).filter((s) => s !== 'event');
}

/**
 * What a message *is* in its context (DESIGN §1.3, issue 10): the pending question decides
 * whether "13912345678" answers it, "不清楚" admits not knowing, "前面不是说了吗" points back.
 * An answer names the pending slot only when the value fits that slot's type; a value for a
 * different element is `answer_other`; a value that contradicts a known one is a correction.
 * Questions (FAQ, "how long") never carry a demand.
 */
export class DialogueActReader {
  private readonly cues: Record<keyof ActCues, CueMatcher>;

  constructor(
    config: ActCues,
    private readonly currency: DefaultCurrency,
    index?: CueIndex,
  ) {
    this.cues = Object.fromEntries(
      Object.entries(config).map(([k, v]) => [k, new CueMatcher(v, index)]),
    ) as Record<keyof ActCues, CueMatcher>;
  }

  read(input: ActInput): ActReading {
    const decision = this.decide(input);
    const slots = { ...input.slots };
    if (decision.kind === 'faq_question' || decision.kind === 'time_question') delete slots.demand;
    if (decision.slot !== undefined && decision.bare !== undefined)
      slots[decision.slot] = decision.bare;
    const act: CustomerAct = { kind: decision.kind };
    if (decision.slot !== undefined) act.slot = decision.slot;
    const corrected = decision.slot === undefined ? undefined : slots[decision.slot]?.value;
    if (decision.kind === 'correction' && corrected !== undefined) act.value = corrected;
    return { act, intent: INTENT_OF[decision.kind] ?? input.intent, slots };
  }

  private has(name: keyof ActCues, input: ActInput): boolean {
    return this.cues[name].has(input.lower, input.lang);
  }

  private decide(input: ActInput): Decision {
    const core = coreLength(input.lower);
    if (core === 0) return { kind: 'other' };
    return this.goal(input) ?? this.reply(input, core) ?? this.telling(input, core);
  }

  /** What the customer wants done with the case: a person, to stop, to be heard, its status. */
  private goal(input: ActInput): Decision | undefined {
    const { intent } = input;
    if (intent === 'request_human') return { kind: 'request_human' };
    if (intent === 'withdraw' && this.has('resolved', input)) return { kind: 'withdraw' };
    if (this.has('venting', input)) return { kind: 'venting' };
    if (intent === 'withdraw') return { kind: 'withdraw' };
    // "帮我催一下" asks about a ticket only when there is one; before that it is the complaint itself
    // (slow delivery or service), or a part of the one being told.
    if (this.has('chase', input) && intent !== 'check_status') {
      if (TICKETED.has(input.context.stage ?? '') || this.has('ourCase', input))
        return { kind: 'check_status' };
      if (!caseOpen(input.context)) return { kind: 'complaint' };
    }
    if (intent === 'check_status' || (this.has('status', input) && intent !== 'inquiry'))
      return { kind: 'check_status' };
    if (this.has('questionBack', input)) {
      const about =
        ASKED_ABOUT.find(([re]) => re.test(input.lower))?.[1] ?? input.context.pending?.[0];
      return about === undefined
        ? { kind: 'question_back' }
        : { kind: 'question_back', slot: about };
    }
    if (this.has('timeQuestion', input)) return { kind: 'time_question' };
    if (this.has('alreadySaid', input)) return { kind: 'already_said' };
    // "还有个事…" while a case is open: a further complaint, even if it names a product or place.
    if (caseOpen(input.context) && this.has('secondComplaint', input))
      return { kind: 'second_complaint' };
    return undefined;
  }

  /**
   * At the read-back ("我理解得对吗？") a short, untroubled "好的谢谢" / "OK, thanks" is a yes: the
   * ticket is filed. Leaving words ("谢谢，再见"), a no or a "but" make it something else.
   */
  private confirms(input: ActInput, short: boolean): boolean {
    return (
      input.context.stage === 'confirming' &&
      short &&
      input.intent !== 'deny' &&
      !NEGATIVE.has(input.emotion) &&
      (input.intent === 'affirm' || this.has('thanks', input) || this.has('assent', input)) &&
      !this.has('farewell', input) &&
      // "yes but that's not the amount": a yes taken back in the same breath is none.
      !this.has('notPraise', input)
    );
  }

  /** A reply to what the bot asked or already holds: an answer, a correction, yes/no, "I don't know". */
  private reply(input: ActInput, core: number): Decision | undefined {
    const { context, intent, slots } = input;
    const pending = context.pending ?? [];
    const values = given(slots);
    const short =
      input.lang === 'zh' ? core <= SHORT_CHARS.zh : input.lower.length <= SHORT_CHARS.en;
    const contradicts = values.find((s) => {
      const known = context.knownSlots[s];
      return known !== undefined && known.value !== slots[s]?.value;
    });
    const correcting = input.opensWithCorrection || this.has('correction', input);
    if (
      values.length > 0 &&
      (correcting || (contradicts !== undefined && intent !== 'complaint'))
    ) {
      return { kind: 'correction', slot: contradicts ?? values[0] };
    }
    if (pending.length > 0) {
      const fits = pending.find(
        (s) => slots[s] !== undefined || input.issues.some((i) => i.slot === s),
      );
      if (fits !== undefined) return { kind: 'answer', slot: fits };
      // A question ("你们营业厅几点关门") names a place without answering anything.
      if (values.length > 0 && intent !== 'inquiry' && (intent !== 'complaint' || short)) {
        return { kind: 'answer_other', slot: values[0] };
      }
    }
    if (this.has('unknown', input) && short) return { kind: 'unknown_answer' };
    if (this.confirms(input, short)) return { kind: 'affirm' };
    if (intent === 'affirm' || intent === 'deny') return { kind: intent };
    const slot = pending[0];
    if (slot !== undefined && values.length === 0 && intent === 'other') {
      const bare = bareAnswer(input.text, slot, input.lang, this.currency);
      if (bare !== undefined) return { kind: 'answer', slot, bare };
    }
    return undefined;
  }

  /** Everything else: thanks, praise, a question, a complaint (first or second), small talk. */
  private telling(input: ActInput, core: number): Decision {
    const { intent, emotion, context } = input;
    const short =
      input.lang === 'zh' ? core <= SHORT_CHARS.zh : input.lower.length <= SHORT_CHARS.en;
    const negative = NEGATIVE.has(emotion);
    if (this.has('thanks', input) && short && !negative && intent !== 'complaint') {
      return { kind: this.has('farewell', input) ? 'goodbye' : 'thanks' };
    }
    const happened = input.alarming || SPECIFIC.some((s) => input.slots[s] !== undefined);
    // A courteous complaint ends in 谢谢 too: a pleased tone is praise only when nothing is asked.
    const asksSomething = this.has('request', input) || input.slots.amount !== undefined;
    const praising =
      intent === 'praise' ||
      (emotion === 'positive' && intent === 'other' && !input.alarming && !asksSomething);
    if (praising && !negative && !this.has('notPraise', input)) return { kind: 'praise' };
    // A question with an amount or an account in it is about something that happened to them.
    const asksAbout =
      input.alarming || input.slots.amount !== undefined || input.slots.account !== undefined;
    const idle = (context.pending ?? []).length === 0;
    // Words, not digits: a bare phone number is an answer, however long.
    const long =
      input.lang === 'zh'
        ? countMatches(HAN, input.lower) >= LONG_CHARS.zh
        : countMatches(LATIN_WORD, input.lower) >= LONG_CHARS.en;
    // "物业费多算了一个月,能帮忙核对下吗": a question that names a problem and asks for action.
    const reportsProblem = input.category !== 'other' && this.has('request', input);
    const complaintLike =
      intent === 'complaint' ||
      (intent === 'inquiry' && (asksAbout || emotion === 'angry' || reportsProblem)) ||
      // To a complaint desk, a long message that is none of the above is most likely a complaint.
      (intent === 'other' && idle && (negative || happened || long || input.category !== 'other'));
    if (complaintLike) return { kind: 'complaint' };
    if (intent === 'inquiry') return { kind: 'faq_question' };
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
