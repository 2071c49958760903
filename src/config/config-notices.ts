import type { RedisClient } from '../storage/redis-client.js';
import { ConfigKind, type PublishOutcome } from './config-version.js';
import type { ConfigVersions } from './config-versions.port.js';

/** "This kind has a new live version": what makes every instance apply a publish at once. */
export interface ConfigNotices {
  notify(kind: ConfigKind): Promise<void>;
  /** Calls `listener` on every notice, this instance's own included; returns the unsubscribe. */
  subscribe(listener: (kind: ConfigKind) => void): () => void;
  close(): Promise<void>;
}

/** Notices inside one process (an embedded single instance). */
export class LocalConfigNotices implements ConfigNotices {
  private readonly listeners = new Set<(kind: ConfigKind) => void>();

  notify(kind: ConfigKind): Promise<void> {
    for (const listener of this.listeners) listener(kind);
    return Promise.resolve();
  }

  subscribe(listener: (kind: ConfigKind) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  close(): Promise<void> {
    this.listeners.clear();
    return Promise.resolve();
  }
}

/** Notices to every instance on one Redis (pub/sub on `<prefix>config:published`). */
export class RedisConfigNotices implements ConfigNotices {
  private readonly local = new LocalConfigNotices();
  private readonly channel: string;

  private constructor(
    private readonly publisher: RedisClient,
    private readonly subscriber: RedisClient,
    prefix: string,
  ) {
    this.channel = `${prefix}config:published`;
  }

  /** `subscriber` is a connected client of its own (subscribing takes the connection). */
  static async open(
    publisher: RedisClient,
    subscriber: RedisClient,
    prefix: string,
  ): Promise<RedisConfigNotices> {
    const notices = new RedisConfigNotices(publisher, subscriber, prefix);
    await subscriber.subscribe(notices.channel, (message) => {
      const kind = ConfigKind.safeParse(message);
      if (kind.success) void notices.local.notify(kind.data);
    });
    return notices;
  }

  async notify(kind: ConfigKind): Promise<void> {
    await this.publisher.publish(this.channel, kind);
  }

  subscribe(listener: (kind: ConfigKind) => void): () => void {
    return this.local.subscribe(listener);
  }

  async close(): Promise<void> {
    await this.local.close();
    if (this.subscriber.isOpen) await this.subscriber.close();
  }
}

/** The same versions, with a notice after each publish or rollback that made a version live. */
export function notifyingConfigVersions(
  configs: ConfigVersions,
  notices: Pick<ConfigNotices, 'notify'>,
  onError: (error: unknown) => void,
): ConfigVersions {
  const told = async (kind: ConfigKind, outcome: PublishOutcome): Promise<PublishOutcome> => {
    // Polling still applies the version within a second if the notice is lost.
    if (outcome.ok) await notices.notify(kind).catch(onError);
    return outcome;
  };
  return {
    saveDraft: (kind, body, author) => configs.saveDraft(kind, body, author),
    get: (kind, version) => configs.get(kind, version),
    live: (kind) => configs.live(kind),
    list: (kind) => configs.list(kind),
    publish: async (kind, version, actor) =>
      told(kind, await configs.publish(kind, version, actor)),
    rollback: async (kind, actor) => told(kind, await configs.rollback(kind, actor)),
  };
}
