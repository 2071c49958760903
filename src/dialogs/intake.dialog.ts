import { ActivityTypes } from 'botbuilder';
import {
  ComponentDialog,
  Dialog,
  DialogTurnStatus,
  type DialogContext,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import { Language } from '../domain/taxonomy.js';
import { readSenderFacts, SENDER_FACTS_KEY } from '../tickets/ticket-access.js';
import { DEFAULT_TICKET_TIME_ZONE } from '../tickets/ticket-id.js';
import { absorb } from './absorb-slots.js';
import { calmIfUpset } from './calming.js';
import { CollectDialog } from './collect.dialog.js';
import { ConfirmDialog } from './confirm.dialog.js';
import { saidNo, saidYes } from './customer-answer.js';
import { FaqFeedbackDialog } from './faq-feedback.dialog.js';
import { firedRule } from './handoff-rules.js';
import { HandedOffDialog } from './handed-off.dialog.js';
import { greeting, IDLE_ROUTES, INTERRUPTS } from './idle-routes.js';
import {
  EMOTION_POINTS,
  freshMemory,
  HISTORY_TURNS,
  readMemory,
  type IntakeMemory,
} from './intake-memory.js';
import { flowOf, setIntakeTurn, Speaker, type IntakeDeps, type IntakeTurn } from './intake-turn.js';
import { STAGES, StageResult } from './stage.js';
import { StatusIdDialog } from './status-id.dialog.js';
import { fileTicket, handOff } from './ticket-actions.js';
import { activeTicketId, mentionedTicketId } from './ticket-self-service.js';
import { VerifyOwnerDialog } from './verify-owner.dialog.js';
import { WithdrawDialog } from './withdraw.dialog.js';
import { VentOfferDialog } from './vent-offer.dialog.js';
import { neutralAnalysis } from '../domain/analysis.js';
import type { UrgencyCause } from '../domain/taxonomy.js';
import type { AnalysisContext } from '../understanding/understanding.port.js';
import { actOf, actWhilePending, urgencyOf } from './reading.js';
import { giveUrgentStep } from './urgent-step.js';

export const INTAKE_DIALOG_ID = 'qingting.intake';

/** Acts that step aside from the collection: their words are not answers to absorb. */
const ASIDES: readonly string[] = [
  'faq_question',
  'time_question',
  'question_back',
  'check_status',
  'withdraw',
  'goodbye',
  'praise',
];

/** Stages during which the message belongs to the complaint being collected. */
const COLLECTING: readonly string[] = [STAGES.collect, STAGES.confirm];

interface RootState {
  memory?: unknown;
  greeted?: boolean;
}

/**
 * The root dialog of a Qingting conversation. It never ends: each customer turn it analyses the
 * message once, takes its slots, evaluates the handoff rules, and then lets the active stage (collect,
 * confirm, FAQ feedback, withdraw, status, handed-off) or the listening routes answer.
 */
class IntakeDialog extends ComponentDialog {
  constructor(private readonly deps: IntakeDeps) {
    super(INTAKE_DIALOG_ID);
    for (const stage of [
      new CollectDialog(),
      new ConfirmDialog(),
      new FaqFeedbackDialog(),
      new WithdrawDialog(),
      new StatusIdDialog(),
      new HandedOffDialog(),
      new VentOfferDialog(),
      new VerifyOwnerDialog(),
    ])
      this.addDialog(stage);
  }

  protected override onBeginDialog(inner: DialogContext): Promise<DialogTurnResult> {
    return this.onTurn(inner);
  }

  protected override onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    return this.onTurn(inner);
  }

  private async onTurn(inner: DialogContext): Promise<DialogTurnResult> {
    const activity = inner.context.activity;
    const state = rootState(inner);
    const type: string = activity.type;
    const text = type === String(ActivityTypes.Message) ? (activity.text ?? '').trim() : '';
    const locale = Language.safeParse(activity.locale?.slice(0, 2));
    const stored = readMemory(state.memory);
    // Unreadable state (an old or damaged record) starts the conversation over, never crashes it.
    if (!stored && state.memory !== undefined) await inner.cancelAllDialogs();
    const memory = stored ?? freshMemory(locale.success ? locale.data : 'zh');
    if (text.length > 0) await this.customerTurn(inner, memory, text);
    else if (type === String(ActivityTypes.ConversationUpdate) && !state.greeted) {
      state.greeted = true;
      const turn = this.prepare(inner, memory, '');
      await greeting(inner, turn);
      await turn.say.flush(turn.flows.pacing);
    }
    state.memory = memory;
    return Dialog.EndOfTurn;
  }

  private async customerTurn(
    inner: DialogContext,
    memory: IntakeMemory,
    text: string,
  ): Promise<void> {
    const turn = this.prepare(inner, memory, text);
    turn.pending = [...memory.complaint.pending];
    const active = inner.activeDialog?.id;
    turn.analysis = await this.deps.understanding.analyze(text, {
      history: memory.history,
      knownSlots: memory.complaint.slots,
      now: turn.now,
      timeZone: turn.timeZone,
      products: turn.flows.products,
      emotionHistory: memory.emotions,
      pending: memory.complaint.pending,
      stage: stageOf(active, memory),
      ...(memory.turn > 0 ? { lang: memory.lang } : {}),
    });
    if (active && COLLECTING.includes(active) && turn.pending.length > 0)
      turn.analysis = { ...turn.analysis, act: actWhilePending(turn.analysis, text) };
    // "好的谢谢" to "我理解得对吗?" is a yes, not a goodbye that drops the complaint.
    // "yes, go ahead": the story and a demand of no particular kind are not new values.
    const { slots } = turn.analysis;
    const values = Object.keys(slots).filter(
      (slot) => slot !== 'event' && !(slot === 'demand' && slots.demand?.value === 'other'),
    );
    if (active === STAGES.confirm && values.length === 0) {
      const [yes, no] = turn.say.choices().confirm_choices;
      if (saidYes(turn, { yes, no })) turn.analysis = { ...turn.analysis, act: { kind: 'affirm' } };
    }
    this.observe(turn, active);
    await this.respond(inner, turn);
    await turn.say.flush(turn.flows.pacing);
  }

  /** Records the turn: language, history, emotion, slots taken, stall and FAQ-failure counters. */
  private observe(turn: IntakeTurn, active: string | undefined): void {
    const { memory, analysis } = turn;
    memory.turn += 1;
    memory.lang = analysis.lang;
    memory.history = [...memory.history, { from: 'customer' as const, text: turn.text }].slice(
      -HISTORY_TURNS,
    );
    memory.emotions = [
      ...memory.emotions,
      { emotion: analysis.emotion, intensity: analysis.intensity, at: turn.now.toISOString() },
    ].slice(-EMOTION_POINTS);
    if (active && COLLECTING.includes(active) && !ASIDES.includes(actOf(analysis).kind)) {
      const phrases = turn.flows.unknownPhrases[memory.lang];
      const revising = active === STAGES.confirm || actOf(analysis).kind === 'correction';
      turn.absorbed = absorb(memory.complaint, analysis, turn.text, phrases, false, revising);
      const [yes, no] = turn.say.choices().confirm_choices;
      const answered =
        active === STAGES.confirm && (saidYes(turn, { yes, no }) || saidNo(turn, { yes, no }));
      const progressed = turn.absorbed.taken.length + turn.absorbed.unknown.length > 0;
      memory.complaint.stalled = progressed || answered ? 0 : memory.complaint.stalled + 1;
    }
    // A risk flag is never an aside: "I'll post this on Google" said as a question still counts.
    if (active && COLLECTING.includes(active))
      memory.complaint.flags = [...new Set([...memory.complaint.flags, ...analysis.flags])];
    if (active === STAGES.faqFeedback) {
      const [yes, no] = turn.say.choices().faq_choices;
      if (saidNo(turn, { yes, no })) memory.faqFailures += 1;
    }
  }

  private async respond(inner: DialogContext, turn: IntakeTurn): Promise<void> {
    const active = inner.activeDialog?.id;
    if (active === STAGES.handedOff) return this.handle(inner, turn, await inner.continueDialog());
    const collecting = active !== undefined && COLLECTING.includes(active);
    const urgency = urgencyOf(turn.analysis);
    if (urgency.urgent) return this.urgentFirst(inner, turn, collecting, urgency.cause);
    const act = actOf(turn.analysis).kind;
    const fired = firedRule({
      rules: flowOf(turn).handoff,
      analysis: turn.analysis,
      slots: { ...turn.memory.complaint.slots, ...turn.analysis.slots },
      faqFailures: turn.memory.faqFailures,
      stalled: turn.memory.complaint.stalled,
      complaint: collecting || act === 'complaint' || act === 'second_complaint',
      ...(turn.sender?.verifiedCustomerId
        ? { verifiedCustomerId: turn.sender.verifiedCustomerId }
        : {}),
    });
    const rule = heldForEssentials(turn, fired);
    if (rule) {
      // An opener that escalates at once is a new complaint; an escalation about the open ticket
      // (or a bare "转人工") updates that ticket instead.
      const escalatesOpenTicket =
        turn.analysis.intent === 'request_human' || (await activeTicketId(turn)) !== undefined;
      if (!collecting && !escalatesOpenTicket) {
        const phrases = turn.flows.unknownPhrases[turn.memory.lang];
        absorb(turn.memory.complaint, turn.analysis, turn.text, phrases, true);
      }
      await calmIfUpset(turn);
      await handOff(turn, rule);
      await inner.cancelAllDialogs();
      await inner.beginDialog(STAGES.handedOff);
      return;
    }
    const interrupt = INTERRUPTS[act];
    if (collecting && interrupt) {
      const result = await interrupt(inner, turn);
      if (isTurnResult(result)) await this.handle(inner, turn, result);
      return;
    }
    if (active) return this.handle(inner, turn, await inner.continueDialog());
    await this.route(inner, turn);
  }

  /**
   * Urgent first (issue 11 §3): the configured immediate step for the cause, then a P1 handoff with
   * the urgency as its rule — before any routine question.
   */
  private async urgentFirst(
    inner: DialogContext,
    turn: IntakeTurn,
    collecting: boolean,
    cause: UrgencyCause | undefined,
  ): Promise<void> {
    if (!collecting) {
      const phrases = turn.flows.unknownPhrases[turn.memory.lang];
      absorb(turn.memory.complaint, turn.analysis, turn.text, phrases, true);
    }
    const given = cause && (await giveUrgentStep(turn, cause));
    if (!given) await calmIfUpset(turn);
    // The rule names the situation answered (a lift is safety even if read as health), so the
    // handover can still tell a new cause from it.
    await handOff(turn, `urgent:${given || cause || 'unspecified'}`, 'P1');
    await inner.cancelAllDialogs();
    await inner.beginDialog(STAGES.handedOff);
  }

  private async route(inner: DialogContext, turn: IntakeTurn): Promise<void> {
    const act = actOf(turn.analysis).kind;
    const aboutTicket = mentionedTicketId(turn.text) && (act === 'other' || act === 'faq_question');
    const praising = followsPraise(turn, act);
    turn.memory.praised &&= praising;
    const route = aboutTicket ? 'check_status' : praising ? 'praise' : act;
    const result = await IDLE_ROUTES[route](inner, turn);
    if (isTurnResult(result)) await this.handle(inner, turn, result);
  }

  /** Follows a finished stage to the next one, which may itself finish at once (nothing left to ask). */
  private async handle(
    inner: DialogContext,
    turn: IntakeTurn,
    result: DialogTurnResult,
  ): Promise<void> {
    if (result.status !== DialogTurnStatus.complete) return;
    const parsed = StageResult.safeParse(result.result);
    if (!parsed.success) return;
    const next = parsed.data;
    if (next.next === 'collect') {
      // An FAQ asked during collection returns to that collection rather than nesting a second one.
      const resumed = inner.activeDialog?.id === STAGES.collect;
      const options = { lead: next.lead };
      const begun = resumed
        ? await inner.replaceDialog(STAGES.collect, options)
        : await inner.beginDialog(STAGES.collect, options);
      return this.handle(inner, turn, begun);
    }
    if (next.next === 'confirm')
      return this.handle(inner, turn, await inner.beginDialog(STAGES.confirm, { lead: next.lead }));
    if (next.next === 'file') await fileTicket(turn);
    if (next.next === 'reroute') {
      if (inner.activeDialog) return this.handle(inner, turn, await inner.continueDialog());
      await this.route(inner, turn);
    }
  }

  private prepare(inner: DialogContext, memory: IntakeMemory, text: string): IntakeTurn {
    const activity = inner.context.activity;
    const stamp = activity.timestamp ? new Date(activity.timestamp) : undefined;
    const now =
      stamp && !Number.isNaN(stamp.getTime()) ? stamp : (this.deps.clock?.() ?? new Date());
    const conversationId = activity.conversation.id;
    const turn: IntakeTurn = {
      deps: this.deps,
      memory,
      analysis: neutralAnalysis(memory.lang),
      text,
      now,
      flows: this.deps.flows.current(),
      conversationId,
      channel: activity.channelId,
      sender: readSenderFacts(inner.context.turnState.get(SENDER_FACTS_KEY)),
      timeZone: this.deps.timeZone ?? DEFAULT_TICKET_TIME_ZONE,
      pending: [],
      say: new Speaker(inner.context, this.deps.scripts, memory, hash(conversationId), text),
    };
    setIntakeTurn(inner.context, turn);
    return turn;
  }
}

/**
 * The one function the composition root calls: the root Dialog of every conversation (a
 * ComponentDialog with id `qingting.intake`). All its state lives in dialog state, so a conversation
 * resumes exactly where it was from whichever instance reads the shared Storage next.
 */
export function createIntakeDialog(deps: IntakeDeps): Dialog {
  return new IntakeDialog(deps);
}

/** Where the dialog stands, for the understanding layer ("对" at a restatement vs to a question). */
function stageOf(active: string | undefined, memory: IntakeMemory): AnalysisContext['stage'] {
  if (active === STAGES.collect) return 'collecting';
  if (active === STAGES.confirm) return 'confirming';
  if (active === STAGES.handedOff) return 'queued';
  return memory.ticketId ? 'filed' : 'idle';
}

/**
 * Anger alone does not hand over at once (seeds: calm first, then collect): for up to
 * `angerCollectTurns` turns the essentials an agent needs are collected first; then, if the
 * customer is still angry, the case goes to a person. Every other rule fires at once.
 */
function heldForEssentials(turn: IntakeTurn, fired: string | undefined): string | undefined {
  const { complaint } = turn.memory;
  if (fired !== undefined && fired !== 'anger') return fired;
  // "…马上给我转人工!" inside an angry complaint is an explicit request: over at once.
  if (asksForPerson(turn)) return fired ?? (complaint.angerTurns > 0 ? 'request_human' : undefined);
  if (fired === undefined && complaint.angerTurns === 0) return undefined;
  const rules = flowOf(turn).handoff;
  const known = { ...complaint.slots, ...turn.analysis.slots };
  const missing = rules.essentials.filter((s) => !known[s] && !complaint.unknown.includes(s));
  if (missing.length > 0 && complaint.angerTurns < rules.angerCollectTurns) {
    complaint.angerTurns += 1;
    return undefined;
  }
  const stillAngry = fired === 'anger' || turn.analysis.emotion === 'angry';
  if (!stillAngry) complaint.angerTurns = 0;
  return stillAngry ? 'anger' : undefined;
}

/** Acts a "please tell his manager" after praise may be read as. */
const PRAISE_FOLLOW_UPS: readonly string[] = [
  'praise',
  'suggestion',
  'other',
  'complaint',
  'faq_question',
  'supplement',
];

/**
 * Right after praise, a message with no grievance in it ("请转告他领导", "希望给他奖励") is about
 * that praise: no money, number or risk, and no upset.
 */
function followsPraise(turn: IntakeTurn, act: string): boolean {
  const { analysis } = turn;
  if (!turn.memory.praised || !PRAISE_FOLLOW_UPS.includes(act)) return false;
  const concrete = ['amount', 'account', 'contact_phone', 'time'].some(
    (slot) => analysis.slots[slot as keyof typeof analysis.slots] !== undefined,
  );
  const upset = analysis.emotion !== 'neutral' && analysis.emotion !== 'positive';
  return !concrete && !upset && analysis.flags.length === 0;
}

/** The customer asks for a person: the act, or the words of the "talk to a person" quick reply. */
function asksForPerson(turn: IntakeTurn): boolean {
  if (actOf(turn.analysis).kind === 'request_human') return true;
  const text = turn.text.toLowerCase();
  return turn.say.choices().human_choices.some((label) => text.includes(label.toLowerCase()));
}

function rootState(inner: DialogContext): RootState {
  const instance = inner.parent?.activeDialog;
  if (!instance) throw new Error('the intake dialog must run inside a dialog stack');
  return instance.state as RootState;
}

function isTurnResult(value: unknown): value is DialogTurnResult {
  return typeof value === 'object' && value !== null && 'status' in value;
}

/** A stable number per conversation, so wordings vary between conversations but replay the same. */
function hash(text: string): number {
  let h = 0;
  for (const char of text) h = (h * 31 + (char.codePointAt(0) ?? 0)) | 0;
  return Math.abs(h);
}
