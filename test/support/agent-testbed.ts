import { afterEach, beforeEach } from 'vitest';
import {
  agentSocket,
  login,
  startHarness,
  type AgentSocket,
  type Harness,
} from '../handoff/harness.js';

export interface SignedInAgent {
  token: string;
  socket: AgentSocket;
}

export interface AgentTestbed {
  /** This test's handoff harness: a new one before each test, closed after it. */
  readonly h: Harness;
  /** Logs the agent in (or takes the token given) and opens their `/agent` socket (closed after the test). */
  signIn(username: string, token?: string): Promise<SignedInAgent>;
}

/**
 * The handoff harness with agents on the `/agent` socket, for the agent API and socket suites;
 * call it inside a `describe`. After each test every socket it opened is disconnected, then the
 * harness closes.
 */
export function agentTestbed(): AgentTestbed {
  let harness: Harness | undefined;
  const sockets: AgentSocket[] = [];
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await harness?.close();
    harness = undefined;
  });
  const current = (): Harness => {
    if (harness === undefined) throw new Error('agentTestbed used outside a test');
    return harness;
  };
  return {
    get h() {
      return current();
    },
    async signIn(username, token) {
      const { url } = current();
      const session = token ?? (await login(url, username));
      const socket = await agentSocket(url, session);
      sockets.push(socket);
      return { token: session, socket };
    },
  };
}
