import type { FlowSet, HandoffRules } from './flow.schema.js';

/**
 * The flows with `rules.yaml`'s handoff thresholds laid over every flow's own: what an admin
 * publishes as rules wins over each category's file (and its defaults), field by field.
 */
export function withHandoffRules(flows: FlowSet, rules: Partial<HandoffRules>): FlowSet {
  if (Object.keys(rules).length === 0) return flows;
  return {
    ...flows,
    flowFor: (category) => {
      const flow = flows.flowFor(category);
      return { ...flow, handoff: { ...flow.handoff, ...rules } };
    },
  };
}
