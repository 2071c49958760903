import type { Language, UrgencyCause } from '../domain/taxonomy.js';
import type { Flow } from '../flows/flow.schema.js';
import { flowOf, type IntakeTurn } from './intake-turn.js';
import { pick } from './reply-writer.js';

/**
 * The configured first step for an urgent cause (及时申报): the wording of the situation the
 * message names (a lift, gas, a card) when the cause has one, else the cause's own.
 */
export function urgentStepFor(
  flow: Flow,
  cause: UrgencyCause,
  text: string,
  lang: Language,
  seed: number,
): string | undefined {
  const step = flow.urgentSteps[cause];
  if (!step) return undefined;
  const said = text.toLowerCase();
  const situation = step.cases.find((c) =>
    c.when[lang].some((w) => said.includes(w.toLowerCase())),
  );
  return pick(situation ? situation[lang] : step[lang], seed);
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
    [UrgencyCause, Flow['urgentSteps'][UrgencyCause]]
  >;
  return steps.find(
    ([cause, step]) =>
      !urgentCauses.includes(cause) &&
      step?.signs?.[lang].some((w) => said.includes(w.toLowerCase())),
  )?.[0];
}

/** Sends the cause's first step (family reassure_anxiety) and remembers the cause as answered. */
export async function giveUrgentStep(turn: IntakeTurn, cause: UrgencyCause): Promise<boolean> {
  const { memory } = turn;
  const step = urgentStepFor(flowOf(turn), cause, turn.text, memory.lang, memory.turn);
  memory.urgentCauses = [...new Set([...memory.urgentCauses, cause])];
  if (!step) return false;
  await turn.say.send(step, { act: 'inform', family: 'reassure_anxiety' });
  return true;
}
