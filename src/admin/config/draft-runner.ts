import type { ConfigKind } from '../../config/config-version.js';
import type { ConfigVersions } from '../../config/config-versions.port.js';
import type { Understanding } from '../../understanding/understanding.port.js';
import { loadBody, type KindValues } from './config-kinds.js';
import { runConversationTests, type TestReport } from './conversation-test.js';
import { DraftConversation, type DraftConfig, type DraftTurn } from './draft-bot.js';

/** Bodies that replace a kind's newest version for one run (the editor's unsaved text). */
export type DraftBodies = Partial<Record<ConfigKind, string>>;

/** Why a draft cannot run: a kind with no version, or a body that does not load. */
export class DraftUnusable extends Error {
  override name = 'DraftUnusable';
}

/** Try-it sessions kept at once; the oldest is dropped first. */
const MAX_SESSIONS = 200;

/**
 * Runs the draft: per kind the body given, else the newest version (a draft when there is one,
 * else the live one). Conversation tests and the try-it panel both go through here.
 */
export class DraftRunner {
  private readonly sessions = new Map<string, DraftConversation>();

  constructor(
    private readonly configs: Pick<ConfigVersions, 'list' | 'get'>,
    private readonly understanding: () => Understanding,
  ) {}

  private async value<K extends ConfigKind>(kind: K, drafts: DraftBodies): Promise<KindValues[K]> {
    let body = drafts[kind];
    if (body === undefined) {
      const newest = (await this.configs.list(kind))[0];
      body = newest && (await this.configs.get(kind, newest.version))?.body;
    }
    if (body === undefined) throw new DraftUnusable(`no ${kind} version to run`);
    const loaded = loadBody(kind, body);
    if (!loaded.ok)
      throw new DraftUnusable(
        `${kind} has problems: line ${loaded.problems[0]?.line}: ${loaded.problems[0]?.message}`,
      );
    return loaded.value;
  }

  async config(drafts: DraftBodies = {}): Promise<DraftConfig> {
    return {
      flows: await this.value('flows', drafts),
      scripts: await this.value('scripts', drafts),
      knowledge: await this.value('knowledge', drafts),
    };
  }

  /** The conversation tests (none without a `tests` version) against the draft. */
  async runTests(drafts: DraftBodies = {}): Promise<TestReport> {
    const hasTests = drafts.tests !== undefined || (await this.configs.list('tests')).length > 0;
    const tests = hasTests ? (await this.value('tests', drafts)).tests : [];
    return runConversationTests(tests, await this.config(drafts), this.understanding());
  }

  /** One customer message in a try-it session; a new session id starts on the draft as it is now. */
  async tryTurn(
    sessionId: string,
    text: string,
    drafts: DraftBodies = {},
  ): Promise<DraftTurn & { greeting: string[] }> {
    let session = this.sessions.get(sessionId);
    let greeting: string[] = [];
    if (!session) {
      session = new DraftConversation(await this.config(drafts), this.understanding(), sessionId);
      greeting = (await session.open()).map((r) => r.text);
      this.sessions.set(sessionId, session);
      const oldest = this.sessions.keys().next().value;
      if (this.sessions.size > MAX_SESSIONS && oldest !== undefined) this.sessions.delete(oldest);
    }
    return { greeting, ...(await session.send(text)) };
  }
}
