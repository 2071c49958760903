import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PiiMasker } from '../../src/llm/pii-masker.js';
import { NAUGHTY_STRINGS } from '../fixtures/naughty-strings.js';

describe('PiiMasker.mask', () => {
  it.each([
    ['手机13812345678打不通', '手机[PHONE_1]打不通'],
    ['电话:+86 138-1234-5678', '电话:[PHONE_1]'],
    ['座机010-62345678', '座机[PHONE_1]'],
    ['call me at (415) 555-0132', 'call me at [PHONE_1]'],
    ['or +44 20 7946 0958', 'or [PHONE_1]'],
    ['身份证号11010519491231002X', '身份证号[ID_1]'],
    ['SSN 123-45-6789', 'SSN [ID_1]'],
    ['卡号 6222 0212 3456 7894 被扣', '卡号 [CARD_1] 被扣'],
    ['card 4111-1111-1111-1111', 'card [CARD_1]'],
    ['mail wang.li+qt@example.co.uk now', 'mail [EMAIL_1] now'],
  ])('masks %s', (input, expected) => {
    expect(new PiiMasker().mask(input)).toBe(expected);
  });

  it.each([
    '订单号A2024110312345已付款',
    '订单号 2024110312345678 还没发货',
    '工号1024的客服',
    '花了1999元',
    '保单号 P88012345',
  ])('leaves order numbers, amounts and staff ids alone: %s', (input) => {
    expect(new PiiMasker().mask(input)).toBe(input);
  });

  it('gives the same value the same placeholder and different values different ones', () => {
    const masker = new PiiMasker();
    expect(masker.mask('13812345678 或 13987654321')).toBe('[PHONE_1] 或 [PHONE_2]');
    expect(masker.mask('还是13812345678')).toBe('还是[PHONE_1]');
    expect(masker.maskedCount).toBe(2);
  });
});

describe('PiiMasker.restore', () => {
  it('puts the originals back in text and in parsed JSON, leaving unknown placeholders', () => {
    const masker = new PiiMasker();
    masker.mask('a@b.io 13812345678');
    expect(masker.restore('[EMAIL_1] / [PHONE_1] / [PHONE_9]')).toBe(
      'a@b.io / 13812345678 / [PHONE_9]',
    );
    expect(
      masker.restoreDeep({ list: ['[PHONE_1]', 3, null], nested: { e: '[EMAIL_1]' } }),
    ).toEqual({ list: ['13812345678', 3, null], nested: { e: 'a@b.io' } });
  });
});

describe('PiiMasker round trip', () => {
  const pii = fc.constantFrom(
    '13812345678',
    '+86 139-8765-4321',
    'li.na@example.cn',
    '11010519491231002X',
    '4111 1111 1111 1111',
  );
  const fragment = fc.oneof(
    pii,
    fc.constantFrom(...NAUGHTY_STRINGS),
    fc.string(),
    fc.constant('订单号2024'),
  );

  it('restores any text exactly, and no masked text keeps a PRC mobile number', () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 8 }), (parts) => {
        const text = parts.join(' ');
        const masker = new PiiMasker();
        const masked = masker.mask(text);
        expect(masker.restore(masked)).toBe(text);
        expect(masked).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
      }),
    );
  });
});
