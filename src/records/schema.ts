import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** A timestamptz column: written as an ISO string or Date, read back as a Date. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A jsonb column: written as JSON text, read back parsed (and zod-checked by the reader). */
type Json = ColumnType<unknown, string, string>;

/** One row per ticket: the full ticket as jsonb plus the columns search and analytics filter on. */
export interface TicketsTable {
  id: string;
  /** Filing order (ids are random). */
  seq: Generated<string>;
  conversation_id: string;
  /** The identity a channel verified (never one the customer typed); finds them across channels. */
  customer_id: string | null;
  channel: string;
  lang: string;
  category: string;
  nature: string;
  severity: string;
  status: string;
  /** Digits only (E.164 without "+"), from the contact_phone or account slot; null when none. */
  phone: string | null;
  handoff_rule: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
  body: Json;
  /** Read-only, generated from `body` for the dashboard (migration 0003). */
  first_emotion: ColumnType<string | null, never, never>;
  /** Distress at the last emotion point minus the first; null with fewer than two points. */
  distress_shift: ColumnType<number | null, never, never>;
  place: ColumnType<string | null, never, never>;
  people: ColumnType<string | null, never, never>;
  /** The first time the ticket was resolved or closed. */
  done_at: ColumnType<Date | null, never, never>;
}

/** Every change to a ticket, with who made it when the caller said so. */
export interface TicketEventsTable {
  id: Generated<string>;
  ticket_id: string;
  at: Timestamp;
  kind: string;
  status: string | null;
  actor: string | null;
  detail: Json;
}

/** The transcript archive: one row per message, in arrival order per conversation. */
export interface TranscriptMessagesTable {
  seq: Generated<string>;
  conversation_id: string;
  message_id: string;
  sender: string;
  text: string;
  at: Timestamp;
  meta: Json | null;
}

/** The latest snapshot of each handoff (claims, transfers, notes, resolution, rating). */
export interface HandoffsTable {
  id: string;
  conversation_id: string;
  ticket_id: string;
  channel: string;
  state: string;
  agent: string | null;
  group_name: string | null;
  rule: string | null;
  enqueued_at: Timestamp;
  assigned_at: Timestamp | null;
  closed_at: Timestamp | null;
  resolution_code: string | null;
  rating: number | null;
  version: number;
  body: Json;
  /** Copies of the ticket's, kept by triggers so the dashboard filters handoffs alone (0003). */
  ticket_created_at: ColumnType<Date | null, never, never>;
  ticket_channel: ColumnType<string | null, never, never>;
  ticket_category: ColumnType<string | null, never, never>;
  ticket_severity: ColumnType<string | null, never, never>;
}

/** What happened to a handoff, one row per change: claim, release, transfer, note, close, survey. */
export interface HandoffEventsTable {
  id: Generated<string>;
  handoff_id: string;
  version: number;
  at: Timestamp;
  kind: string;
  agent: string | null;
  detail: Json;
}

export interface AgentsTable {
  username: string;
  display_name: string | null;
  role: string;
  password_hash: string;
  disabled: Generated<boolean>;
  /** Bumped on password change or disable, so older tokens stop naming a valid account. */
  token_version: Generated<number>;
  capacity: number | null;
  created_at: Timestamp;
}

export interface AgentGroupsTable {
  name: string;
  display_name: string | null;
}

export interface AgentGroupMembersTable {
  group_name: string;
  username: string;
}

export interface CannedResponsesTable {
  id: string;
  lang: string;
  /** What an agent types (`/refund`), unique per language (migration 0002). */
  shortcut: string;
  title: string;
  text: string;
  tags: Json;
  updated_by: string;
  updated_at: Timestamp;
}

/** Versions of an editable configuration (flows, scripts, knowledge…): drafts and the live one. */
export interface ConfigVersionsTable {
  id: Generated<string>;
  kind: string;
  version: number;
  author: string;
  body: string;
  status: string;
  created_at: Timestamp;
  published_by: string | null;
  published_at: Timestamp | null;
}

/** Follow-up (回访) tasks and their outcome. */
export interface FollowUpsTable {
  id: string;
  ticket_id: string;
  handoff_id: string | null;
  due_at: Timestamp;
  status: string;
  agent: string | null;
  outcome: string | null;
  done_at: Timestamp | null;
}

/** Append-only: a trigger refuses UPDATE, and DELETE outside the retention purge. */
export interface AuditLogTable {
  /** Given by the writer, so a write-behind batch replayed after a crash lands once. */
  id: string;
  at: Timestamp;
  actor: string;
  action: string;
  target_kind: string;
  target_id: string;
  detail: Json;
}

/** Facts the analytics read: one row per turn emotion, FAQ answer or miss, rule fired, timing, rating. */
export interface AnalyticsEventsTable {
  /** Given by the producer, so a batch retried after a crash is written once. */
  id: string;
  at: Timestamp;
  kind: string;
  conversation_id: string | null;
  ticket_id: string | null;
  channel: string | null;
  category: string | null;
  emotion: string | null;
  intensity: number | null;
  /** Seconds for timings, 1–5 for ratings; null otherwise. */
  value: number | null;
  /** The rule that fired, the FAQ entry answered, the unanswered question… */
  label: string | null;
  detail: Json | null;
}

export interface RecordsSchema {
  tickets: TicketsTable;
  ticket_events: TicketEventsTable;
  transcript_messages: TranscriptMessagesTable;
  handoffs: HandoffsTable;
  handoff_events: HandoffEventsTable;
  agents: AgentsTable;
  agent_groups: AgentGroupsTable;
  agent_group_members: AgentGroupMembersTable;
  canned_responses: CannedResponsesTable;
  config_versions: ConfigVersionsTable;
  follow_ups: FollowUpsTable;
  audit_log: AuditLogTable;
  analytics_events: AnalyticsEventsTable;
}

export type TicketRow = Selectable<TicketsTable>;
export type NewTicketRow = Insertable<TicketsTable>;
export type NewAnalyticsEventRow = Insertable<AnalyticsEventsTable>;
