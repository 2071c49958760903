import { useMemo, useState } from 'preact/hooks';
import type { Dictionary } from '../../i18n/dictionary.js';
import { field } from '../form.js';
import { faqLines, withFaqEntry } from './faq-edit.js';

/** The common knowledge edit: one entry's phrasings and answer, written into the same body. */
export function FaqForm({
  body,
  onBody,
  t,
}: {
  body: string;
  onBody: (body: string) => void;
  t: Dictionary['configEditor'];
}) {
  const entries = useMemo(() => faqLines(body), [body]);
  const [id, setId] = useState('');
  const chosen = entries.find((e) => e.entry.id === id)?.entry;
  return (
    <form
      class="faq-form"
      key={`${id}\n${chosen?.answer ?? ''}`}
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const questions = field(form, 'questions')
          .split('\n')
          .map((q) => q.trim())
          .filter((q) => q !== '');
        const entryId = field(form, 'id').trim() || id;
        if (entryId === '' || questions.length === 0) return;
        onBody(
          withFaqEntry(body, { id: entryId, questions, answer: field(form, 'answer').trim() }),
        );
        setId(entryId);
      }}
    >
      <h3>{t.faqHeading}</h3>
      <label>
        {t.faqEntry}
        <select value={id} onChange={(e) => setId(e.currentTarget.value)} name="pick">
          <option value="">{t.faqNew}</option>
          {entries.map(({ entry }) => (
            <option key={entry.id} value={entry.id}>
              {entry.id}
            </option>
          ))}
        </select>
      </label>
      {id === '' && (
        <label>
          {t.faqId}
          <input name="id" required pattern="\S+" />
        </label>
      )}
      <label>
        {t.faqQuestions}
        <textarea
          name="questions"
          rows={4}
          required
          defaultValue={chosen?.questions.join('\n') ?? ''}
        />
      </label>
      <label>
        {t.faqAnswer}
        <textarea name="answer" rows={3} required defaultValue={chosen?.answer ?? ''} />
      </label>
      <button type="submit">{t.faqApply}</button>
    </form>
  );
}
