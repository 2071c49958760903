import { Router } from 'express';

/** A dependency `/readyz` checks, e.g. Redis: resolves when reachable, rejects otherwise. */
export type ReadinessCheck = { name: string; check: () => Promise<unknown> };

/** `/healthz`: the process is up. `/readyz`: it can serve (every dependency answers within a second). */
export function healthRoutes(checks: readonly ReadinessCheck[]): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const results = await runChecks(checks);
    const ready = results.every((r) => r.ok);
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'unavailable',
      checks: Object.fromEntries(results.map((r) => [r.name, r.ok ? 'ok' : 'failed'])),
    });
  });
  return router;
}

/** Every check at once, each given a second to answer. */
export function runChecks(
  checks: readonly ReadinessCheck[],
): Promise<Array<{ name: string; ok: boolean }>> {
  return Promise.all(
    checks.map(async ({ name, check }) => ({ name, ok: await withTimeout(check(), 1000) })),
  );
}

async function withTimeout(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
