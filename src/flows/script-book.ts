import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { TicketStatus } from '../domain/ticket.js';
import { AmountRole, Category, LANGUAGES, SlotName, type Language } from '../domain/taxonomy.js';
import {
  parseYaml,
  type ConfigFile,
  type ConfigProblem,
  type ConfigResult,
} from './yaml-config.js';

/** Every reply the assistant can make offline; a script file must provide each one. */
export const SCRIPT_KEYS = [
  'greeting',
  'empathize_angry_high',
  'empathize_angry',
  'empathize_anxious',
  'empathize_sad',
  'ack_noted',
  'ack_unknown',
  'ask_again',
  'restate',
  'ask_correction',
  'ticket_filed',
  'more_help',
  'handoff_queued',
  'handoff_out_of_hours',
  'handoff_unavailable',
  'handed_off_ack',
  'out_of_scope',
  'faq_check',
  'faq_solved',
  'faq_unsolved',
  'faq_offer_file',
  'status',
  'status_not_found',
  'status_ask_id',
  'supplement_done',
  'withdraw_ask_reason',
  'withdraw_done',
  'withdraw_cancelled_intake',
  'withdraw_kept',
  'withdraw_nothing',
  'praise_thanks',
  'suggestion_thanks',
  'goodbye',
  'anything_else',
  'empathize_again_anger',
  'empathize_again_anxiety',
  'empathize_again_sad',
  'praise_commended',
  'vent_listen',
  'vent_declined',
  'thanks_reply',
  'faq_resume',
  'already_said_found',
  'already_said_missing',
  'issue_phone_too_short',
  'issue_phone_too_long',
  'issue_phone_invalid',
  'issue_date_in_future',
  'issue_ambiguous',
  'time_filed',
  'time_collecting',
  'time_queued',
  'time_policy',
  'ticket_filed_repeat',
  'urgent_escalated',
  'praise_deed',
  'praise_deed_person',
  'praise_passed_on',
  'unfiled_lead',
  // Ticket ownership (src/tickets/README.md).
  'verify_ask_phone_last4',
  'ticket_id_invalid',
  'ticket_lookup_limited',
] as const;
export const ScriptKey = z.enum(SCRIPT_KEYS);
export type ScriptKey = z.infer<typeof ScriptKey>;

/** The demand codes of DESIGN §3, as the understanding layer normalises them. */
export const Demand = z.enum([
  'refund',
  'apology',
  'compensation',
  'fix',
  'explanation',
  'cancellation',
  'other',
]);

/** Placeholders a template may use; anything else is a configuration error. */
export const TEMPLATE_VARIABLES = [
  'ticketId',
  'firstResponseHours',
  'answerHours',
  'closeDays',
  'position',
  'minutes',
  'contactAt',
  'status',
  'reason',
  'items',
  'createdAt',
  'people',
  'value',
  'deadline',
  'hours',
  'deed',
] as const;

const Template = z
  .string()
  .trim()
  .min(1)
  .refine(
    (text) =>
      [...text.matchAll(/\{(\w+)\}/g)].every((m) =>
        (TEMPLATE_VARIABLES as readonly string[]).includes(m[1] ?? ''),
      ),
    { message: `unknown {placeholder}; allowed: ${TEMPLATE_VARIABLES.join(', ')}` },
  );

export const ScriptFile = z.strictObject({
  replies: z.record(ScriptKey, z.array(Template).min(1)),
  /** Fixed lists shown as quick replies or labels, not varied wordings. */
  choices: z.strictObject({
    yes_no: z.tuple([z.string().min(1), z.string().min(1)]),
    confirm_choices: z.tuple([z.string().min(1), z.string().min(1)]),
    faq_choices: z.tuple([z.string().min(1), z.string().min(1)]),
    human_choices: z.array(z.string().min(1)).min(1),
    greeting_choices: z.array(z.string().min(1)).min(1),
    withdraw_reasons: z.array(z.string().min(1)).min(1),
    /** How each slot is named in a restatement. */
    slot_labels: z.record(SlotName, z.string().min(1)),
    status_labels: z.record(TicketStatus, z.string().min(1)),
    /** How each demand code of the understanding layer (DESIGN §3) is read back. */
    demand_labels: z.record(Demand, z.string().min(1)),
    /** Shown in a restatement for an element the customer did not know. */
    unknown_value: z.string().min(1),
    /** What happened, per category, in the restatement's own words (never the customer's). */
    event_labels: z.record(Category, z.string().min(1)),
    /** The same with the customer's product in it; `{product}` is the product as they named it. */
    product_event_labels: z.record(Category, z.string().min(1)),
    /** An amount by its role in a restatement; `{amount}` is the amount in local form. */
    amount_phrases: z.record(AmountRole, z.string().includes('{amount}')),
    /** How the number a complaint is about is named: a phone line, a card's last digits, a reference. */
    account_labels: z.strictObject({
      phone: z.string().min(1),
      tail: z.string().min(1),
      reference: z.string().min(1),
    }),
    /** Quick replies after listening to a vent: keep a record, or not. */
    vent_choices: z.tuple([z.string().min(1), z.string().min(1)]),
  }),
});
export type ScriptFile = z.infer<typeof ScriptFile>;
export type ScriptBook = Readonly<Record<Language, ScriptFile>>;

/** Reads `<dir>/zh.yaml` and `<dir>/en.yaml`. */
export async function loadScriptBook(dir: string): Promise<ConfigResult<ScriptBook>> {
  const files = await Promise.all(
    LANGUAGES.map(async (lang) => {
      const name = `${lang}.yaml`;
      return { name, text: await readFile(join(dir, name), 'utf8').catch(() => undefined) };
    }),
  );
  return scriptBookFromFiles(
    files.flatMap(({ name, text }) => (text === undefined ? [] : [{ name, text }])),
    dir,
  );
}

/** The script book of `zh.yaml` and `en.yaml`; problems name `join(dir, file)` and its line. */
export function scriptBookFromFiles(
  files: readonly ConfigFile[],
  dir = '',
): ConfigResult<ScriptBook> {
  const problems: ConfigProblem[] = [];
  const book: Partial<Record<Language, ScriptFile>> = {};
  for (const lang of LANGUAGES) {
    const name = `${lang}.yaml`;
    const text = files.find((f) => f.name === name)?.text;
    const read =
      text === undefined
        ? ({
            ok: false,
            problems: [{ file: join(dir, name), line: 1, message: 'file is missing' }],
          } as const)
        : parseYaml(join(dir, name), text, ScriptFile);
    if (read.ok) book[lang] = read.value.data;
    else problems.push(...read.problems);
  }
  const { zh, en } = book;
  return zh && en && problems.length === 0
    ? { ok: true, value: { zh, en } }
    : { ok: false, problems };
}
