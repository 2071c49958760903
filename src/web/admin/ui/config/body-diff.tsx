import { diffLines } from 'diff';
import { useMemo } from 'preact/hooks';

/** The draft against the live body, line by line; unchanged runs folded to their count. */
export function BodyDiff({ from, to, same }: { from: string; to: string; same: string }) {
  const parts = useMemo(() => diffLines(from, to), [from, to]);
  if (parts.every((p) => !p.added && !p.removed)) return <p class="empty">{same}</p>;
  return (
    <pre class="diff">
      {parts.map((part, index) => {
        if (!part.added && !part.removed)
          return (
            <span key={index} class="diff-same">
              {`  … ${part.count ?? 0}\n`}
            </span>
          );
        const sign = part.added ? '+' : '-';
        const text = part.value.replace(/\n$/, '').split('\n');
        return (
          <span key={index} class={part.added ? 'diff-add' : 'diff-del'}>
            {text.map((line) => `${sign} ${line}\n`).join('')}
          </span>
        );
      })}
    </pre>
  );
}
