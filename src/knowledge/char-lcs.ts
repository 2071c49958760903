/**
 * Character-level similarity that tolerates substituted words: a paraphrase that swaps one word
 * for another (驾驶执照/驾驶证, 撞死人/致命事故) still keeps the rest of the sentence in order, which
 * the longest common subsequence rewards and bag-of-n-gram scores do not.
 */

/** Letters and digits only, NFKC and lower case: punctuation and spaces do not count as shared. */
export function lcsText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** Reusable row for `lcsDice`, so scoring a candidate allocates nothing once it has grown. */
export interface LcsRow {
  row: Uint16Array;
}

export const lcsRow = (): LcsRow => ({ row: new Uint16Array(64) });

/** 2 × LCS(a, b) / (|a| + |b|) in [0, 1]; both texts as returned by `lcsText`. */
export function lcsDice(a: string, b: string, buffer: LcsRow): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (buffer.row.length <= b.length) buffer.row = new Uint16Array(b.length * 2);
  const row = buffer.row;
  row.fill(0, 0, b.length + 1);
  for (let i = 0; i < a.length; i++) {
    const ca = a.charCodeAt(i);
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = ca === b.charCodeAt(j - 1) ? diagonal + 1 : Math.max(above, row[j - 1] as number);
      diagonal = above;
    }
  }
  return (2 * (row[b.length] as number)) / (a.length + b.length);
}
