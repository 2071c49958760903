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
  ) {
    super(message);
  }
}

const LoginReply = z.object({
  token: z.string(),
  agent: z.object({ username: z.string(), role: z.string() }),
});
const ErrorReply = z.object({ error: z.string() }).partial();

async function failure(response: Response): Promise<ApiError> {
  const body = ErrorReply.safeParse(await response.json().catch(() => ({})));
  return new ApiError(
    response.status,
    (body.success && body.data.error) || String(response.status),
  );
}

/** The agent login (admins log in the same way); the role decides what the dashboard may show. */
export async function login(
  username: string,
  password: string,
): Promise<z.infer<typeof LoginReply>> {
  const response = await fetch('/api/agent/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw await failure(response);
  return LoginReply.parse(await response.json());
}

/** The filter as URL parameters: only the four the API takes, and only those set. */
function query(filter: Partial<AnalyticsFilter>, extra: Record<string, string> = {}): string {
  const { from, to, channel, category } = filter;
  const entries = Object.entries({ from, to, channel, category, ...extra }).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
  );
  return new URLSearchParams(entries).toString();
}

/** The analytics API with the admin's bearer token. */
export class AnalyticsApi {
  constructor(private readonly token: string) {}

  async report(filter: Partial<AnalyticsFilter>): Promise<AnalyticsReport> {
    return AnalyticsReport.parse(
      await this.get(`/api/admin/analytics?${query(filter)}`).then((r) => r.json()),
    );
  }

  /** Downloads one table as CSV (a fetch, since the token travels in a header, not the URL). */
  async downloadCsv(filter: AnalyticsFilter, table: AnalyticsTable): Promise<void> {
    const response = await this.get(`/api/admin/analytics.csv?${query(filter, { table })}`);
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = `${table}-${filter.from}-${filter.to}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  private async get(path: string): Promise<Response> {
    const response = await fetch(path, { headers: { authorization: `Bearer ${this.token}` } });
    if (!response.ok) throw await failure(response);
    return response;
  }
}
