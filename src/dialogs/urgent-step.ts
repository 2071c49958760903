import type { Language, UrgencyCause } from '../domain/taxonomy.js';
import type { Flow, UrgentStep } from '../flows/flow.schema.js';
import { flowOf, type IntakeTurn } from './intake-turn.js';
import { pick } from './reply-writer.js';

/**
 * The configured first step for an urgent case (及时申报): the wording of the situation the message
 * names (a lift, gas, a card) — looked for in the reading's cause first, then in every cause, since
 * "救命 我被关在电梯里" is a lift whatever the cause read — else the cause's own wording. Returns
 * the cause whose step it is.
 */
export function urgentStepFor(
  flow: Flow,
  cause: UrgencyCause,
  text: string,
  lang: Language,
  seed: number,
): { cause: UrgencyCause; step: string } | undefined {
  const said = text.toLowerCase();
  const steps = Object.entries(flow.urgentSteps) as Array<[UrgencyCause, UrgentStep | undefined]>;
  const order = [...steps.filter(([c]) => c === cause), ...steps.filter(([c]) => c !== cause)];
  for (const [owner, step] of order) {
    const situation = step?.cases.find((c) =>
      c.when[lang].some((w) => said.includes(w.toLowerCase())),
    );
    if (situation) return { cause: owner, step: pick(situation[lang], seed) };
  }
  const own = flow.urgentSteps[cause];
  return own ? { cause, step: pick(own[lang], seed) } : undefined;
}

/**
 * A cause raised while an urgent case waits for a person: the reading's own urgency, or the signs
 * of a cause not yet answered ("她有高血压" while trapped in a lift is now also a health case).
 */
export function escalatedCause(turn: IntakeTurn): UrgencyCause | undefined {
  const { urgentCauses, lang } = turn.memory;
  const read = turn.analysis.urgency;
  if (read?.urgent && read.cause && !urgentCauses.includes(read.cause)) return read.cause;
  if (urgentCauses.length === 0) return undefined;
  const said = turn.text.toLowerCase();
  const steps = Object.entries(flowOf(turn).urgentSteps) as Array<
    [UrgencyCause, UrgentStep | undefined]
  >;
  return steps.find(
    ([cause, step]) =>
      !urgentCauses.includes(cause) &&
      step?.signs?.[lang].some((w) => said.includes(w.toLowerCase())),
  )?.[0];
}

/** Sends the case's first step (family reassure_anxiety) and remembers the cause as answered. */
export async function giveUrgentStep(turn: IntakeTurn, cause: UrgencyCause): Promise<boolean> {
  const { memory } = turn;
  const found = urgentStepFor(flowOf(turn), cause, turn.text, memory.lang, memory.turn);
  // The cause whose step was given is answered; the cause read stays open to its own signs.
  memory.urgentCauses = [...new Set([...memory.urgentCauses, found?.cause ?? cause])];
  if (!found) return false;
  await turn.say.send(found.step, { act: 'inform', family: 'reassure_anxiety' });
  return true;
}
