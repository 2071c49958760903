import type { SlotExtractor, SlotHit } from './slot-types.js';

/** A labelled number: 订单号 / 单号 / 保单号 / 账号 / 预订号 / order number / booking QX9901 / policy no. followed by the id. */
const LABELLED = new RegExp(
  [
    '(卡号尾号|手机尾号|尾号|末四位|后四位|订单号|订单编号|订单|运单号|快递单号|物流单号|单号|保单号|保单|合同号|工单号|账号|帐号|账户|帐户|户号|卡号|会员号|客户号|宽带账号|证件号|流水号|交易号|预订号|预定号|订票号|预约号|确认号|取票号',
    '|order\\s*(?:number|no\\.?|id|#)|order|(?:booking|reservation|confirmation)\\s*(?:reference|ref\\.?|number|no\\.?|code|id)?|policy\\s*(?:number|no\\.?)|policy|account\\s*(?:number|no\\.?|id)|account|(?:complaint\\s+)?reference(?:\\s*(?:number|no\\.?))?|ref\\.?|tracking\\s*(?:number|no\\.?)|case(?:\\s*(?:number|no\\.?))?|ticket(?:\\s*(?:number|no\\.?))?|invoice\\s*(?:number|no\\.?)|membership\\s*(?:number|no\\.?)|card\\s*number|card\\s*ending(?:\\s*in)?|ending\\s*in)',
    '\\s*(?:是|为|:|：|#|no\\.?|number|is)?\\s*(?:是|为|:|#)?\\s*',
    '(\\d{4}(?: \\d{4}){2,3}(?: \\d{1,4})?|[A-Za-z]{0,6}[-_]?\\d[A-Za-z0-9-]{3,29})(?![A-Za-z0-9])',
  ].join(''),
  'giu',
);
/** An unlabelled id mixing letters and digits, e.g. JD2023110300123, SF1234567890, PAB-2024-000981. */
const MIXED =
  /(?<![A-Za-z0-9])([A-Za-z]{1,6}[-_]?\d{6,}[A-Za-z0-9-]*|\d{6,}[A-Za-z]{1,4}\d*)(?![A-Za-z0-9])/g;

/** A bank card number said bare: 15–19 digits are no phone and no amount ("我是6222…这张卡的持卡人"). */
const CARD = /(?<![\dA-Za-z+])(?:62|4|5)\d{14,18}(?![\dA-Za-z])/g;

/** Account, order and policy numbers; the label makes it certain, a bare mixed id is likely. */
export const extractAccount: SlotExtractor = ({ text }) => {
  const hits: SlotHit[] = [];
  for (const m of text.matchAll(LABELLED)) {
    // "6217 0012 3456 7890": a card number in groups of four is one id.
    const id = (m[2] ?? '').replace(/-+$/, '').replace(/ /g, '');
    // "order 3 days ago": a label followed by a small number is not an id.
    if (id.replace(/\D/g, '').length < 4) continue;
    hits.push({
      slot: 'account',
      value: id.toUpperCase(),
      raw: m[0].trim(),
      confidence: 0.95,
      index: m.index,
    });
  }
  for (const m of text.matchAll(MIXED)) {
    const id = m[1] ?? '';
    if (hits.some((h) => h.value === id.toUpperCase())) continue;
    hits.push({
      slot: 'account',
      value: id.toUpperCase(),
      raw: id,
      confidence: 0.7,
      index: m.index,
    });
  }
  for (const m of text.matchAll(CARD)) {
    if (hits.some((h) => h.value === m[0])) continue;
    hits.push({ slot: 'account', value: m[0], raw: m[0], confidence: 0.75, index: m.index });
  }
  return hits.sort((a, b) => a.index - b.index);
};
