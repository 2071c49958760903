import type { Storage } from 'botbuilder';
import type { Router } from 'express';
import type { Logger } from 'pino';
import type { Env } from '../../config/env.js';
import type { RedisClient } from '../../storage/redis-client.js';
import type { AccessTokenCache } from './access-tokens.js';
import type { ChannelHost } from './channel-host.js';

/** What a channel folder gets to set itself up with; the same for every channel. */
export interface ChannelSetup {
  env: Readonly<Env>;
  host: ChannelHost;
  /** Mounted on the app before the 404 handler: a channel's webhook routes go here. */
  router: Router;
  /** Platform access tokens, shared by every instance in Redis mode. */
  tokens: AccessTokenCache;
  /** The bot's Storage (Redis in Redis mode), for small durable records such as a sync cursor. */
  storage: Storage;
  redis: { client: RedisClient; prefix: string } | undefined;
  logger: Logger;
}

/** What the start-up log and `/readyz` say about an enabled channel. */
export interface EnabledChannel {
  id: string;
  /** Where the platform reaches us, e.g. `GET/POST /channels/wechat`. */
  endpoint: string;
  /** Resolves while the channel can serve (e.g. a poller is running); default: always. */
  ready?: () => Promise<unknown>;
  /**
   * Stops taking events (pollers, syncs) and waits for the turns in flight; runs at shutdown before
   * the outbound queue closes, so their replies are still queued.
   */
  close?: () => Promise<void>;
}

/**
 * A channel folder's entry point: reads its variables, and when they are set registers its channel
 * with the host, mounts its routes and returns what to report; returns undefined when not configured.
 */
export type ChannelFactory = (setup: ChannelSetup) => Promise<EnabledChannel | undefined>;
