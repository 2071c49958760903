import type { Urgency } from '../../domain/analysis.js';
import type { Category } from '../../domain/taxonomy.js';

/** Categories that already say what an urgent case is about; any other becomes the cause's own. */
const FITS: Readonly<Record<NonNullable<Urgency['cause']>, readonly Category[]>> = {
  fraud_in_progress: ['privacy_security', 'billing', 'refund_claim', 'unauthorized_service'],
  safety: ['emergency'],
  health: ['emergency', 'product_quality'],
  minors: ['emergency'],
  mass_outage: ['network', 'emergency'],
};
const DEFAULT: Readonly<Record<NonNullable<Urgency['cause']>, Category>> = {
  fraud_in_progress: 'privacy_security',
  safety: 'emergency',
  health: 'emergency',
  minors: 'emergency',
  mass_outage: 'emergency',
};

/** An urgent case is filed where it will be handled first: emergency, or privacy/billing for fraud. */
export function urgentCategory(urgency: Urgency, category: Category): Category {
  if (!urgency.urgent || urgency.cause === undefined) return category;
  return FITS[urgency.cause].includes(category) ? category : DEFAULT[urgency.cause];
}
