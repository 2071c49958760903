import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { CONFIG_KINDS, ConfigKind } from '../../../../config/config-version.js';
import { messageOf } from '../form.js';
import type { PageProps } from '../page.js';
import { BodyDiff } from './body-diff.js';
import { CodeEditor } from './code-editor.js';
import { ApiError } from '../api.js';
import { ConfigApi, type Listing, type Problem, type Report } from './config-api.js';
import { TestReport, TestsCard, TryItCard } from './draft-check.js';
import { FaqForm } from './faq-form.js';
import { ScriptForm, ThresholdForm } from './config-forms.js';

/**
 * `/admin/config/<kind>`: the kind's body in an editor checked as you type, the diff against the
 * live version, save as a draft, publish, and every version with a one-click publish (rollback).
 */
export function ConfigPage({ api, labels, rest, navigate }: PageProps) {
  const t = labels.text.configEditor;
  const kind = ConfigKind.catch('knowledge').parse(rest[0]);
  const config = useMemo(() => new ConfigApi(api), [api]);
  const [listing, setListing] = useState<Listing>();
  /** What the editor is given (a version loaded, a form's edit); typing does not change it. */
  const [loaded, setLoaded] = useState('');
  /** The newest version and its body: the editor's text unchanged from it is saved already. */
  const [newest, setNewest] = useState<{ version: number; body: string }>();
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [notice, setNotice] = useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = useState(false);
  /** The failing report of a refused publish, with the version an override would publish. */
  const [refused, setRefused] = useState<{ version: number; report: Report }>();
  const drafts = () => ({ [kind]: text });

  const refresh = useCallback(async () => {
    const next = await config.list(kind);
    setListing(next);
    return next;
  }, [config, kind]);

  useEffect(() => {
    setListing(undefined);
    setNotice(undefined);
    void (async () => {
      const next = await refresh();
      const first = next.versions[0];
      const body =
        first && first.version !== next.live?.version
          ? (await config.version(kind, first.version)).body
          : (next.live?.body ?? '');
      setNewest(first && { version: first.version, body });
      setLoaded(body);
      setText(body);
    })().catch((error: unknown) => setNotice({ ok: false, text: messageOf(error) }));
  }, [config, kind, refresh]);

  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    setRefused(undefined);
    setNotice(undefined);
    try {
      setNotice({ ok: true, text: await work() });
      await refresh();
    } catch (error) {
      setNotice({ ok: false, text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };
  /** The editor's text as a version: the newest one when unchanged, else a new draft. */
  const saved = async (): Promise<number> => {
    if (newest && text === newest.body) return newest.version;
    const draft = await config.saveDraft(kind, text);
    setNewest({ version: draft.version, body: draft.body });
    return draft.version;
  };
  const live = listing?.live;
  const invalid = problems.length > 0;

  return (
    <section class="config-page">
      <nav class="toggle" aria-label={t.kinds}>
        {CONFIG_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            class={k === kind ? 'active' : ''}
            aria-pressed={k === kind}
            onClick={() => navigate(`/admin/config/${k}`)}
          >
            {t.kind[k]}
          </button>
        ))}
      </nav>
      <p class="live-line">
        {live
          ? t.liveIs(live.version, live.publishedBy ?? live.author, live.publishedAt ?? '')
          : t.noLive}
      </p>
      <div class="config-grid">
        <div class="card editor-card">
          <CodeEditor
            value={loaded}
            onChange={setText}
            validate={(body) => config.validate(kind, body)}
            onProblems={setProblems}
            label={t.editorLabel(t.kind[kind])}
          />
          <ul class="problems" aria-live="polite">
            {problems.map((p, index) => (
              <li key={index} class="error">
                {t.problemAt(p.line, p.file && p.fileLine ? `${p.file}:${p.fileLine}` : '')}{' '}
                {p.message}
              </li>
            ))}
          </ul>
          <div class="actions">
            <button
              type="button"
              disabled={busy || invalid}
              onClick={() => void act(async () => t.savedAs(await saved()))}
            >
              {t.saveDraft}
            </button>
            <button
              type="button"
              class="primary"
              disabled={busy || invalid || text.trim() === ''}
              onClick={() =>
                void act(async () => {
                  const version = await saved();
                  try {
                    return t.published((await config.publish(kind, version)).version);
                  } catch (error) {
                    if (!(error instanceof ApiError) || error.message !== 'tests_failed')
                      throw error;
                    setRefused({ version, report: await config.runTests(drafts()) });
                    throw new Error(t.refused, { cause: error });
                  }
                })
              }
            >
              {t.publish}
            </button>
          </div>
          {notice && <p class={notice.ok ? 'ok' : 'error'}>{notice.text}</p>}
          {refused && (
            <div class="refused">
              <TestReport report={refused.report} t={t} />
              <button
                type="button"
                class="override"
                disabled={busy}
                onClick={() =>
                  void act(async () =>
                    t.published((await config.publish(kind, refused.version, true)).version),
                  )
                }
              >
                {t.override}
              </button>
            </div>
          )}
        </div>
        <div class="side">
          {kind === 'knowledge' && (
            <div class="card">
              <FaqForm body={text} onBody={(body) => setLoaded(body)} t={t} />
            </div>
          )}
          {kind === 'scripts' && (
            <div class="card">
              <ScriptForm body={text} onBody={(body) => setLoaded(body)} t={t} />
            </div>
          )}
          {(kind === 'rules' || kind === 'business_hours') && (
            <div class="card">
              <ThresholdForm kind={kind} body={text} onBody={(body) => setLoaded(body)} t={t} />
            </div>
          )}
          <TestsCard config={config} drafts={drafts} text={text} t={t} />
          <TryItCard key={kind} config={config} drafts={drafts} t={t} />
          <div class="card">
            <h3>{t.diffHeading}</h3>
            <BodyDiff from={live?.body ?? ''} to={text} same={t.noChange} />
          </div>
          <div class="card">
            <h3>{t.versions}</h3>
            <table>
              <thead>
                <tr>
                  <th>#</th>
                  <th>{t.status}</th>
                  <th>{t.author}</th>
                  <th>{t.time}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {listing?.versions.map((v) => (
                  <tr key={v.version}>
                    <td>{v.version}</td>
                    <td>{t.statusName[v.status]}</td>
                    <td>{v.author}</td>
                    <td>{new Date(v.createdAt).toLocaleString(t.locale)}</td>
                    <td>
                      {v.status !== 'live' && (
                        <button
                          type="button"
                          disabled={busy}
                          onClick={() =>
                            void act(async () => {
                              const restored = await config.publish(kind, v.version);
                              setLoaded(restored.body);
                              setText(restored.body);
                              return t.published(restored.version);
                            })
                          }
                        >
                          {v.status === 'draft' ? t.publish : t.restore}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </section>
  );
}
