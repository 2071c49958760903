import { MemoryStorage, type Storage, type TestAdapter } from 'botbuilder';
import type { AppOptions } from '../../src/app.js';
import { createIntakeDialog } from '../../src/dialogs/intake.dialog.js';
import type { IntakeDeps } from '../../src/dialogs/intake-turn.js';
import { DialogTestBot, type BotReply } from '../../src/dialogs/dialog-test-bot.js';
import { scriptedWriter } from '../../src/dialogs/reply-writer.js';
import { loadFlowSet } from '../../src/flows/flow.loader.js';
import type { FlowSet } from '../../src/flows/flow.schema.js';
import { loadScriptBook, type ScriptBook } from '../../src/flows/script-book.js';
import type { HandoffOutcome, HandoffRequest } from '../../src/handoff/handoff-trigger.port.js';
import { MemoryTicketStore } from '../../src/tickets/memory.ticket-store.js';
import { createOfflineUnderstanding } from '../../src/understanding/offline.understanding.js';
import type { Understanding } from '../../src/understanding/understanding.port.js';

export type { BotReply };

/** The shipped flows and scripts, loaded once per test file. */
export async function shippedConfig(): Promise<{ flows: FlowSet; scripts: ScriptBook }> {
  const [flows, scripts] = await Promise.all([
    loadFlowSet('config/flows'),
    loadScriptBook('prompts/scripts'),
  ]);
  if (!flows.ok || !scripts.ok) throw new Error('shipped configuration does not load');
  return { flows: flows.value, scripts: scripts.value };
}

let offline: Promise<Understanding> | undefined;
/** The real offline understanding backend, shared by the test file. */
/** The app's root dialog: the intake over the shipped flows and scripts, reading with `understanding`. */
export async function shippedRootDialog(
  understanding: Understanding,
): Promise<NonNullable<AppOptions['rootDialog']>> {
  const { flows, scripts } = await shippedConfig();
  return (context) =>
    createIntakeDialog({
      understanding,
      tickets: context.tickets,
      flows: { current: () => flows },
      scripts: scriptedWriter(() => scripts),
      handoff: context.handoff.trigger,
    });
}

export function offlineUnderstanding(): Promise<Understanding> {
  offline ??= Promise.resolve(createOfflineUnderstanding({}));
  return offline;
}

/** A handoff port that records requests and answers with a fixed outcome. */
export class RecordingHandoff {
  readonly requests: HandoffRequest[] = [];
  constructor(
    private outcome: HandoffOutcome = { state: 'queued', position: 2, etaSeconds: 150 },
  ) {}
  request(request: HandoffRequest): Promise<HandoffOutcome> {
    this.requests.push(request);
    return Promise.resolve(this.outcome);
  }
}

export interface HarnessOptions extends Partial<IntakeDeps> {
  storage?: Storage;
  conversationId?: string;
}

/**
 * The intake root dialog over the shipped configuration with test defaults (offline
 * understanding, memory tickets, a fixed clock), turned by the product's DialogTestBot; returns
 * each turn's replies with their meta.
 */
export class IntakeHarness {
  readonly deps: IntakeDeps;
  readonly storage: Storage;
  private readonly bot: DialogTestBot;

  private constructor(deps: IntakeDeps, storage: Storage, conversationId: string) {
    this.deps = deps;
    this.storage = storage;
    this.bot = new DialogTestBot(createIntakeDialog(deps), conversationId, storage);
  }

  /** The TestAdapter under the bot, for tests that add middleware or send other activities. */
  get adapter(): TestAdapter {
    return this.bot.adapter;
  }

  static async create(options: HarnessOptions = {}): Promise<IntakeHarness> {
    const { flows, scripts } = await shippedConfig();
    const deps: IntakeDeps = {
      understanding: options.understanding ?? (await offlineUnderstanding()),
      tickets: options.tickets ?? new MemoryTicketStore(),
      flows: options.flows ?? { current: () => flows },
      scripts: options.scripts ?? scriptedWriter(() => scripts),
      ...(options.faq ? { faq: options.faq } : {}),
      ...(options.handoff ? { handoff: options.handoff } : {}),
      ...(options.ticketGuard ? { ticketGuard: options.ticketGuard } : {}),
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
      clock: options.clock ?? (() => new Date('2026-11-25T02:00:00.000Z')),
    };
    return new IntakeHarness(
      deps,
      options.storage ?? new MemoryStorage(),
      options.conversationId ?? 'conv-test',
    );
  }

  /** One customer message; `at` is its timestamp (default: 2026-11-25 10:00 Beijing time). */
  send(text: string, at = new Date('2026-11-25T02:00:00.000Z')): Promise<BotReply[]> {
    return this.bot.send(text, at);
  }

  /** A new session opening (conversationUpdate), as the web channel sends it. */
  open(): Promise<BotReply[]> {
    return this.bot.open();
  }
}

/** The acts of a turn's replies, in order (a joined bubble contributes each of its acts). */
export const acts = (replies: readonly BotReply[]): string[] =>
  replies.flatMap((r) => r.meta.acts ?? [r.meta.act ?? '(none)']);

/** The slots asked in a turn's replies (a joined question bubble names them all in `slots`). */
export const askedSlots = (replies: readonly BotReply[]): string[] =>
  replies.flatMap((r) =>
    (r.meta.acts ?? [r.meta.act]).includes('ask')
      ? (r.meta.slots ?? (r.meta.slot ? [r.meta.slot] : []))
      : [],
  );
