import { describe, expect, it } from 'vitest';
import { fitsLanguage, uncoveredViolations, unsupportedFacts } from '../../src/llm/grounding.js';

const kinds = (text: string, sources: string[]): string[] =>
  unsupportedFacts(text, sources).map((f) => `${f.kind}:${f.text}`);

describe('unsupportedFacts', () => {
  const zh =
    '退款审核通过后,款项会在3-5个工作日内原路退回。客服热线 400-820-8820,详见 https://example.com/refund 。营业厅张经理,工号 8823。';

  it('accepts facts copied from the sources, however they are spaced or split', () => {
    expect(
      kinds('3到5个工作日到账,热线 4008208820,网址 https://example.com/refund。', [zh]),
    ).toEqual([]);
    expect(kinds('请联系张经理(工号8823)。', [zh])).toEqual([]);
    expect(
      kinds('Q20261125-0001 on 2026-11-24 at 14:30', ['工单 Q20261125-0001,2026年11月24日 14:30']),
    ).toEqual([]);
    expect(kinds('三天内', ['3天'])).toEqual([]);
    expect(kinds('Refunds of 1,000 yuan', ['a refund of 1000 yuan'])).toEqual([]);
  });

  it('flags numbers, phones, URLs, emails and staff names the sources do not state', () => {
    expect(kinds('7个工作日到账', [zh])).toEqual(['number:7']);
    expect(kinds('请拨打 95555', [zh])).toEqual(['number:95555']);
    expect(kinds('详见 https://example.com/refunds', [zh])).toEqual([
      'url:https://example.com/refunds',
    ]);
    expect(kinds('邮件 help@example.com', [zh])).toEqual(['email:help@example.com']);
    expect(kinds('李经理会联系您', [zh])).toEqual(['person:李经理']);
    expect(kinds('Ms. Smith will call you in two days', ['Ms. Jones will call'])).toEqual([
      'number:two days',
      'person:Ms. Smith',
    ]);
    expect(kinds('五十元', ['50元', '四十元'])).toEqual([]);
    expect(kinds('六十元', ['50元'])).toEqual(['number:六十']);
  });

  it('does not count articles and titles without a name as facts', () => {
    expect(kinds('会有一位专员和该客服联系您', ['我们会联系您'])).toEqual([]);
  });
});

describe('uncoveredViolations', () => {
  it('allows a promise the source makes word for word and flags any other', () => {
    const source = '退款会在 3-5个工作日内 原路退回。';
    expect(uncoveredViolations('退款3-5个工作日内原路退回', {}, [source])).toEqual([]);
    expect(uncoveredViolations('我们保证退款', {}, [source])).toEqual([
      { kind: 'guarantee', span: '保证' },
    ]);
    expect(uncoveredViolations('within 48 hours', { deadlineHours: [48] }, [])).toEqual([]);
    expect(uncoveredViolations('within 3 days', { deadlineHours: [48] }, [])).toHaveLength(1);
  });
});

describe('fitsLanguage', () => {
  it('wants Han text for zh, letting URLs and ids through', () => {
    expect(fitsLanguage('请访问 https://example.com/a/very/long/path 查询', 'zh')).toBe(true);
    expect(fitsLanguage('Please check the website', 'zh')).toBe(false);
  });

  it('lets English quote only as much Chinese as its sources', () => {
    expect(fitsLanguage('Noted, 张三.', 'en', ['name: 张三'])).toBe(true);
    expect(fitsLanguage('Noted, 张三.', 'en')).toBe(false);
  });
});
