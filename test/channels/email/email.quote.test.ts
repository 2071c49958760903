import { describe, expect, it } from 'vitest';
import { stripQuoted } from '../../../src/channels/email/email.quote.js';

/** Reply layouts as the mail clients customers use write them. */
const CASES: Array<[string, string]> = [
  [
    'Gmail (en)',
    'It is still not fixed.\n\nOn Tue, Dec 1, 2026 at 10:00 AM Support <support@qingting.test> wrote:\n> What happened?',
  ],
  [
    'Gmail (en), header wrapped',
    'It is still not fixed.\n\nOn Tue, Dec 1, 2026 at 10:00 AM Support <support@qingting.test>\nwrote:\n> What happened?',
  ],
  [
    'Apple Mail (zh)',
    'It is still not fixed.\n\n在 2026年12月1日,10:00,倾听客服 <support@qingting.test> 写道:\n\n> 请问发生了什么?',
  ],
  [
    'Gmail (zh)',
    'It is still not fixed.\n\n倾听客服 <support@qingting.test> 于2026年12月1日周二 10:00写道:\n> 请问发生了什么?',
  ],
  [
    'Outlook (en)',
    'It is still not fixed.\n\n-----Original Message-----\nFrom: Support <support@qingting.test>\nSent: Tuesday, December 1, 2026 10:00 AM\nSubject: RE: complaint',
  ],
  [
    'Outlook (zh)',
    'It is still not fixed.\n\n发件人: 倾听客服 <support@qingting.test>\n发送时间: 2026年12月1日 10:00\n收件人: 王先生\n主题: 回复: 投诉',
  ],
  [
    'Outlook separator',
    'It is still not fixed.\n\n________________________________\nFrom: Support <support@qingting.test>\nSent: Tuesday',
  ],
  [
    'QQ mail',
    'It is still not fixed.\n\n------------------ 原始邮件 ------------------\n发件人: "倾听客服"<support@qingting.test>;\n发送时间: 2026年12月1日(星期二) 上午10:00',
  ],
  [
    'QQ mail (en)',
    'It is still not fixed.\n\n------------------&nbsp;Original&nbsp;------------------'.replace(
      /&nbsp;/g,
      ' ',
    ),
  ],
  ['signature', 'It is still not fixed.\n\n-- \nWang Wei\nACME Ltd.'],
  ['phone footer', 'It is still not fixed.\n\n发自我的iPhone'],
  ['inline > quotes', '> What happened?\nIt is still not fixed.'],
];

describe('quoted text stripping', () => {
  it.each(CASES)('keeps only the customer words: %s', (_client, mail) => {
    expect(stripQuoted(mail)).toBe('It is still not fixed.');
  });

  it('keeps a message that mentions the words without being a quote header', () => {
    const text = 'From: my side, the bill is wrong.\nOn Monday I called and nobody answered.';
    expect(stripQuoted(text)).toBe(text);
  });

  it('keeps the whole text when stripping would leave nothing', () => {
    expect(stripQuoted('> only a quote')).toBe('> only a quote');
  });
});
