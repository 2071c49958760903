import { ConfigBody, ConfigKind, ConfigVersion, type PublishOutcome } from './config-version.js';
import type { ConfigVersions } from './config-versions.port.js';

/** Configuration versions in process memory (RECORDS=none and tests); copies in and out. */
export class MemoryConfigVersions implements ConfigVersions {
  private readonly versions = new Map<ConfigKind, ConfigVersion[]>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  async saveDraft(kind: ConfigKind, body: string, author: string): Promise<ConfigVersion> {
    await Promise.resolve();
    const line = this.line(ConfigKind.parse(kind));
    const draft = ConfigVersion.parse({
      kind,
      version: line.length + 1,
      author,
      body: ConfigBody.parse(body),
      status: 'draft',
      createdAt: this.now().toISOString(),
    });
    line.push(draft);
    return structuredClone(draft);
  }

  get(kind: ConfigKind, version: number): Promise<ConfigVersion | undefined> {
    return Promise.resolve(copy(this.line(kind).find((v) => v.version === version)));
  }

  live(kind: ConfigKind): Promise<ConfigVersion | undefined> {
    return Promise.resolve(copy(this.line(kind).find((v) => v.status === 'live')));
  }

  list(kind: ConfigKind): Promise<ConfigVersion[]> {
    return Promise.resolve(
      this.line(kind)
        .map((v) => structuredClone(v))
        .reverse(),
    );
  }

  publish(kind: ConfigKind, version: number, actor: string): Promise<PublishOutcome> {
    const line = this.line(kind);
    const index = line.findIndex((v) => v.version === version);
    const target = line[index];
    if (target === undefined) return Promise.resolve({ ok: false, reason: 'not_found' });
    if (target.status === 'live') return Promise.resolve({ ok: false, reason: 'already_live' });
    const current = line.findIndex((v) => v.status === 'live');
    const retired = line[current];
    if (retired !== undefined) line[current] = { ...retired, status: 'retired' };
    const live: ConfigVersion = {
      ...target,
      status: 'live',
      publishedBy: actor,
      publishedAt: this.now().toISOString(),
    };
    line[index] = live;
    return Promise.resolve({
      ok: true,
      live: structuredClone(live),
      ...(retired === undefined ? {} : { retired: retired.version }),
    });
  }

  rollback(kind: ConfigKind, actor: string): Promise<PublishOutcome> {
    const line = this.line(kind);
    const live = line.find((v) => v.status === 'live');
    const previous = line
      .filter((v) => v.status === 'retired' && live !== undefined && v.version < live.version)
      .at(-1);
    if (previous === undefined)
      return Promise.resolve({ ok: false, reason: 'nothing_to_roll_back' });
    return this.publish(kind, previous.version, actor);
  }

  private line(kind: ConfigKind): ConfigVersion[] {
    let line = this.versions.get(kind);
    if (line === undefined) this.versions.set(kind, (line = []));
    return line;
  }
}

function copy(version: ConfigVersion | undefined): ConfigVersion | undefined {
  return version === undefined ? undefined : structuredClone(version);
}
