/** Half-width marks and their full-width forms, as Chinese text writes them. */
const FULL_WIDTH: Readonly<Record<string, string>> = {
  ',': '，',
  '?': '？',
  '!': '！',
  ':': '：',
  ';': '；',
  '(': '（',
  ')': '）',
};
const HAN = '\\p{Script=Han}\\u3001-\\u303f\\uff01-\\uff5e';
/** A half-width mark touching a Chinese character (or full-width mark) on either side. */
const MIXED = new RegExp(`(?<=[${HAN}])[,?!:;()]|[,?!:;()](?=[${HAN}])`, 'gu');

/**
 * Chinese text with full-width punctuation (issue 11 §1): scripts, knowledge-base answers and
 * generated wording alike. Marks between digits or Latin letters ("15:00", "Q2026-1") stay.
 */
export function fullWidthPunctuation(text: string): string {
  let previous = '';
  let current = text;
  // A run of marks ("元)?") converts from the Chinese side one mark per pass.
  while (current !== previous) {
    previous = current;
    current = current.replace(MIXED, (mark) => FULL_WIDTH[mark] ?? mark);
  }
  return current;
}
