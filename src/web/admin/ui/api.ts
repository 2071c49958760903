import { z } from 'zod';
import {
  AnalyticsReport,
  type AnalyticsFilter,
  type AnalyticsTable,
} from '../../../analytics/analytics-report.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The refusal's code when the server gave one (`last_admin`, `tests_failed`…). */
    readonly reason?: string,
  ) {
    super(message);
  }
}

export const LoginReply = z.object({
  token: z.string(),
  agent: z.object({ username: z.string(), role: z.string() }),
});
export type LoginReply = z.infer<typeof LoginReply>;
const ErrorReply = z.object({ error: z.string(), reason: z.string() }).partial();

async function failure(response: Response): Promise<ApiError> {
  const body = ErrorReply.safeParse(await response.json().catch(() => ({})));
  return new ApiError(
    response.status,
    (body.success && body.data.error) || String(response.status),
    body.success ? body.data.reason : undefined,
  );
}

/** A JSON call without a token (the login and the first-run setup). */
export async function postJson<T>(path: string, body: unknown, schema: z.ZodType<T>): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await failure(response);
  return schema.parse(await response.json());
}

/** The agent login (admins log in the same way); the role decides what the console may show. */
export function login(username: string, password: string): Promise<LoginReply> {
  return postJson('/api/agent/login', { username, password }, LoginReply);
}

/**
 * The admin API with the admin's bearer token; every answer is checked by the zod schema the
 * server shares. A 401 (expired, disabled or reset account) calls `onUnauthorized` once per call.
 */
export class AdminApi {
  constructor(
    private readonly token: string,
    private readonly onUnauthorized: () => void = () => undefined,
  ) {}

  async json<T>(
    schema: z.ZodType<T>,
    path: string,
    init: { method?: string; body?: unknown } = {},
  ): Promise<T> {
    const response = await this.fetch(path, init);
    return schema.parse(await response.json());
  }

  /** A call whose answer carries nothing the page needs (204, or a body it ignores). */
  async send(path: string, init: { method: string; body?: unknown }): Promise<void> {
    await this.fetch(path, init);
  }

  async fetch(path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(path, {
      method: init.method ?? 'GET',
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    if (response.status === 401) this.onUnauthorized();
    if (!response.ok) throw await failure(response);
    return response;
  }
}

/** The filter as URL parameters: only the four the API takes, and only those set. */
function query(filter: Partial<AnalyticsFilter>, extra: Record<string, string> = {}): string {
  const { from, to, channel, category } = filter;
  const entries = Object.entries({ from, to, channel, category, ...extra }).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
  );
  return new URLSearchParams(entries).toString();
}

/** The analytics API calls of the dashboard. */
export class AnalyticsApi {
  constructor(private readonly api: AdminApi) {}

  report(filter: Partial<AnalyticsFilter>): Promise<AnalyticsReport> {
    return this.api.json(AnalyticsReport, `/api/admin/analytics?${query(filter)}`);
  }

  /** Downloads one table as CSV (a fetch, since the token travels in a header, not the URL). */
  async downloadCsv(filter: AnalyticsFilter, table: AnalyticsTable): Promise<void> {
    const response = await this.api.fetch(`/api/admin/analytics.csv?${query(filter, { table })}`);
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = `${table}-${filter.from}-${filter.to}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
