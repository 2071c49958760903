import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Router } from 'express';
import type { Logger } from 'pino';
import type { RedisClientType } from 'redis';
import { z } from 'zod';
import type { HandoffSubsystem } from '../handoff/create-handoff.js';
import type { AuditLog } from '../records/audit-log.js';
import type { ReadinessCheck } from '../server/health.js';
import { adminAudit } from './admin-audit.js';
import type { InstanceInfo, InstanceRegistry } from './instance.js';
import { MemoryInstanceRegistry } from './memory.instance-registry.js';
import { createPeopleRouter } from './people.router.js';
import { RedisInstanceRegistry } from './redis.instance-registry.js';
import { SetupLink } from './setup-link.js';
import { createSetupRouter } from './setup.router.js';
import { createSystemRouter } from './system.router.js';

/** Instances renew their entry this often and drop out of the list after three missed beats. */
const BEAT_MS = 10_000;
const INSTANCE_TTL_MS = 3 * BEAT_MS;

export interface AdminDeps {
  logger: Logger;
  handoff: HandoffSubsystem;
  /** The system of record's audit log; undefined with RECORDS=none (entries go to the log). */
  auditLog: AuditLog | undefined;
  redis: { client: RedisClientType; prefix: string } | undefined;
  readiness: readonly ReadinessCheck[];
}

export interface Admin {
  routers: Router[];
  /** `/admin/setup?token=…` when no account exists yet (first run); print it with the address. */
  setupPath: string | undefined;
  close(): Promise<void>;
}

function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return z.object({ version: z.string() }).parse(JSON.parse(text)).version;
}

/** The admin API other than configuration: people, first-run setup, the system view. */
export async function createAdmin(deps: AdminDeps): Promise<Admin> {
  const { handoff, redis, logger } = deps;
  const { directory } = handoff;
  const audit = adminAudit(deps.auditLog, logger);
  const link = new SetupLink();
  const setupPath =
    (await directory.list()).length === 0 ? `/admin/setup?token=${link.issue()}` : undefined;

  const instances: InstanceRegistry = redis
    ? new RedisInstanceRegistry(redis.client, redis.prefix, INSTANCE_TTL_MS)
    : new MemoryInstanceRegistry(INSTANCE_TTL_MS);
  const self: InstanceInfo = {
    id: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    version: packageVersion(),
    startedAt: new Date().toISOString(),
    host: hostname(),
    pid: process.pid,
    mode: redis ? 'redis' : 'embedded',
  };
  const beat = () =>
    instances
      .beat(self)
      .catch((error: unknown) => logger.warn({ err: error }, 'instance heartbeat failed'));
  await beat();
  const timer = setInterval(() => void beat(), BEAT_MS);
  timer.unref();

  return {
    routers: [
      createSetupRouter({ directory, tokens: handoff.tokens, link, audit }),
      createPeopleRouter({
        directory,
        auth: handoff.requireAgent,
        audit,
        endSessions: (username) => handoff.endSessions(username),
        requeueCasesOf: (username) => handoff.service.requeueCasesOf(username),
      }),
      createSystemRouter({
        auth: handoff.requireAgent,
        readiness: deps.readiness,
        instances,
        queued: () => handoff.service.queueItems(),
      }),
    ],
    setupPath,
    close: async () => {
      clearInterval(timer);
      await instances.leave(self.id).catch(() => undefined);
    },
  };
}
