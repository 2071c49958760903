import { randomUUID } from 'node:crypto';
import type { CustomerDelivery } from '../channels/customer-delivery.port.js';
import { UrgencyCause } from '../domain/taxonomy.js';
import type { Severity, TicketStatus } from '../domain/ticket.js';
import type { TranscriptStore } from '../storage/transcript.port.js';
import type { TicketStore } from '../tickets/ticket-store.port.js';
import type { AgentIdentity } from '../agents/agent.js';
import type { AgentNotifier, HandoffDetail, QueueItem } from './agent-events.js';
import type { BusinessHours } from './business-hours.js';
import { CUSTOMER_TEXT } from './customer-text.js';
import type { Handoff, HandoffRefusal, HandoffTimer, Resolution } from './handoff.js';
import type { HandoffQueue } from './handoff-queue.port.js';
import type { FollowUps } from './follow-ups.port.js';
import type {
  HandoffOutcome as TriggerOutcome,
  HandoffRequest,
  HandoffTrigger,
} from './handoff-trigger.port.js';
import { refusalFor } from './handoff-transitions.js';
import { boostOf, queueItemOf } from './priority.js';
import { QueuePositions } from './queue-positions.js';
import type { AbstractWriter } from './summary/abstract-writer.js';
import { buildSummary, type SummaryInput } from './summary/build-summary.js';
import type { Understanding } from '../understanding/understanding.port.js';
import type { Survey } from './handoff.js';
import { changedFields, liveChange } from './live-case.js';
import type { LiveEscalation } from './live-escalation.port.js';
import type { Summarizer } from './summary/llm-summarizer.js';

export type HandoffConfig = {
  slaMinutes: Readonly<Record<Severity, number>>;
  businessHours: BusinessHours;
  graceSeconds: number;
  followUpHours: number;
};

export type HandoffServiceDeps = {
  queue: HandoffQueue;
  tickets: TicketStore;
  transcripts: TranscriptStore;
  delivery: CustomerDelivery;
  notifier: AgentNotifier;
  /** 回访 tasks created when a case closes (unless its resolution says none is needed). */
  followUps: FollowUps;
  /** Whether a transfer target names a known agent. */
  isAgent: (username: string) => Promise<boolean>;
  /** Most cases the agent may own at once (the directory's capacity); undefined: no limit. */
  capacityOf?: (username: string) => Promise<number | undefined>;
  config: HandoffConfig;
  onError: (error: unknown, context: string) => void;
  /** LLM narrative (first reply, next steps) and prose abstract, applied after the case is queued. */
  llm?: { summarizer: Summarizer; abstracts: AbstractWriter };
  /** Reads what the customer writes while queued or assigned, to keep the case current. */
  understanding?: Understanding;
  /** Answers a waiting case that got worse (the flows' urgent steps); without it, only P1. */
  escalation?: LiveEscalation;
  clock?: () => Date;
  /** Team hooks: offer a queued case for automatic assignment (`auto-assign.ts`); note who got one. */
  team?: { queued(handoff: Handoff): void; claimed(agent: string): Promise<void> };
};

/** Intent confidence above which a survey comment is read as a new complaint. */
const CLEAR_COMPLAINT = 0.7;

/** Refusals of agent actions, on top of the queue's own. */
export type ActionOutcome =
  | { ok: true; handoff: Handoff }
  | { ok: false; reason: HandoffRefusal | 'unknown_target' | 'at_capacity' };

/**
 * The handoff subsystem's use cases: the `HandoffTrigger` the dialogs call, the agent actions
 * behind the API, and the timers (SLA breach, follow-up, disconnect grace). It keeps the customer
 * told (CustomerDelivery) and the agents told (AgentNotifier) of every change.
 */
export class HandoffService implements HandoffTrigger {
  private readonly positions: QueuePositions;
  private readonly now: () => Date;

  constructor(private readonly deps: HandoffServiceDeps) {
    this.now = deps.clock ?? (() => new Date());
    this.positions = new QueuePositions(deps.queue, deps.notifier, deps.delivery, (error) =>
      deps.onError(error, 'queue positions'),
    );
    deps.queue.onTimer((timer) => this.onTimer(timer));
  }

  /** HandoffTrigger: queue the case with its summary; position and ETA, or when agents are back. */
  async request(request: HandoffRequest): Promise<TriggerOutcome> {
    const { queue, tickets, transcripts, config } = this.deps;
    const now = this.now();
    const ticket = await tickets.get(request.ticketId);
    if (ticket === undefined) throw new Error(`handoff for unknown ticket ${request.ticketId}`);
    const transcript = await transcripts.list(request.conversationId);
    const input: SummaryInput = {
      ticket: {
        ...ticket,
        lang: request.lang,
        channel: request.channel,
        handoffRule: request.rule,
      },
      transcript,
      handoffAt: now,
      slaMinutes: config.slaMinutes[ticket.severity],
    };
    const summary = buildSummary(input);
    const handoff = await queue.enqueue({
      conversationId: request.conversationId,
      ticketId: ticket.id,
      channel: request.channel,
      lang: request.lang,
      boost: boostOf(summary),
      summary,
      at: now.toISOString(),
    });
    this.deps.notifier.toAll('queue:added', queueItemOf(handoff, now));
    if (handoff.version === 1) this.enrich(handoff, input);
    await queue.schedule(
      { kind: 'sla_breach', handoffId: handoff.id },
      new Date(summary.slaDeadline),
    );
    const outcome = await this.tellQueued(handoff, now);
    // After the customer heard "queued", so an automatic assignment is told after it.
    this.deps.team?.queued(handoff);
    return outcome;
  }

  private async tellQueued(handoff: Handoff, now: Date): Promise<TriggerOutcome> {
    const { config } = this.deps;
    const estimate = await this.positions.estimate(handoff.id);
    this.positions.refreshSoon();
    if (!config.businessHours.isOpen(now)) {
      await this.deps.delivery.notifyHandoff(handoff.conversationId, { state: 'queued' });
      return {
        state: 'out_of_hours',
        contactAt: config.businessHours.nextOpening(now).toISOString(),
      };
    }
    const position = estimate?.position ?? 1;
    this.positions.told(handoff.id, position);
    const etaSeconds = estimate?.etaSeconds ?? 0;
    await this.deps.delivery.notifyHandoff(handoff.conversationId, {
      state: 'queued',
      position,
      etaSeconds,
    });
    return { state: 'queued', position, etaSeconds };
  }

  async queueItems(): Promise<QueueItem[]> {
    const now = this.now();
    return (await this.deps.queue.list()).map((h) => queueItemOf(h, now));
  }

  async detail(id: string): Promise<HandoffDetail | undefined> {
    const handoff = await this.deps.queue.get(id);
    if (handoff === undefined) return undefined;
    const transcript = await this.deps.transcripts.list(handoff.conversationId);
    const { state, agent, group, summary, notes, survey, labels, waiting } = handoff;
    return { id, state, agent, group, summary, transcript, notes, survey, labels, waiting };
  }

  /** Cases an agent owns, for a console that reconnects or reloads. */
  assignedTo(agent: string): Promise<Handoff[]> {
    return this.deps.queue.assignedTo(agent);
  }

  async claim(id: string, actor: AgentIdentity): Promise<ActionOutcome> {
    const capacity = await this.deps.capacityOf?.(actor.username);
    if (
      capacity !== undefined &&
      (await this.deps.queue.assignedTo(actor.username)).length >= capacity
    )
      return { ok: false, reason: 'at_capacity' };
    const outcome = await this.deps.queue.claim(id, actor.username, this.now().toISOString());
    if (!outcome.ok) return outcome;
    const handoff = outcome.handoff;
    await this.deps.queue.cancel('sla_breach', id);
    await this.positions.assigned(handoff, actor.username);
    await this.setTicketStatus(handoff.ticketId, 'in_progress');
    await this.deps.team?.claimed(actor.username);
    return outcome;
  }

  /** Agents with a console open now, on any instance, for the transfer picker. */
  async onlineAgents(): Promise<string[]> {
    return (await this.deps.notifier.onlineAgents()).sort();
  }

  /** The owner is typing: the customer's channel shows it where it can; anyone else is ignored. */
  async agentTyping(id: string, actor: AgentIdentity): Promise<void> {
    const handoff = await this.deps.queue.get(id);
    if (handoff === undefined || refusalFor(handoff, actor, false) !== undefined) return;
    await this.deps.delivery.agentTyping?.(handoff.conversationId);
  }

  /** The customer is typing: the agent who owns their case sees it. */
  async customerTyping(conversationId: string): Promise<void> {
    const handoff = await this.deps.queue.latest(conversationId);
    if (handoff?.state !== 'assigned' || handoff.agent === undefined) return;
    this.deps.notifier.toAgent(handoff.agent, 'customer:typing', { handoffId: handoff.id });
  }

  /** Sends the agent's text to the customer on their channel; only the owner may. */
  async message(id: string, actor: AgentIdentity, text: string): Promise<ActionOutcome> {
    const handoff = await this.deps.queue.get(id);
    const refusal = refusalFor(handoff, actor, false);
    if (refusal !== undefined) return { ok: false, reason: refusal };
    if (handoff === undefined) return { ok: false, reason: 'not_found' };
    await this.deps.delivery.send(handoff.conversationId, { from: 'agent', text });
    return { ok: true, handoff };
  }

  /** Internal note: kept on the handoff, never sent to the customer or put in their transcript. */
  async note(id: string, actor: AgentIdentity, text: string): Promise<ActionOutcome> {
    const handoff = await this.deps.queue.get(id);
    const refusal = refusalFor(handoff, actor, true);
    if (refusal !== undefined) return { ok: false, reason: refusal };
    const note = { id: randomUUID(), agent: actor.username, text, at: this.now().toISOString() };
    return this.deps.queue.update(id, { kind: 'note', note });
  }

  /** To another agent (`to` is a username) or back to the queue for a group (`group:<name>`). */
  async transfer(id: string, actor: AgentIdentity, to: string): Promise<ActionOutcome> {
    const handoff = await this.deps.queue.get(id);
    const refusal = refusalFor(handoff, actor, true);
    if (refusal !== undefined || handoff?.agent === undefined)
      return { ok: false, reason: refusal ?? 'not_found' };
    const owner = handoff.agent;
    const target: { agent: string } | { group: string } = to.startsWith('group:')
      ? { group: to.slice('group:'.length) }
      : { agent: to };
    if ('agent' in target && !(await this.deps.isAgent(target.agent)))
      return { ok: false, reason: 'unknown_target' };
    const at = this.now().toISOString();
    const outcome = await this.deps.queue.update(id, {
      kind: 'transfer',
      from: owner,
      to: target,
      at,
    });
    if (!outcome.ok) return outcome;
    this.deps.notifier.toAgent(owner, 'handoff:released', { id });
    if ('agent' in target) {
      await this.positions.assigned(outcome.handoff, target.agent);
      await this.deps.delivery.send(outcome.handoff.conversationId, {
        from: 'system',
        text: CUSTOMER_TEXT[outcome.handoff.lang].transferred.replace('{agent}', target.agent),
        meta: { act: 'handoff', ticketId: outcome.handoff.ticketId },
      });
    } else await this.announceQueued(outcome.handoff);
    return outcome;
  }

  /** Ends the handoff: the customer is told, the assistant resumes with the satisfaction survey. */
  async close(id: string, actor: AgentIdentity, resolution: Resolution): Promise<ActionOutcome> {
    const handoff = await this.deps.queue.get(id);
    const refusal = refusalFor(handoff, actor, true);
    if (refusal !== undefined || handoff?.agent === undefined)
      return { ok: false, reason: refusal ?? 'not_found' };
    const owner = handoff.agent;
    const at = this.now();
    const outcome = await this.deps.queue.update(id, {
      kind: 'close',
      agent: owner,
      resolution,
      at: at.toISOString(),
    });
    if (!outcome.ok) return outcome;
    const closed = outcome.handoff;
    this.deps.notifier.toAll('handoff:closed', { id });
    await this.deps.delivery.notifyHandoff(closed.conversationId, { state: 'closed' });
    await this.deps.delivery.send(closed.conversationId, {
      from: 'bot',
      text: CUSTOMER_TEXT[closed.lang].survey,
      meta: { act: 'survey', ticketId: closed.ticketId, suggestions: ['1', '2', '3', '4', '5'] },
    });
    await this.setTicketStatus(closed.ticketId, 'resolved');
    if (resolution.followUp === false) return outcome;
    const followUpAt = new Date(at.getTime() + this.deps.config.followUpHours * 3_600_000);
    await this.deps.followUps.schedule({
      ticketId: closed.ticketId,
      handoffId: id,
      dueAt: followUpAt.toISOString(),
      assignee: owner,
    });
    await this.deps.queue.schedule({ kind: 'follow_up', handoffId: id, agent: owner }, followUpAt);
    return outcome;
  }

  /** A console connected: the agent's cases stop counting down their grace period. */
  async agentConnected(agent: string): Promise<void> {
    for (const handoff of await this.deps.queue.assignedTo(agent))
      await this.deps.queue.cancel('agent_grace', handoff.id);
  }

  /** An agent's last console went away: their cases wait a grace period, then go back to the queue. */
  async agentDisconnected(agent: string): Promise<void> {
    if ((await this.deps.notifier.onlineAgents()).includes(agent)) return;
    const at = new Date(this.now().getTime() + this.deps.config.graceSeconds * 1000);
    for (const handoff of await this.deps.queue.assignedTo(agent))
      await this.deps.queue.schedule({ kind: 'agent_grace', handoffId: handoff.id, agent }, at);
  }

  async stop(): Promise<void> {
    await this.positions.stop();
  }

  /**
   * A message written while queued or assigned (issue 11 §8): analysed and merged into the ticket
   * (elements, missing, emotion, flags), the summary rebuilt, and the agents told what changed.
   */
  async customerWrote(handoff: Handoff, text: string, at: string): Promise<void> {
    const { understanding, tickets, transcripts, queue, config, notifier } = this.deps;
    const ticket = await tickets.get(handoff.ticketId);
    if (understanding === undefined || ticket === undefined) return;
    const analysis = await understanding.analyze(text, {
      history: [],
      knownSlots: ticket.slots,
      now: new Date(at),
      lang: handoff.lang,
      stage: handoff.state === 'assigned' ? 'assigned' : 'queued',
      emotionHistory: ticket.emotions,
    });
    const change = liveChange(ticket, analysis, at);
    await tickets.update(ticket.id, { kind: 'supplement', at, text, slots: change.slots });
    const { flags, emotions, missingSlots } = change;
    const escalation = await this.deps.escalation?.raised({
      text,
      lang: handoff.lang,
      category: ticket.category,
      analysis,
      answered: urgentCausesOf(handoff.summary.handoffRule, ticket.handoffRule),
      ticketId: ticket.id,
    });
    const updated = await tickets.update(ticket.id, {
      kind: 'details',
      at,
      details: {
        flags,
        emotions,
        missingSlots,
        // The agent's case says it got worse: P1, with the new cause as its rule.
        ...(escalation
          ? { handoffRule: `urgent:${escalation.cause}`, severity: 'P1' as const }
          : {}),
      },
    });
    if (escalation) {
      for (const line of [escalation.step, escalation.notice])
        await this.deps.delivery.send(handoff.conversationId, {
          from: 'bot',
          text: line,
          meta: { act: 'inform', family: 'reassure_anxiety', ticketId: ticket.id },
        });
    }
    if (!updated.ok) return;
    const rebuilt = buildSummary({
      ticket: { ...updated.ticket, lang: handoff.lang, channel: handoff.channel },
      transcript: await transcripts.list(handoff.conversationId),
      handoffAt: new Date(handoff.summary.timestamps.handoffAt),
      slaMinutes: config.slaMinutes[updated.ticket.severity],
    });
    const { handoffRule, slaDeadline, abstract } = handoff.summary;
    const summary = { ...rebuilt, handoffRule, slaDeadline, ...(abstract ? { abstract } : {}) };
    const changed = changedFields(handoff.summary, summary);
    if (changed.length === 0) return;
    const outcome = await queue.update(handoff.id, { kind: 'summary', summary });
    if (!outcome.ok) return;
    const event = { id: handoff.id, changed, summary };
    if (handoff.state === 'assigned' && handoff.agent !== undefined)
      notifier.toAgent(handoff.agent, 'handoff:updated', event);
    else notifier.toAll('handoff:updated', event);
  }

  /**
   * The survey answer is recorded on the ticket as feedback (issue 11 §9); its comment counts as a
   * new complaint only when it clearly is one, and then the dialogs take it up.
   */
  async surveyAnswered(handoff: Handoff, survey: Survey): Promise<'feedback' | 'complaint'> {
    const { rating, comment, at } = survey;
    await this.deps.tickets.update(handoff.ticketId, {
      kind: 'feedback',
      at,
      feedback: { rating, at, ...(comment === undefined ? {} : { comment }) },
    });
    const understanding = this.deps.understanding;
    if (comment === undefined || understanding === undefined) return 'feedback';
    const reading = await understanding.analyze(comment, {
      history: [],
      knownSlots: {},
      now: new Date(at),
      lang: handoff.lang,
      stage: 'survey',
    });
    const act = reading.act?.kind ?? reading.intent;
    const upset = reading.emotion === 'angry' || reading.emotion === 'sad';
    const clearly =
      (act === 'complaint' || act === 'second_complaint') &&
      reading.intentConfidence >= CLEAR_COMPLAINT &&
      reading.category !== 'other' &&
      upset;
    return clearly ? 'complaint' : 'feedback';
  }

  /** The LLM's grounded narrative and abstract replace the offline text once ready; the queue never waits. */
  private enrich(handoff: Handoff, input: SummaryInput): void {
    const llm = this.deps.llm;
    if (llm === undefined) return;
    Promise.all([llm.summarizer.summarize(input), llm.abstracts.write(handoff.summary)])
      .then(([narrated, abstract]) => {
        const summary = { ...narrated, abstract };
        if (JSON.stringify(summary) === JSON.stringify(handoff.summary)) return undefined;
        return this.deps.queue.update(handoff.id, { kind: 'summary', summary });
      })
      .catch((error: unknown) => this.deps.onError(error, 'llm summary'));
  }

  private async onTimer(timer: HandoffTimer): Promise<void> {
    const handoff = await this.deps.queue.get(timer.handoffId);
    if (handoff === undefined) return;
    const alert = { id: handoff.id, ticketId: handoff.ticketId };
    if (timer.kind === 'sla_breach' && handoff.state === 'queued')
      this.deps.notifier.toAll('handoff:alert', { ...alert, kind: 'sla_breach' });
    if (timer.kind === 'follow_up' && timer.agent !== undefined)
      this.deps.notifier.toAgent(timer.agent, 'handoff:alert', { ...alert, kind: 'follow_up' });
    if (timer.kind === 'agent_grace' && timer.agent !== undefined)
      await this.graceExpired(timer.agent, handoff);
  }

  /** An account was disabled: each case it owns goes back to the queue now, its customer told. */
  async requeueCasesOf(agent: string): Promise<void> {
    for (const handoff of await this.deps.queue.assignedTo(agent))
      await this.requeue(agent, handoff);
  }

  private async graceExpired(agent: string, handoff: Handoff): Promise<void> {
    if ((await this.deps.notifier.onlineAgents()).includes(agent)) return;
    await this.requeue(agent, handoff);
  }

  private async requeue(agent: string, handoff: Handoff): Promise<void> {
    const at = this.now().toISOString();
    const outcome = await this.deps.queue.update(handoff.id, { kind: 'release', agent, at });
    if (!outcome.ok) return;
    await this.deps.delivery.send(handoff.conversationId, {
      from: 'system',
      text: CUSTOMER_TEXT[handoff.lang].requeued,
      meta: { act: 'handoff', ticketId: handoff.ticketId },
    });
    this.deps.notifier.toAll('handoff:alert', {
      id: handoff.id,
      ticketId: handoff.ticketId,
      kind: 'requeued',
    });
    await this.announceQueued(outcome.handoff);
  }

  private async announceQueued(handoff: Handoff): Promise<void> {
    const now = this.now();
    const minutes = this.deps.config.slaMinutes[handoff.summary.severity];
    await this.deps.queue.schedule(
      { kind: 'sla_breach', handoffId: handoff.id },
      new Date(now.getTime() + minutes * 60_000),
    );
    await this.positions.requeued(handoff, now);
    this.deps.team?.queued(handoff);
  }

  private async setTicketStatus(ticketId: string, status: TicketStatus): Promise<void> {
    // A ticket already past this status (e.g. resolved earlier) keeps its own: the refusal is a value.
    await this.deps.tickets.update(ticketId, {
      kind: 'status',
      status,
      at: this.now().toISOString(),
    });
  }
}

/** The urgent causes a case was handed over for, from its rules (`urgent:<cause>`). */
function urgentCausesOf(...rules: Array<string | undefined>): UrgencyCause[] {
  const causes = rules.map((rule) => UrgencyCause.safeParse(rule?.replace(/^urgent:/, '')));
  return [...new Set(causes.flatMap((parsed) => (parsed.success ? [parsed.data] : [])))];
}
