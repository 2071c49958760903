import { useCallback, useEffect, useState } from 'preact/hooks';
import { SystemView } from '../../../admin/system-view.js';
import { messageOf } from './form.js';
import type { PageProps } from './page.js';

function Status(props: { ok: boolean; labels: PageProps['labels'] }) {
  const t = props.labels.text.system;
  return <span class={props.ok ? 'pill on' : 'pill off'}>{props.ok ? t.ok : t.failing}</span>;
}

/** The system view: channels, dependencies, live instances and the handoff queue. */
export function SystemPage(props: PageProps) {
  const { labels, api } = props;
  const t = labels.text.system;
  const [view, setView] = useState<SystemView>();
  const [error, setError] = useState<string>();
  const load = useCallback(() => {
    api.json(SystemView, '/api/admin/system').then(
      (value) => {
        setView(value);
        setError(undefined);
      },
      (failure: unknown) => setError(messageOf(failure)),
    );
  }, [api]);
  useEffect(load, [load]);
  const time = new Intl.DateTimeFormat(props.lang === 'zh' ? 'zh-CN' : 'en', {
    dateStyle: 'short',
    timeStyle: 'medium',
  });
  return (
    <div class="page system">
      <div class="toolbar">
        <button type="button" onClick={load}>
          {t.refresh}
        </button>
      </div>
      {error === undefined ? null : (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {view === undefined ? (
        <p class="loading">{labels.text.loading}</p>
      ) : (
        <div class="grid">
          <section class="card" data-section="channels">
            <h2>{t.channels}</h2>
            <dl class="figures">
              {view.channels.map((channel) => (
                <div data-channel={channel.id}>
                  <dt>{labels.channel(channel.id)}</dt>
                  <dd>
                    <Status ok={channel.ok} labels={labels} />
                  </dd>
                </div>
              ))}
            </dl>
          </section>
          <section class="card" data-section="dependencies">
            <h2>{t.dependencies}</h2>
            <dl class="figures">
              {view.dependencies.map((dependency) => (
                <div>
                  <dt>{t.dependencyNames[dependency.name] ?? dependency.name}</dt>
                  <dd>
                    <Status ok={dependency.ok} labels={labels} />
                  </dd>
                </div>
              ))}
            </dl>
          </section>
          <section class="card" data-section="queue">
            <h2>{t.queue}</h2>
            <dl class="figures">
              <div>
                <dt>{t.queued}</dt>
                <dd data-figure="queued">{view.queue.queued}</dd>
              </div>
              <div>
                <dt>{t.longestWait}</dt>
                <dd>{labels.duration(view.queue.longestWaitSeconds)}</dd>
              </div>
            </dl>
          </section>
          <section class="card wide" data-section="instances">
            <h2>{t.instances}</h2>
            <div class="scroll">
              <table>
                <thead>
                  <tr>
                    <th>{t.id}</th>
                    <th>{t.version}</th>
                    <th>{t.mode}</th>
                    <th>{t.startedAt}</th>
                    <th>{t.seenAt}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.instances.map((instance) => (
                    <tr data-instance={instance.id}>
                      <td>
                        <code>{instance.id}</code>
                      </td>
                      <td>{instance.version}</td>
                      <td>{instance.mode}</td>
                      <td>{time.format(new Date(instance.startedAt))}</td>
                      <td>{time.format(new Date(instance.seenAt))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </div>
      )}
    </div>
  );
}
