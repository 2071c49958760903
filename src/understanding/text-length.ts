/** Characters (code points) in `s`, as `[...s].length` counts them, without making an array of them. */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i + 1 < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n -= 1;
        i += 1;
      }
    }
  }
  return n;
}

/** How many times a global regex matches in `s` (as `s.match(re)?.length`), without the array of matches. */
export function countMatches(re: RegExp, s: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.test(s)) n += 1;
  return n;
}

const NOT_CORE = /[\s\p{P}\p{S}]/gu;

/** Characters of a message that are neither space, punctuation nor symbol: how much it says. */
export function coreLength(lower: string): number {
  return codePointLength(lower.replace(NOT_CORE, ''));
}
