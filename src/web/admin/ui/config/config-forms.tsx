import { useMemo, useState } from 'preact/hooks';
import type { Dictionary } from '../../i18n/dictionary.js';
import { field } from '../form.js';
import {
  scriptLines,
  thresholdValues,
  THRESHOLD_FORMS,
  withScriptLine,
  withThresholds,
  type ThresholdKind,
} from './form-edits.js';

type Texts = Dictionary['configEditor'];

/** Format examples shown in the fields (values the file holds, the same in every language). */
const EXAMPLES: Readonly<Record<string, string>> = {
  hours: 'mon-fri 09:00-18:00',
  timeZone: 'Asia/Shanghai',
};
type FormProps = { body: string; onBody: (body: string) => void; t: Texts };

/** The common scripts edit: one script's wordings in one language, written into the same body. */
export function ScriptForm({ body, onBody, t }: FormProps) {
  const [lang, setLang] = useState<'zh' | 'en'>('zh');
  const lines = useMemo(() => scriptLines(body, lang), [body, lang]);
  const keys = Object.keys(lines);
  const [picked, setPicked] = useState('');
  const key = keys.includes(picked) ? picked : (keys[0] ?? '');
  const [error, setError] = useState<string>();
  return (
    <form
      class="faq-form"
      data-form="script-line"
      key={`${lang}\n${key}\n${(lines[key] ?? []).join('\n')}`}
      onSubmit={(event) => {
        event.preventDefault();
        const wordings = field(new FormData(event.currentTarget), 'wordings')
          .split('\n')
          .map((w) => w.trim())
          .filter((w) => w !== '');
        if (wordings.length === 0) return setError(t.fieldErrors.required);
        setError(undefined);
        onBody(withScriptLine(body, { lang, key, wordings }));
      }}
    >
      <h3>{t.scriptHeading}</h3>
      <label>
        {t.scriptLang}
        <select
          name="lang"
          value={lang}
          onChange={(e) => setLang(e.currentTarget.value === 'en' ? 'en' : 'zh')}
        >
          <option value="zh">{t.langName.zh}</option>
          <option value="en">{t.langName.en}</option>
        </select>
      </label>
      <label>
        {t.scriptKey}
        <select name="key" value={key} onChange={(e) => setPicked(e.currentTarget.value)}>
          {keys.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.scriptWordings} <small>{t.scriptWordingsHint}</small>
        <textarea
          name="wordings"
          rows={5}
          defaultValue={(lines[key] ?? []).join('\n')}
          aria-invalid={error !== undefined}
        />
      </label>
      {error && (
        <p class="error field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={key === ''}>
        {t.faqApply}
      </button>
    </form>
  );
}

/** Handoff thresholds (rules) or business hours and SLA minutes, as fields with their errors. */
export function ThresholdForm({ body, onBody, t, kind }: FormProps & { kind: ThresholdKind }) {
  const values = useMemo(() => thresholdValues(body, kind), [body, kind]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const labelOf = (name: string): string =>
    name in t.threshold ? t.threshold[name as keyof Texts['threshold']] : t.slaFor(name);
  return (
    <form
      class="faq-form threshold-form"
      data-form="threshold"
      key={JSON.stringify(values)}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const entered = Object.fromEntries(
          THRESHOLD_FORMS[kind].fields.map((f) => [f.name, field(data, f.name)]),
        );
        const result = withThresholds(body, kind, entered, t.fieldErrors);
        if (!result.ok) return setErrors(result.errors);
        setErrors({});
        onBody(result.body);
      }}
    >
      <h3>{t.thresholdHeading}</h3>
      <p class="hint">{t.thresholdHint}</p>
      {THRESHOLD_FORMS[kind].fields.map((f) => (
        <label key={f.name} data-field={f.name}>
          {labelOf(f.name)}
          <input
            name={f.name}
            defaultValue={values[f.name] ?? ''}
            placeholder={EXAMPLES[f.name]}
            inputMode={'number' in f ? 'decimal' : 'text'}
            aria-invalid={errors[f.name] !== undefined}
          />
          {errors[f.name] && (
            <span class="error field-error" role="alert">
              {errors[f.name]}
            </span>
          )}
        </label>
      ))}
      <button type="submit">{t.faqApply}</button>
    </form>
  );
}
