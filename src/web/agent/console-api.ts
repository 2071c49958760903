import type { HandoffDetail, QueueItem } from '../../handoff/agent-events.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The agent API (DESIGN §6) from the browser, with the bearer token. */
export class ConsoleApi {
  constructor(private readonly token: () => string | undefined) {}

  static async login(username: string, password: string): Promise<{ token: string }> {
    const response = await fetch('/api/agent/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = (await response.json()) as { token?: string; error?: string };
    if (!response.ok || body.token === undefined)
      throw new ApiError(response.status, body.error ?? String(response.status));
    return { token: body.token };
  }

  me(): Promise<{ agent: { username: string }; assigned: Array<{ id: string }> }> {
    return this.call('GET', '/me');
  }
  async queue(): Promise<QueueItem[]> {
    return (await this.call<{ items: QueueItem[] }>('GET', '/queue')).items;
  }
  detail(id: string): Promise<HandoffDetail> {
    return this.call('GET', `/handoffs/${encodeURIComponent(id)}`);
  }
  claim(id: string): Promise<unknown> {
    return this.call('POST', `/handoffs/${encodeURIComponent(id)}/claim`, {});
  }
  message(id: string, text: string): Promise<unknown> {
    return this.call('POST', `/handoffs/${encodeURIComponent(id)}/messages`, { text });
  }
  note(id: string, text: string): Promise<unknown> {
    return this.call('POST', `/handoffs/${encodeURIComponent(id)}/notes`, { text });
  }
  transfer(id: string, to: string): Promise<unknown> {
    return this.call('POST', `/handoffs/${encodeURIComponent(id)}/transfer`, { to });
  }
  close(id: string, resolution: string): Promise<unknown> {
    return this.call('POST', `/handoffs/${encodeURIComponent(id)}/close`, { resolution });
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`/api/agent${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${this.token() ?? ''}`,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const parsed = (await response.json()) as T & { error?: string; message?: string };
    if (!response.ok)
      throw new ApiError(
        response.status,
        parsed.message ?? parsed.error ?? String(response.status),
      );
    return parsed;
  }
}
