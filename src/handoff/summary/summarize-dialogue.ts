import { z } from 'zod';
import type { SlotValues } from '../../domain/analysis.js';
import type { Message } from '../../domain/message.js';
import type { EmotionPoint } from '../../domain/ticket.js';
import type { Category, Language, RiskFlag } from '../../domain/taxonomy.js';
import type { FlowSet } from '../../flows/flow.schema.js';
import { severityOf } from '../../tickets/severity.js';
import type { Understanding } from '../../understanding/understanding.port.js';
import { buildSummary } from './build-summary.js';
import type { HandoffSummary } from './summary.schema.js';

const ROLES = {
  customer: 'customer',
  user: 'customer',
  bot: 'bot',
  assistant: 'bot',
  agent: 'agent',
  system: 'system',
} as const;

/** One `qingting summarize` input line (DESIGN §6). */
export const DialogueInput = z.object({
  id: z.union([z.string().min(1), z.number()]),
  dialogue: z
    .array(
      z.object({
        role: z.enum(Object.keys(ROLES) as [keyof typeof ROLES, ...Array<keyof typeof ROLES>]),
        text: z.string().max(20_000),
      }),
    )
    .min(1)
    .max(500),
  /** When the conversation ended (relative dates resolve against it); default now. */
  now: z.iso.datetime({ offset: true }).optional(),
  channel: z.string().min(1).optional(),
});
export type DialogueInput = z.infer<typeof DialogueInput>;

const ESCALATING: readonly RiskFlag[] = [
  'safety',
  'regulator_threat',
  'media_threat',
  'legal_threat',
];

/**
 * The handoff summary of a bare dialogue: the offline understanding reads each customer turn in
 * context, as the dialogs would have, and the facts go through the same `buildSummary`.
 */
export async function summarizeDialogue(
  input: DialogueInput,
  deps: { understanding: Understanding; flows: FlowSet; slaMinutes: (severity: string) => number },
): Promise<HandoffSummary> {
  const end = input.now === undefined ? new Date() : new Date(input.now);
  const start = end.getTime() - input.dialogue.length * 1000;
  const id = String(input.id);
  const transcript: Message[] = input.dialogue.map((line, i) => ({
    id: `${id}-${i + 1}`,
    from: ROLES[line.role],
    text: line.text,
    at: new Date(start + i * 1000).toISOString(),
  }));
  let slots: SlotValues = {};
  let category: Category = 'other';
  let lang: Language | undefined;
  let effective = false;
  let rule: string | undefined;
  const flags = new Set<RiskFlag>();
  const emotions: EmotionPoint[] = [];
  for (const [i, message] of transcript.entries()) {
    if (message.from !== 'customer') continue;
    const analysis = await deps.understanding.analyze(message.text, {
      history: transcript.slice(0, i),
      knownSlots: slots,
      now: new Date(message.at),
      lang,
      products: deps.flows.products,
      emotionHistory: emotions,
    });
    lang ??= analysis.lang;
    // Later turns refine or correct every element except the story itself, which the first telling owns.
    const event = slots.event ?? analysis.slots.event;
    slots = { ...slots, ...analysis.slots, ...(event === undefined ? {} : { event }) };
    if (analysis.category !== 'other') category = analysis.category;
    effective ||= analysis.nature === 'effective';
    analysis.flags.forEach((flag) => flags.add(flag));
    emotions.push({ emotion: analysis.emotion, intensity: analysis.intensity, at: message.at });
    rule ??= ruleOf(analysis.intent, analysis.flags, analysis.emotion, analysis.intensity);
  }
  const current = emotions.at(-1) ?? { emotion: 'neutral' as const, intensity: 0 };
  const nature = effective ? 'effective' : 'communicative';
  const severity = severityOf({ category, nature, flags: [...flags], ...current });
  const required = deps.flows.flowFor(category).required;
  return buildSummary({
    ticket: {
      id,
      conversationId: id,
      channel: input.channel ?? 'cli',
      lang: lang ?? 'zh',
      category,
      nature,
      severity,
      flags: [...flags],
      slots,
      missingSlots: required.filter((slot) => slots[slot] === undefined),
      emotions,
      handoffRule: rule ?? 'none',
      createdAt: transcript[0]?.at ?? end.toISOString(),
    },
    transcript,
    handoffAt: end,
    slaMinutes: deps.slaMinutes(severity),
  });
}

/** Which handoff rule this turn would fire, in the order the shipped rules check them. */
function ruleOf(
  intent: string,
  flags: readonly RiskFlag[],
  emotion: string,
  intensity: number,
): string | undefined {
  if (intent === 'request_human') return 'request_human';
  const flag = flags.find((f) => ESCALATING.includes(f));
  if (flag !== undefined) return `risk_flag:${flag}`;
  return emotion === 'angry' && intensity >= 0.8 ? 'anger' : undefined;
}
