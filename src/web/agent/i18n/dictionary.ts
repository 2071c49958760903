import type { Sender } from '../../../domain/taxonomy.js';
import type { TicketStatus } from '../../../domain/ticket.js';
import type { LiveField } from '../../../handoff/live-case.js';
import type { EmotionTrend } from '../../../handoff/summary/summary.schema.js';
import type { InboxWords } from './inbox-words.js';

/** Resolutions an agent closes a case with; the close API takes any code, the console offers these. */
export const RESOLUTION_CODES = [
  'resolved',
  'refunded',
  'compensated',
  'explained',
  'escalated',
  'callback_scheduled',
  'unresolved',
] as const;
export type ResolutionCode = (typeof RESOLUTION_CODES)[number];

/** Why an action failed, as the console tells the agent; API reasons plus the browser's own. */
export const FAILURES = [
  'not_found',
  'taken',
  'closed',
  'not_assigned',
  'not_owner',
  'unknown_target',
  'reply_window_closed',
  'channel_unavailable',
  'bad_login',
  'too_many_logins',
  'unauthorized',
  'invalid',
  'bad_query',
  'network',
  'unknown',
] as const;
export type Failure = (typeof FAILURES)[number];

/** How urgent a case is, from its priority (minutes of waiting, see handoff/priority.ts). */
export const URGENCIES = ['urgent', 'high', 'medium', 'normal'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Every word the agent console shows; one dictionary per language, the same keys in each. */
export interface ConsoleDictionary {
  title: string;
  login: { username: string; password: string; submit: string; failed: string };
  logout: string;
  queue: string;
  empty: string;
  claim: string;
  conversations: string;
  noConversation: string;
  summary: string;
  send: string;
  customerTyping: string;
  /** The composer option and the key hint under the reply box. */
  enterSends: string;
  keysEnterSends: string;
  keysCtrlEnterSends: string;
  /** The `/` canned-response list. */
  canned: { heading: string; hint: string; none: string };
  /** The customer panel: contact, channel, earlier tickets and conversations (system of record). */
  customer: {
    heading: string;
    channel: string;
    contact: string;
    earlierTickets: string;
    conversations: string;
    noHistory: string;
    unavailable: string;
    /** `{count}` messages on `{channels}`. */
    conversationLine: string;
  };
  /** Ticket search by number or phone. */
  search: { label: string; submit: string; none: string; results: string };
  ticketStatus: Record<TicketStatus, string>;
  /** `{name}` in a canned response when the customer gave none. */
  customerFallback: string;
  useReply: string;
  updated: string;
  reply: string;
  notes: string;
  addNote: string;
  transfer: string;
  doTransfer: string;
  transferTo: string;
  typeTarget: string;
  /** `{to}`: who gets the case. */
  confirmTransfer: string;
  transferNote: string;
  confirm: string;
  cancel: string;
  close: string;
  resolution: string;
  /** Message authors in the transcript. */
  from: Record<Sender, string>;
  fields: {
    ticket: string;
    severity: string;
    category: string;
    nature: string;
    emotion: string;
    flags: string;
    demand: string;
    missing: string;
    rule: string;
    said: string;
    steps: string;
    sla: string;
    elements: string;
    customer: string;
    stated: string;
    waiting: string;
    priority: string;
  };
  /** What a live update changed (handoff:updated), named in words. */
  liveFields: Record<LiveField, string>;
  /** `{label}{separator}{value}`: 「情绪：愤怒」, "Emotion: angry". */
  separator: string;
  /** Joins list items: 「、」 or ", ". */
  listSeparator: string;
  none: string;
  /** Emotion strength by intensity: weak below 0.4, strong from 0.7. */
  intensity: { weak: string; medium: string; strong: string };
  /** A time element: the customer's words and the date they mean. */
  elementWithMoment: string;
  /** `{emotion}（{strength}）`, with the trend after it. */
  emotionShown: string;
  trend: Record<EmotionTrend, string>;
  urgency: Record<Urgency, string>;
  /** Explains the priority number: `{minutes}` of waiting it counts as. */
  priorityExplained: string;
  resolutions: Record<ResolutionCode, string>;
  failures: Record<Failure, string>;
  alert: { sla_breach: string; follow_up: string; requeued: string };
  /** Inbox views, labels and case status (`inbox-words.ts`). */
  inbox: InboxWords;
  /** Team work (issue 15 §4): availability, load, the transfer picker's groups, the supervisor view. */
  team: {
    availability: string;
    states: Record<'online' | 'away' | 'busy' | 'offline', string>;
    /** `{state}` after a colleague's name in the transfer picker. */
    stateMark: string;
    /** The header's load: `{load}/{capacity}`, or `{load}` alone with no limit. */
    load: string;
    loadTitle: string;
    noLimit: string;
    /** A group in the transfer picker: `{name}`. */
    groupOption: string;
    openSupervisor: string;
    closeSupervisor: string;
    heading: string;
    members: string;
    cases: string;
    noCases: string;
    agent: string;
    ticket: string;
    waiting: string;
    priority: string;
    reassignTo: string;
    reassign: string;
    refresh: string;
    /** Refusals of the team calls: no console open yet, not a supervisor. */
    failures: { no_console: string; forbidden: string };
  };
}
