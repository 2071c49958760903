import type { Analysis } from '../domain/analysis.js';
import type { Category, Language, UrgencyCause } from '../domain/taxonomy.js';

/** A waiting case that got worse: the cause it now raises and what the customer is told at once. */
export type Escalation = {
  cause: UrgencyCause;
  /** The configured first step for the situation ("如有不适请立即拨打120…"). */
  step: string;
  /** That the person taking over knows and the ticket is now top priority. */
  notice: string;
};

/**
 * Reads a message written while a case waits for (or is with) a person for a new urgent cause
 * ("她有高血压" while trapped in a lift). The flows own the wording, so the dialogs implement it.
 */
export interface LiveEscalation {
  raised(message: {
    text: string;
    lang: Language;
    category: Category;
    analysis: Analysis;
    /** Causes the case was already handed over for; they are not raised twice. */
    answered: readonly UrgencyCause[];
    ticketId: string;
  }): Promise<Escalation | undefined>;
}
