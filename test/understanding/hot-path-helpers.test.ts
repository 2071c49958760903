import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isZhClauseBreak } from '../../src/understanding/emotion/lexicon-scan.js';
import { codePointLength, coreLength } from '../../src/understanding/text-length.js';

describe('isZhClauseBreak', () => {
  it('is the character class [,，。.!！?？;；~、\\s] on every UTF-16 code unit', () => {
    const re = /[,，。.!！?？;；~、\s]/;
    const differ: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if (isZhClauseBreak(c) !== re.test(String.fromCharCode(c))) differ.push(c);
    }
    expect(differ).toEqual([]);
  });
});

describe('codePointLength and coreLength', () => {
  it('count as [...s].length does, lone surrogates included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom('😡', '\ud83d', '\ude21', '好的!', ' '))),
        (parts) => {
          const s = parts.join('');
          expect(codePointLength(s)).toBe([...s].length);
          expect(coreLength(s)).toBe([...s.replace(/[\s\p{P}\p{S}]/gu, '')].length);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
