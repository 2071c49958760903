import type { Message } from '../../../domain/message.js';

/** Customer messages not yet seen per open case (seen: its tab is active while the window has focus). */
export type Unread = Readonly<Record<string, number>>;

/** A customer message on a case counts as unread unless the agent is looking at that case now. */
export function afterCustomerMessage(unread: Unread, caseId: string, looking: boolean): Unread {
  if (looking) return unread;
  return { ...unread, [caseId]: (unread[caseId] ?? 0) + 1 };
}

/** The agent looked at the case: nothing on it is unread. */
export function seen(unread: Unread, caseId: string): Unread {
  if (unread[caseId] === undefined) return unread;
  const rest = { ...unread };
  delete rest[caseId];
  return rest;
}

/** What the title counts: unread messages on every case plus the cases waiting in the queue. */
export function attentionCount(unread: Unread, queued: number): number {
  return Object.values(unread).reduce((sum, n) => sum + n, queued);
}

/** `(3) 倾听 · 坐席工作台`, or the bare title when nothing waits. */
export function titleWithCount(title: string, count: number): string {
  return count > 0 ? `(${count}) ${title}` : title;
}

/**
 * Whether the customer has seen an agent message: it was written no later than the newest message
 * they reported read. Undefined for messages that are not the agent's (nothing to show).
 */
export function readByCustomer(
  message: Message,
  readUpTo: string | undefined,
): boolean | undefined {
  if (message.from !== 'agent') return undefined;
  return readUpTo !== undefined && Date.parse(message.at) <= Date.parse(readUpTo);
}
