import { z } from 'zod';
import { HandoffDetail, QueueItem } from '../../../handoff/agent-events.js';
import { Category, type Language } from '../../../domain/taxonomy.js';
import { TicketStatus } from '../../../domain/ticket.js';
import { CannedResponse } from '../../../handoff/canned-response.js';
import { HandoffState } from '../../../handoff/handoff.js';
import { InboxPage, type InboxSort, type InboxView } from '../../../handoff/inbox.js';
import type { CaseStatus } from '../../../handoff/case-marks.js';
import type { Availability } from '../../../handoff/availability.js';
import {
  MyAvailability,
  SupervisedCase,
  TeamReply,
  type MyAvailability as MyAvailabilityReply,
} from '../../../handoff/team.js';
import { FAILURES, type Failure } from '../i18n/dictionary.js';

/** A refused or failed call, with the reason the console words in the agent's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly failure: Failure,
  ) {
    super(failure);
  }
}

const isFailure = (code: unknown): code is Failure =>
  typeof code === 'string' && (FAILURES as readonly string[]).includes(code);

const ErrorReply = z.object({ error: z.string(), reason: z.string() }).partial();

/** The reason of a refusal: the API's own code where it gives one, else what the status means. */
async function failure(response: Response, isLogin: boolean): Promise<ApiError> {
  const body = ErrorReply.safeParse(await response.json().catch(() => ({})));
  const code = body.success ? (body.data.reason ?? body.data.error) : undefined;
  const { status } = response;
  const reason: Failure = isFailure(code)
    ? code
    : status === 401
      ? isLogin
        ? 'bad_login'
        : 'unauthorized'
      : status === 429
        ? 'too_many_logins'
        : status === 400
          ? 'invalid'
          : 'unknown';
  return new ApiError(status, reason);
}

async function request(path: string, init: RequestInit, isLogin = false): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`/api/agent${path}`, init);
  } catch {
    throw new ApiError(0, 'network');
  }
  if (!response.ok) throw await failure(response, isLogin);
  return response.json();
}

const Agent = z.object({ username: z.string(), role: z.string() });
const LoginReply = z.object({ token: z.string(), agent: Agent });
const MeReply = z.object({
  agent: Agent,
  assigned: z.array(z.object({ id: z.string(), ticketId: z.string() })),
});
const QueueReply = z.object({ items: z.array(QueueItem) });
const CannedReply = z.object({ items: z.array(CannedResponse) });
const SupervisedReply = z.object({ items: z.array(SupervisedCase) });
/** What every case action answers: the case's new state. */
const ActionReply = z.object({
  id: z.string(),
  ticketId: z.string(),
  state: HandoffState,
  agent: z.string().optional(),
  group: z.string().optional(),
});
export type ActionReply = z.infer<typeof ActionReply>;
/** A label or status change answers the case's marks as well. */
const MarkReply = ActionReply.extend({
  labels: z.array(z.string()),
  waiting: z.literal('customer').optional(),
});
export type MarkReply = z.infer<typeof MarkReply>;
export type InboxRequest = { view: InboxView; sort: InboxSort; label?: string; cursor?: string };
/** A ticket of a search or a customer's history (records/ticket-search.ts), phone masked. */
const TicketRow = z.object({
  id: z.string(),
  status: TicketStatus,
  category: Category,
  channel: z.string(),
  conversationId: z.string(),
  phone: z.string().optional(),
  event: z.string().optional(),
  createdAt: z.string(),
});
export type TicketRow = z.infer<typeof TicketRow>;
const SearchReply = z.object({ items: z.array(TicketRow) });
const CustomerHistory = z.object({
  tickets: z.array(TicketRow),
  conversations: z.array(
    z.object({
      conversationId: z.string(),
      channels: z.array(z.string()),
      messages: z.number(),
      lastAt: z.string().optional(),
    }),
  ),
});
export type CustomerHistory = z.infer<typeof CustomerHistory>;
export type Me = z.infer<typeof MeReply>;

export async function login(
  username: string,
  password: string,
): Promise<z.infer<typeof LoginReply>> {
  const body = await request(
    '/login',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    },
    true,
  );
  return LoginReply.parse(body);
}

/** The agent API (DESIGN §6) with the bearer token; every answer is parsed before it is used. */
export class ConsoleApi {
  constructor(private readonly token: string) {}

  async me(): Promise<Me> {
    return MeReply.parse(await this.call('GET', '/me'));
  }
  async queue(): Promise<QueueItem[]> {
    return QueueReply.parse(await this.call('GET', '/queue')).items;
  }
  /** Every enabled agent with availability and load, and the groups (transfer picker, supervisors). */
  async team(): Promise<TeamReply> {
    return TeamReply.parse(await this.call('GET', '/team'));
  }
  async myAvailability(): Promise<MyAvailabilityReply> {
    return MyAvailability.parse(await this.call('GET', '/me/availability'));
  }
  /** 409 (`unknown` failure) while this console's socket has not connected yet. */
  async setAvailability(availability: Availability): Promise<void> {
    await this.call('PUT', '/me/availability', { availability });
  }
  /** Everyone's assigned cases; 403 for anyone but an admin. */
  async supervisedCases(): Promise<SupervisedCase[]> {
    return SupervisedReply.parse(await this.call('GET', '/supervisor/cases')).items;
  }
  reassign(id: string, to: string): Promise<ActionReply> {
    return this.action(id, 'reassign', { to });
  }
  async canned(lang: Language): Promise<CannedResponse[]> {
    return CannedReply.parse(await this.call('GET', `/canned-responses?lang=${lang}`)).items;
  }
  /** Tickets by number or phone; a term that is neither is `bad_query`. */
  async search(q: string): Promise<TicketRow[]> {
    try {
      return SearchReply.parse(await this.call('GET', `/search?${new URLSearchParams({ q })}`))
        .items;
    } catch (error) {
      if (error instanceof ApiError && error.failure === 'invalid')
        throw new ApiError(400, 'bad_query');
      throw error;
    }
  }
  /** One customer's records across channels; undefined without a system of record (RECORDS=none). */
  async customer(
    ref: { phone: string } | { conversationId: string },
  ): Promise<CustomerHistory | undefined> {
    try {
      return CustomerHistory.parse(
        await this.call('GET', `/customers?${new URLSearchParams(ref)}`),
      );
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    }
  }
  /** One page of an inbox view, with every view's count. */
  async inbox(request: InboxRequest): Promise<InboxPage> {
    const query = new URLSearchParams({ view: request.view, sort: request.sort });
    if (request.label !== undefined) query.set('label', request.label);
    if (request.cursor !== undefined) query.set('cursor', request.cursor);
    return InboxPage.parse(await this.call('GET', `/inbox?${query}`));
  }
  async labels(
    id: string,
    change: { add?: readonly string[]; remove?: readonly string[] },
  ): Promise<MarkReply> {
    return MarkReply.parse(await this.call('POST', `${this.of(id)}/labels`, change));
  }
  async status(id: string, status: CaseStatus): Promise<MarkReply> {
    return MarkReply.parse(await this.call('POST', `${this.of(id)}/status`, { status }));
  }
  async detail(id: string): Promise<HandoffDetail> {
    return HandoffDetail.parse(await this.call('GET', this.of(id)));
  }
  claim(id: string): Promise<ActionReply> {
    return this.action(id, 'claim', {});
  }
  message(id: string, text: string): Promise<ActionReply> {
    return this.action(id, 'messages', { text });
  }
  note(id: string, text: string): Promise<ActionReply> {
    return this.action(id, 'notes', { text });
  }
  transfer(id: string, to: string): Promise<ActionReply> {
    return this.action(id, 'transfer', { to });
  }
  close(id: string, resolution: string): Promise<ActionReply> {
    return this.action(id, 'close', { resolution });
  }

  private of(id: string): string {
    return `/handoffs/${encodeURIComponent(id)}`;
  }
  private async action(id: string, verb: string, body: unknown): Promise<ActionReply> {
    return ActionReply.parse(await this.call('POST', `${this.of(id)}/${verb}`, body));
  }
  private call(method: string, path: string, body?: unknown): Promise<unknown> {
    return request(path, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
}
