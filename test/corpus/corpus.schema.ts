import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import {
  AmountRole,
  Category,
  CustomerActKind,
  DialogAct,
  Emotion,
  EmpathyFamily,
  Intent,
  Language,
  Nature,
  RiskFlag,
  SlotName,
  SlotProblem,
  UrgencyCause,
} from '../../src/domain/taxonomy.js';

/*
 * The labelled corpus of issues 10 and 11: single customer messages with what a trained complaint
 * handler reads in them, and scripted dialogues with what the bot must (not) do. The format is
 * fixed; see README.md in this folder for the label guidelines.
 */

const AMOUNT = /^\d+(\.\d{2})? [A-Z]{3}$/;
const TIME = /^\d{4}-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?[+-]\d{2}:\d{2})?)?$/;
const PHONE = /^\+?\d{5,15}$/;
const DEMANDS = [
  'refund',
  'apology',
  'compensation',
  'fix',
  'explanation',
  'cancellation',
  'other',
] as const;

/** A normalised value as the understanding layer writes it, checked per slot so a typo in the corpus fails here. */
const slotValue = (slot: SlotName): z.ZodString => {
  const text = z.string().trim().min(1);
  switch (slot) {
    case 'amount':
      return text.regex(AMOUNT, 'amount must look like "5 CNY" or "89.50 CNY"');
    case 'time':
      return text.regex(
        TIME,
        'time must be "2026-11", "2026-11-29" or an ISO date-time with offset',
      );
    case 'contact_phone':
      return text.regex(PHONE, 'contact_phone must be digits, E.164 "+44…" for abroad');
    // Two wishes in one breath ("给我关了，钱退回来") are both kept, in the order said.
    case 'demand':
      return text.regex(
        new RegExp(`^(${DEMANDS.join('|')})(,(${DEMANDS.join('|')}))*$`),
        `demand must be ${DEMANDS.join('|')}, or several joined by commas`,
      );
    default:
      return text;
  }
};

/** Slot values keyed by slot name, each checked against its slot's normal form. */
export const CorpusSlots = z
  .strictObject(
    Object.fromEntries(
      SlotName.options.map((slot) => [slot, slotValue(slot).optional()]),
    ) as Record<SlotName, z.ZodOptional<z.ZodString>>,
  )
  .refine((slots) => Object.keys(slots).length > 0, 'slots, when given, name at least one slot');
export type CorpusSlots = z.infer<typeof CorpusSlots>;

export const CORPUS_STAGES = [
  'idle',
  'collecting',
  'confirming',
  'filed',
  'queued',
  'assigned',
  'survey',
] as const;
export const CorpusStage = z.enum(CORPUS_STAGES);
export type CorpusStage = z.infer<typeof CorpusStage>;

const Id = z.string().regex(/^(zh|en)-[a-z0-9]+(-[a-z0-9]+)*$/, 'id must be "<lang>-<topic>-<n>"');
const Instant = z.iso.datetime({ offset: true });

export const CorpusContext = z.strictObject({
  pending: z.array(SlotName).min(1).optional(),
  stage: CorpusStage.optional(),
  history: z
    .array(z.strictObject({ from: z.enum(['customer', 'bot']), text: z.string().min(1) }))
    .optional(),
  knownSlots: CorpusSlots.optional(),
});
export type CorpusContext = z.infer<typeof CorpusContext>;

/** Acts that name the element they are about (`expect.actSlot`). */
export const ACTS_WITH_SLOT = ['answer', 'answer_other', 'correction', 'question_back'] as const;
/** Acts that only make sense as a reply to a pending question. */
export const ACTS_NEEDING_PENDING = ['answer', 'answer_other', 'unknown_answer'] as const;

export const MessageExpect = z.strictObject({
  emotion: Emotion,
  /** high = furious (angry ≥ 0.8) or very anxious; absent when the reading is not about strength. */
  intensity: z.enum(['low', 'mid', 'high']).optional(),
  family: EmpathyFamily,
  urgent: z.boolean(),
  urgencyCause: UrgencyCause.optional(),
  act: CustomerActKind,
  actSlot: SlotName.optional(),
  actValue: z.string().min(1).optional(),
  intent: Intent,
  category: Category.optional(),
  nature: Nature.optional(),
  /** The exact set of risk flags ([] when none). */
  flags: z.array(RiskFlag),
  slots: CorpusSlots.optional(),
  amounts: z
    .array(z.strictObject({ value: slotValue('amount'), role: AmountRole }))
    .min(1)
    .optional(),
  slotIssues: z
    .array(z.strictObject({ slot: SlotName, problem: SlotProblem }))
    .min(1)
    .optional(),
});
export type MessageExpect = z.infer<typeof MessageExpect>;

export const CorpusMessage = z
  .strictObject({
    id: Id,
    lang: Language,
    text: z.string().min(1),
    now: Instant.optional(),
    timeZone: z.string().min(1).optional(),
    context: CorpusContext.optional(),
    expect: MessageExpect,
    note: z.string().optional(),
  })
  .superRefine((m, ctx) => {
    const e = m.expect;
    const issue = (message: string): void => ctx.addIssue({ code: 'custom', message });
    if (!m.id.startsWith(`${m.lang}-`))
      issue(`id ${m.id} does not start with its lang "${m.lang}-"`);
    if (e.urgent !== (e.urgencyCause !== undefined))
      issue('urgencyCause is given exactly when urgent is true');
    const needsSlot = (ACTS_WITH_SLOT as readonly string[]).includes(e.act);
    if (needsSlot !== (e.actSlot !== undefined))
      issue(`actSlot is given exactly for ${ACTS_WITH_SLOT.join('/')} (act is ${e.act})`);
    if ((e.act === 'correction') !== (e.actValue !== undefined))
      issue('actValue is given exactly for a correction');
    const pending = m.context?.pending ?? [];
    if ((ACTS_NEEDING_PENDING as readonly string[]).includes(e.act) && pending.length === 0)
      issue(`act ${e.act} needs context.pending`);
    if (e.act === 'answer' && e.actSlot && !pending.includes(e.actSlot))
      issue(`an answer's actSlot (${e.actSlot}) is one of context.pending`);
    if (e.act === 'answer_other' && e.actSlot && pending.includes(e.actSlot))
      issue(`answer_other names a slot that was not asked (${e.actSlot} is pending)`);
    if (new Set(e.flags).size !== e.flags.length) issue('flags are a set: no repeats');
    if (e.category === undefined && e.nature !== undefined) issue('nature comes with a category');
  });
export type CorpusMessage = z.infer<typeof CorpusMessage>;

export const TurnExpect = z.strictObject({
  family: EmpathyFamily.optional(),
  asks: z.union([SlotName, z.literal('none')]).optional(),
  never_asks: z.array(SlotName).min(1).optional(),
  acts: z.array(DialogAct).min(1).optional(),
  handoff: z.boolean().optional(),
  ticket: z.boolean().optional(),
  includes_any: z.array(z.string().min(1)).min(1).optional(),
  excludes: z.array(z.string().min(1)).min(1).optional(),
});
export type TurnExpect = z.infer<typeof TurnExpect>;

export const DialogueTurn = z.strictObject({
  customer: z.string().min(1),
  expect: TurnExpect.optional(),
});
export type DialogueTurn = z.infer<typeof DialogueTurn>;

export const DIALOGUE_OUTCOMES = [
  'ticket',
  'commendation',
  'no_ticket',
  'withdrawn',
  'handoff',
  'answered',
] as const;

export const DialogueFinal = z.strictObject({
  outcome: z.enum(DIALOGUE_OUTCOMES).optional(),
  priority: z.enum(['P1', 'P2', 'P3', 'P4']).optional(),
  category: Category.optional(),
  flags: z.array(RiskFlag).min(1).optional(),
  slots: CorpusSlots.optional(),
  urgent: z.boolean().optional(),
});
export type DialogueFinal = z.infer<typeof DialogueFinal>;

export const CorpusDialogue = z
  .strictObject({
    id: Id,
    lang: Language,
    now: Instant.optional(),
    timeZone: z.string().min(1).optional(),
    persona: z.string().min(1),
    turns: z.array(DialogueTurn).min(3).max(8),
    final: DialogueFinal.optional(),
  })
  .superRefine((d, ctx) => {
    if (!d.id.startsWith(`${d.lang}-`))
      ctx.addIssue({ code: 'custom', message: `id ${d.id} does not start with "${d.lang}-"` });
  });
export type CorpusDialogue = z.infer<typeof CorpusDialogue>;

/** The clock a corpus item is read against: its own `now`/`timeZone`, else the language's default. */
export function corpusClock(item: { lang: Language; now?: string; timeZone?: string }): {
  now: Date;
  timeZone: string;
} {
  const zh = item.lang === 'zh';
  return {
    now: new Date(item.now ?? (zh ? '2026-12-01T10:00:00+08:00' : '2026-12-01T10:00:00+00:00')),
    timeZone: item.timeZone ?? (zh ? 'Asia/Shanghai' : 'Europe/London'),
  };
}

/** Thrown for a corpus file that does not parse or does not match the schema; names file and line. */
export class CorpusFormatError extends Error {
  override readonly name = 'CorpusFormatError';
}

function filesIn(dir: string, ext: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => join(dir, f));
}

function fail(file: string, line: number, what: string): never {
  throw new CorpusFormatError(`${basename(file)}:${line}: ${what}`);
}

function checkFileLang(file: string, lang: Language, line: number): void {
  if (!basename(file).startsWith(`${lang}-`))
    fail(file, line, `lang "${lang}" does not match the file name`);
}

/** Every message of every `*.jsonl` file in `dir`, validated line by line. */
export function loadCorpusMessages(dir: string): CorpusMessage[] {
  return filesIn(dir, '.jsonl').flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((text, i) => ({ text, line: i + 1 }))
      .filter(({ text }) => text.trim() !== '')
      .map(({ text, line }) => {
        let raw: unknown;
        try {
          raw = JSON.parse(text);
        } catch (err) {
          fail(file, line, `not JSON (${(err as Error).message})`);
        }
        const parsed = CorpusMessage.safeParse(raw);
        if (!parsed.success) fail(file, line, z.prettifyError(parsed.error));
        checkFileLang(file, parsed.data.lang, line);
        return parsed.data;
      }),
  );
}

/** Every dialogue of every `*.yaml` file in `dir`, validated item by item. */
export function loadCorpusDialogues(dir: string): CorpusDialogue[] {
  return filesIn(dir, '.yaml').flatMap((file) => {
    const lineCounter = new LineCounter();
    const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter });
    if (doc.errors.length > 0) {
      const first = doc.errors[0]!;
      fail(file, first.linePos?.[0].line ?? 1, first.message);
    }
    if (!isSeq(doc.contents)) fail(file, 1, 'a dialogue file is a YAML list of dialogues');
    return doc.contents.items.map((item) => {
      const line = isMap(item) && item.range ? lineCounter.linePos(item.range[0]).line : 1;
      const parsed = CorpusDialogue.safeParse(
        (item as { toJSON(): unknown } | null)?.toJSON() ?? null,
      );
      if (!parsed.success) fail(file, line, z.prettifyError(parsed.error));
      checkFileLang(file, parsed.data.lang, line);
      return parsed.data;
    });
  });
}
