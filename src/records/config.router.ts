import express, { Router, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { validateBody } from '../admin/config/config-kinds.js';
import { DraftRunner, DraftUnusable } from '../admin/config/draft-runner.js';
import { createOfflineUnderstanding } from '../understanding/offline.understanding.js';
import type { Understanding } from '../understanding/understanding.port.js';
import { agentOf } from '../agents/agent-auth.middleware.js';
import { ConfigBody, ConfigKind, type PublishOutcome } from '../config/config-version.js';
import type { ConfigVersions } from '../config/config-versions.port.js';
import { auditEntry } from './audit-entry.js';
import type { AuditLog } from './audit-log.js';
import { invalid, requireAdmin } from './records.router.js';

export interface ConfigRouterDeps {
  configs: ConfigVersions;
  audit: Pick<AuditLog, 'record'>;
  /** Agent authentication (bearer token); answers 401 itself. */
  auth: RequestHandler;
  /** What drafts are tried and tested with; default the offline understanding (made on first use). */
  understanding?: () => Understanding;
}

/** Kinds whose publish first runs the conversation tests against the version to publish. */
const TESTED_KINDS: readonly ConfigKind[] = ['flows', 'scripts', 'knowledge', 'tests'];
const Drafts = z.partialRecord(ConfigKind, ConfigBody);

const Draft = z.object({ body: ConfigBody }).strict();
/** What the editor sends as the admin types: may be empty, still bounded. */
const Candidate = z.object({ body: z.string().max(5_000_000) }).strict();
const Publish = z
  .object({
    version: z.number().int().min(1),
    /** Publish although a conversation test fails (audited with the failing tests). */
    override: z.boolean().optional(),
  })
  .strict();
/** Roll back although a conversation test now fails on the restored version (audited). */
const Rollback = z.object({ override: z.boolean().optional() }).strict();
const RunTests = z.object({ drafts: Drafts.optional() }).strict();
const TryTurn = z
  .object({
    session: z.string().trim().min(1).max(100),
    text: z.string().trim().min(1).max(2000),
    drafts: Drafts.optional(),
  })
  .strict();
const Version = z.coerce.number().int().min(1);

/**
 * DESIGN §10's configuration versions, admin role: `GET /api/admin/config/:kind` (the live version
 * and every version's summary), `PUT` a draft, `POST …/publish` `{ version }`, `POST …/rollback`,
 * `GET …/versions/:version` (one version with its body), `POST …/validate` `{ body }` (the problems,
 * each at its body line), `GET …/export` (the live body as text). A draft with problems is refused
 * (422 with them): nothing invalid becomes a version. `POST /api/admin/config/run-tests`
 * `{ drafts? }` runs the conversation tests against the draft; `POST /api/admin/config/try`
 * `{ session, text, drafts? }` is one turn of the try-it chat (isolated state, test tickets in
 * memory). Publishing flows, scripts, knowledge or tests is refused (409 `tests_failed` with the
 * report) while a test fails on that version, unless `override: true` (audited with the failing
 * tests). Each change is audited before it answers.
 */
export function createConfigRouter(deps: ConfigRouterDeps): Router {
  const { configs } = deps;
  let offline: Understanding | undefined;
  const runner = new DraftRunner(
    configs,
    deps.understanding ?? (() => (offline ??= createOfflineUnderstanding({}))),
  );
  const router = Router();
  router.use('/api/admin/config', deps.auth, requireAdmin, express.json({ limit: '6mb' }));

  router.param('kind', (_req, res, next, value) => {
    if (ConfigKind.safeParse(value).success) return next();
    res
      .status(404)
      .json({ error: `unknown configuration kind; one of ${ConfigKind.options.join(', ')}` });
  });
  const kindOf = (req: express.Request): ConfigKind => ConfigKind.parse(req.params['kind']);
  const audited = async (res: Response, action: string, kind: ConfigKind, detail: object) => {
    await deps.audit.record(
      auditEntry({
        actor: agentOf(res).username,
        action,
        targetKind: 'config',
        targetId: kind,
        detail: { ...detail },
      }),
    );
  };

  router.get('/api/admin/config/:kind', async (req, res) => {
    const kind = kindOf(req);
    const versions = await configs.list(kind);
    res.json({
      kind,
      live: versions.find((v) => v.status === 'live'),
      versions: versions.map(({ body: _body, ...summary }) => summary),
    });
  });

  router.get('/api/admin/config/:kind/versions/:version', async (req, res) => {
    const version = Version.safeParse(req.params['version']);
    const found = version.success ? await configs.get(kindOf(req), version.data) : undefined;
    if (found === undefined) return void res.status(404).json({ error: 'no such version' });
    res.json(found);
  });

  /** A body that cannot run is the admin's to fix: 422 with why. */
  const running = async (res: Response, work: () => Promise<object>): Promise<void> => {
    try {
      res.json(await work());
    } catch (error) {
      if (!(error instanceof DraftUnusable)) throw error;
      res.status(422).json({ error: error.message });
    }
  };

  router.post('/api/admin/config/run-tests', async (req, res) => {
    const run = RunTests.safeParse(req.body);
    if (!run.success) return invalid(res, run.error);
    await running(res, () => runner.runTests(run.data.drafts));
  });

  router.post('/api/admin/config/try', async (req, res) => {
    const turn = TryTurn.safeParse(req.body);
    if (!turn.success) return invalid(res, turn.error);
    const { session, text, drafts } = turn.data;
    await running(res, async () => {
      const done = await runner.tryTurn(`${agentOf(res).username}:${session}`, text, drafts);
      return { ...done, test: true };
    });
  });

  router.post('/api/admin/config/:kind/validate', (req, res) => {
    const candidate = Candidate.safeParse(req.body);
    if (!candidate.success) return invalid(res, candidate.error);
    res.json({ problems: validateBody(kindOf(req), candidate.data.body) });
  });

  router.get('/api/admin/config/:kind/export', async (req, res) => {
    const kind = kindOf(req);
    const live = await configs.live(kind);
    if (live === undefined) return void res.status(404).json({ error: 'no live version' });
    res
      .type('text/plain; charset=utf-8')
      .attachment(`${kind}.v${live.version}.txt`)
      .send(live.body);
  });

  router.put('/api/admin/config/:kind', async (req, res) => {
    const draft = Draft.safeParse(req.body);
    if (!draft.success) return invalid(res, draft.error);
    const kind = kindOf(req);
    const problems = validateBody(kind, draft.data.body);
    if (problems.length > 0)
      return void res.status(422).json({ error: 'the draft has problems', problems });
    const saved = await configs.saveDraft(kind, draft.data.body, agentOf(res).username);
    await audited(res, 'config.draft', kind, { version: saved.version });
    res.status(201).json(saved);
  });

  /**
   * The tests a version would fail if it went live (none for a kind the tests do not cover), or
   * the refusal already sent: 409 `tests_failed` without an override, 422 for an unusable body.
   */
  const gate = async (
    res: Response,
    kind: ConfigKind,
    version: number,
    override: boolean,
  ): Promise<string[] | undefined> => {
    const target = await configs.get(kind, version);
    if (!target || !TESTED_KINDS.includes(kind)) return [];
    let report;
    try {
      report = await runner.runTests({ [kind]: target.body });
    } catch (error) {
      if (!(error instanceof DraftUnusable)) throw error;
      res.status(422).json({ error: error.message });
      return undefined;
    }
    const failing = report.results.filter((r) => !r.passed).map((r) => r.name);
    if (failing.length > 0 && !override) {
      res.status(409).json({ error: 'tests_failed', reason: 'tests_failed', report });
      return undefined;
    }
    return failing;
  };
  const overridden = (failing: readonly string[]) =>
    failing.length > 0 ? { override: true, failing } : {};

  router.post('/api/admin/config/:kind/publish', async (req, res) => {
    const publish = Publish.safeParse(req.body);
    if (!publish.success) return invalid(res, publish.error);
    const kind = kindOf(req);
    const { version, override = false } = publish.data;
    const failing = await gate(res, kind, version, override);
    if (failing === undefined) return;
    const outcome = await configs.publish(kind, version, agentOf(res).username);
    await answer(res, outcome, () =>
      audited(res, 'config.publish', kind, { ...detailOf(outcome), ...overridden(failing) }),
    );
  });

  // A rollback restores a version that was live, but the tests (or the other kinds) may have
  // changed since: it is gated like a publish.
  router.post('/api/admin/config/:kind/rollback', async (req, res) => {
    const rollback = Rollback.safeParse(req.body ?? {});
    if (!rollback.success) return invalid(res, rollback.error);
    const kind = kindOf(req);
    const previous = await rollbackTarget(configs, kind);
    if (previous === undefined)
      return void res
        .status(409)
        .json({ error: 'nothing_to_roll_back', reason: 'nothing_to_roll_back' });
    const failing = await gate(res, kind, previous, rollback.data.override ?? false);
    if (failing === undefined) return;
    const outcome = await configs.publish(kind, previous, agentOf(res).username);
    await answer(res, outcome, () =>
      audited(res, 'config.rollback', kind, { ...detailOf(outcome), ...overridden(failing) }),
    );
  });
  return router;
}

/** What `rollback` would restore: the newest retired version older than the live one. */
async function rollbackTarget(
  configs: ConfigVersions,
  kind: ConfigKind,
): Promise<number | undefined> {
  const versions = await configs.list(kind);
  const live = versions.find((v) => v.status === 'live');
  if (live === undefined) return undefined;
  return versions.find((v) => v.status === 'retired' && v.version < live.version)?.version;
}

function detailOf(outcome: PublishOutcome): object {
  return outcome.ok ? { version: outcome.live.version, retired: outcome.retired ?? null } : {};
}

/** 200 with the live version (audited first); 404 for an unknown version; 409 otherwise. */
async function answer(
  res: Response,
  outcome: PublishOutcome,
  audit: () => Promise<void>,
): Promise<void> {
  if (outcome.ok) {
    await audit();
    res.json(outcome);
  } else
    res
      .status(outcome.reason === 'not_found' ? 404 : 409)
      .json({ error: outcome.reason, reason: outcome.reason });
}
