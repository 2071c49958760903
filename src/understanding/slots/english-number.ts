/** English number words as customers write amounts: "forty quid", "twenty-five dollars", "a hundred pounds". */

const UNITS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Readonly<Record<string, number>> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALES: Readonly<Record<string, number>> = { hundred: 100, thousand: 1000 };

const WORD = [...Object.keys(TENS), ...Object.keys(UNITS), ...Object.keys(SCALES)]
  .filter((w) => w !== 'a' && w !== 'an')
  .sort((a, b) => b.length - a.length)
  .join('|');

/** A run of English number words (for building patterns): "forty", "a hundred and twenty". */
export const ENGLISH_NUMBER = `(?:(?:an?\\s+)?(?:${WORD})(?:(?:\\s+and\\s+|[\\s-]+)(?:${WORD}))*)(?![a-z])`;

/** Parses a run of English number words; undefined when a word is not a number word. */
export function parseEnglishNumber(input: string): number | undefined {
  const words = input
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((w) => w !== '' && w !== 'and');
  if (words.length === 0) return undefined;
  let total = 0;
  let current = 0;
  for (const w of words) {
    const unit = UNITS[w] ?? TENS[w];
    const scale = SCALES[w];
    if (unit !== undefined) current += unit;
    else if (scale === 100) current = (current || 1) * 100;
    else if (scale !== undefined) {
      total += (current || 1) * scale;
      current = 0;
    } else return undefined;
  }
  return total + current;
}
