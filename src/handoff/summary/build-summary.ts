import { quoteIsolated } from '../../domain/bidi.js';
import type { Message } from '../../domain/message.js';
import type { EmotionPoint, TicketDraft } from '../../domain/ticket.js';
import type { DialogAct, Language, SlotName } from '../../domain/taxonomy.js';
import { STEPS, WORDS } from './summary-text.js';
import { HandoffSummary, type EmotionTrend } from './summary.schema.js';

/** What the summary is built from: the ticket as filed, the transcript and when the handoff happened. */
export type SummaryInput = {
  ticket: Pick<
    TicketDraft,
    | 'conversationId'
    | 'channel'
    | 'lang'
    | 'category'
    | 'nature'
    | 'severity'
    | 'flags'
    | 'slots'
    | 'missingSlots'
    | 'emotions'
    | 'handoffRule'
    | 'createdAt'
  > & { id: string };
  transcript: readonly Message[];
  handoffAt: Date;
  /** Minutes an agent has to pick the case up at this severity. */
  slaMinutes: number;
};

/** Bot acts that tell or promise the customer something an agent must not contradict. */
const TELLING_ACTS: ReadonlySet<DialogAct> = new Set([
  'ticket',
  'handoff',
  'answer',
  'inform',
  'confirm',
  'close',
]);
const ESCALATING = ['regulator_threat', 'media_threat', 'legal_threat'] as const;
/** Claims about the case that nothing in the conversation verifies (contact details and wishes are not claims). */
const CLAIMS: readonly SlotName[] = [
  'event',
  'product',
  'account',
  'time',
  'place',
  'people',
  'amount',
];
const TREND_THRESHOLD = 0.15;

/** The structured handoff summary (DESIGN §4), offline and deterministic. */
export function buildSummary(input: SummaryInput): HandoffSummary {
  const { ticket, transcript, handoffAt } = input;
  const lang = ticket.lang;
  const at = handoffAt.toISOString();
  const current = ticket.emotions.at(-1) ?? { emotion: 'neutral', intensity: 0, at };
  const customerMessages = transcript.filter((m) => m.from === 'customer');
  return HandoffSummary.parse({
    ticketId: ticket.id,
    conversationId: ticket.conversationId,
    channel: ticket.channel,
    lang,
    customer: {
      name: ticket.slots.contact_name?.value,
      phone: ticket.slots.contact_phone?.value,
      account: ticket.slots.account?.value,
      contactTime: ticket.slots.contact_time?.value,
    },
    category: ticket.category,
    nature: ticket.nature,
    severity: ticket.severity,
    emotion: { current, trajectory: ticket.emotions, trend: trendOf(ticket.emotions) },
    flags: ticket.flags,
    elements: ticket.slots,
    customerStated: CLAIMS.filter((slot) => ticket.slots[slot] !== undefined),
    missing: ticket.missingSlots,
    demand: ticket.slots.demand?.raw,
    handoffRule: ticket.handoffRule ?? 'unspecified',
    assistantSaid: transcript
      .filter((m) => m.from === 'bot' && m.meta?.act !== undefined && TELLING_ACTS.has(m.meta.act))
      .map((m) => ({ act: m.meta?.act, text: m.text, at: m.at })),
    nextSteps: nextSteps(input),
    suggestedFirstReply: firstReply(input),
    transcript: [...transcript],
    timestamps: {
      conversationStartedAt: transcript[0]?.at ?? ticket.createdAt,
      lastCustomerMessageAt: customerMessages.at(-1)?.at,
      handoffAt: at,
    },
    slaDeadline: new Date(handoffAt.getTime() + input.slaMinutes * 60_000).toISOString(),
  });
}

/** Signed arousal: negative emotions count up, positive down. */
function negativity(point: EmotionPoint): number {
  if (point.emotion === 'positive') return -point.intensity;
  return point.emotion === 'neutral' ? 0 : point.intensity;
}

function trendOf(points: readonly EmotionPoint[]): EmotionTrend {
  const recent = points.slice(-3).map(negativity);
  const delta = (recent.at(-1) ?? 0) - (recent[0] ?? 0);
  if (delta > TREND_THRESHOLD) return 'rising';
  return delta < -TREND_THRESHOLD ? 'falling' : 'steady';
}

function missingWords(lang: Language, missing: readonly SlotName[]): string {
  return missing.map((slot) => WORDS[lang].slot[slot]).join(lang === 'zh' ? '、' : ', ');
}

function nextSteps({ ticket }: SummaryInput): string[] {
  const steps = STEPS[ticket.lang];
  const demand = ticket.slots.demand?.value.toLowerCase() ?? '';
  const picked: Array<string | undefined> = [
    ticket.flags.includes('safety') || ticket.category === 'emergency' ? steps.safety : undefined,
    ticket.flags.some((f) => (ESCALATING as readonly string[]).includes(f))
      ? steps.escalate
      : undefined,
    steps.restate,
    ticket.missingSlots.length > 0
      ? steps.ask?.replace('{missing}', missingWords(ticket.lang, ticket.missingSlots))
      : undefined,
    demand.includes('refund') ? steps.refund : undefined,
    demand.includes('compensation') || ticket.flags.includes('compensation_demand')
      ? steps.compensation
      : undefined,
    demand.includes('apology') ? steps.apology : undefined,
    steps.deadline,
  ];
  return picked.filter((step): step is string => step !== undefined);
}

function firstReply({ ticket }: SummaryInput): string {
  const lang = ticket.lang;
  const words = WORDS[lang];
  const emotion = ticket.emotions.at(-1)?.emotion ?? 'neutral';
  // Customer words quoted in the reply an agent may send as is: no override in them may leak out.
  const quoted = (value: string | undefined): string | undefined =>
    value === undefined ? undefined : quoteIsolated(value);
  const name = quoted(ticket.slots.contact_name?.value);
  const product = quoted(ticket.slots.product?.value);
  const demand = quoted(ticket.slots.demand?.raw);
  const missing = missingWords(lang, ticket.missingSlots);
  if (lang === 'zh') {
    const topic = `${product === undefined ? '' : `${product}的`}${words.category[ticket.category]}问题`;
    const empathy = {
      angry: '给您带来这样的困扰，真的非常抱歉，换作是我也会很生气。',
      anxious: '我理解您很着急，我们马上处理。',
      sad: '让您失望了，非常抱歉。',
      neutral: '感谢您耐心说明。',
      positive: '感谢您的耐心。',
    }[emotion];
    return [
      `${name === undefined ? '' : `${name}，`}您好，我是人工客服，接下来由我为您处理。`,
      `您反映的${topic}我已经完整看过（工单号 ${ticket.id}），不需要您再重复说明。`,
      empathy,
      demand === undefined ? '' : `您希望“${demand}”，我现在就为您核实处理。`,
      missing === '' ? '' : `为尽快处理，还需要您补充一下${missing}。`,
    ].join('');
  }
  const topic = `${product === undefined ? '' : `${product} `}${words.category[ticket.category]} issue`;
  const empathy = {
    angry: 'I am truly sorry for the trouble; I would be upset too.',
    anxious: 'I understand this is urgent, and I am on it now.',
    sad: 'I am sorry we let you down.',
    neutral: 'Thank you for explaining it so clearly.',
    positive: 'Thank you for your patience.',
  }[emotion];
  return [
    `Hello${name === undefined ? '' : ` ${name}`}, I am a member of the support team and I will take it from here.`,
    `I have read everything about your ${topic} (ticket ${ticket.id}), so there is no need to repeat it.`,
    empathy,
    demand === undefined ? '' : `You asked for "${demand}"; I am checking that for you now.`,
    missing === '' ? '' : `To move quickly I only need your ${missing}.`,
  ]
    .filter((part) => part !== '')
    .join(' ');
}
