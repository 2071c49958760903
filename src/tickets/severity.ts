import type { Severity } from '../domain/ticket.js';
import type { Category, Emotion, Nature, RiskFlag } from '../domain/taxonomy.js';

const P1_FLAGS: readonly RiskFlag[] = [
  'safety',
  'regulator_threat',
  'media_threat',
  'legal_threat',
];
const P2_FLAGS: readonly RiskFlag[] = [
  'compensation_demand',
  'repeat_complaint',
  'abusive_language',
];
const P2_CATEGORIES: readonly Category[] = ['privacy_security', 'unauthorized_service', 'billing'];

export interface SeverityInput {
  category: Category;
  nature: Nature;
  flags: readonly RiskFlag[];
  emotion: Emotion;
  intensity: number;
}

/**
 * P1–P4 from category, flags and emotion: emergencies and sensitive threats are reported at once
 * (及时申报), money, privacy, repeat or furious cases next, other effective complaints, then the rest.
 */
export function severityOf(input: SeverityInput): Severity {
  if (input.category === 'emergency' || input.flags.some((f) => P1_FLAGS.includes(f))) return 'P1';
  const furious = input.emotion === 'angry' && input.intensity >= 0.8;
  if (furious || input.flags.some((f) => P2_FLAGS.includes(f))) return 'P2';
  if (input.nature === 'effective' && P2_CATEGORIES.includes(input.category)) return 'P2';
  return input.nature === 'effective' ? 'P3' : 'P4';
}
