import { Router, type RequestHandler } from 'express';
import { requireAdmin } from '../records/records.router.js';
import { runChecks, type ReadinessCheck } from '../server/health.js';
import type { InstanceRegistry } from './instance.js';
import type { SystemView } from './system-view.js';

export interface SystemRouterDeps {
  auth: RequestHandler;
  /** The app's readiness checks (`/readyz`): dependencies and `channel:<id>` for each enabled channel. */
  readiness: readonly ReadinessCheck[];
  instances: InstanceRegistry;
  /** Cases waiting in the handoff queue, with their waits in seconds. */
  queued(): Promise<Array<{ waitingSeconds: number }>>;
}

const CHANNEL = 'channel:';

/**
 * `GET /api/admin/system` (admins): which channels are enabled and answer, the other dependencies
 * (Redis, database), the live instances and the handoff queue's depth.
 */
export function createSystemRouter(deps: SystemRouterDeps): Router {
  const router = Router();
  router.get('/api/admin/system', deps.auth, requireAdmin, async (_req, res) => {
    const [checks, instances, queued] = await Promise.all([
      runChecks(deps.readiness),
      deps.instances.live(),
      deps.queued(),
    ]);
    const channels = checks
      .filter(({ name }) => name.startsWith(CHANNEL))
      .map(({ name, ok }) => ({ id: name.slice(CHANNEL.length), ok }));
    const view: SystemView = {
      // The web chat is served by this process itself: up whenever this answers.
      channels: [{ id: 'webchat', ok: true }, ...channels],
      dependencies: checks.filter(({ name }) => !name.startsWith(CHANNEL)),
      instances,
      queue: {
        queued: queued.length,
        longestWaitSeconds: Math.max(0, ...queued.map((item) => item.waitingSeconds)),
      },
    };
    res.json(view);
  });
  return router;
}
