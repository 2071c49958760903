import { z } from 'zod';
import { Category, DialogAct, RiskFlag, SlotName } from '../../domain/taxonomy.js';
import type { Understanding } from '../../understanding/understanding.port.js';
import { DraftConversation, type DraftConfig, type DraftTurn } from './draft-bot.js';

/** What one customer turn must lead to; every field is optional and all given must hold. */
const Expectation = z.strictObject({
  /** An act of one of the replies (`ask`, `empathize`, `faq`…). */
  act: DialogAct.optional(),
  /** A slot one of the replies asks for. */
  slot: SlotName.optional(),
  /** After this turn: a test ticket was filed, a handoff was asked for, or neither yet. */
  outcome: z.enum(['ticket', 'handoff', 'none']).optional(),
  /** The category of the conversation's ticket. */
  category: Category.optional(),
  /** Risk flags the ticket must carry. */
  flags: z.array(RiskFlag).optional(),
  /** Phrases that must (or must not) appear in the replies' text. */
  contains: z.array(z.string().min(1)).optional(),
  notContains: z.array(z.string().min(1)).optional(),
});
export type Expectation = z.infer<typeof Expectation>;

export const ConversationTest = z.strictObject({
  name: z.string().trim().min(1),
  turns: z
    .array(z.strictObject({ say: z.string().trim().min(1), expect: Expectation.default({}) }))
    .min(1),
});
export type ConversationTest = z.infer<typeof ConversationTest>;

/** `tests.yaml`, the `tests` configuration kind: conversation tests run before a publish. */
export const TestsFile = z.strictObject({ tests: z.array(ConversationTest) });
export type TestsFile = z.infer<typeof TestsFile>;

export interface TestResult {
  name: string;
  passed: boolean;
  /** Each failed expectation, by the 1-based turn it belongs to. */
  failures: { turn: number; message: string }[];
}

export interface TestReport {
  passed: boolean;
  results: TestResult[];
}

/** Every expectation of one turn that does not hold, in words an admin can act on. */
export function unmet(expected: Expectation, turn: DraftTurn): string[] {
  const text = turn.replies.map((r) => r.text).join('\n');
  const acts = turn.replies.flatMap((r) => r.meta.acts ?? (r.meta.act ? [r.meta.act] : []));
  const slots = turn.replies.flatMap((r) => r.meta.slots ?? (r.meta.slot ? [r.meta.slot] : []));
  const ticket = turn.tickets.at(-1);
  const outcome = turn.handoffs.length > 0 ? 'handoff' : ticket ? 'ticket' : 'none';
  const failures: string[] = [];
  if (expected.act && !acts.includes(expected.act))
    failures.push(`act ${expected.act} expected, got ${acts.join(', ') || 'none'}`);
  if (expected.slot && !slots.includes(expected.slot))
    failures.push(`a question for ${expected.slot} expected, got ${slots.join(', ') || 'none'}`);
  // A handoff files a ticket too: "ticket" holds once one exists, "handoff" only with a handoff.
  if (expected.outcome === 'ticket' ? !ticket : expected.outcome && expected.outcome !== outcome)
    failures.push(`outcome ${expected.outcome} expected, got ${outcome}`);
  if (expected.category && ticket?.category !== expected.category)
    failures.push(`category ${expected.category} expected, got ${ticket?.category ?? 'no ticket'}`);
  for (const flag of expected.flags ?? [])
    if (!ticket?.flags.includes(flag)) failures.push(`flag ${flag} expected on the ticket`);
  for (const phrase of expected.contains ?? [])
    if (!text.includes(phrase)) failures.push(`"${phrase}" expected in the reply`);
  for (const phrase of expected.notContains ?? [])
    if (text.includes(phrase)) failures.push(`"${phrase}" must not appear in the reply`);
  return failures;
}

/** Runs each test as a new customer on the draft configuration, isolated from the app. */
export async function runConversationTests(
  tests: readonly ConversationTest[],
  config: DraftConfig,
  understanding: Understanding,
): Promise<TestReport> {
  const results: TestResult[] = [];
  for (const [index, test] of tests.entries()) {
    const conversation = new DraftConversation(config, understanding, `test-${index + 1}`);
    await conversation.open();
    const failures: TestResult['failures'] = [];
    for (const [turnIndex, turn] of test.turns.entries()) {
      const done = await conversation.send(turn.say);
      for (const message of unmet(turn.expect, done))
        failures.push({ turn: turnIndex + 1, message });
    }
    results.push({ name: test.name, passed: failures.length === 0, failures });
  }
  return { passed: results.every((r) => r.passed), results };
}
