/**
 * The one rounding of an estimated wait into the minutes a customer reads, shared by the chat
 * message, the handoff status event's consumers (the widget's status bar) and every channel, so the
 * numbers a customer sees never disagree.
 */
export function waitMinutes(etaSeconds: number): number {
  return Math.max(1, Math.ceil(etaSeconds / 60));
}
