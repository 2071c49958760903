import type { SlotValue } from '../../domain/analysis.js';
import type { Language, SlotName } from '../../domain/taxonomy.js';
import { parseChineseNumber } from '../slots/chinese-number.js';

/** Longest message read as a bare value ("7栋2203", "宽带", "王"): anything longer says more than a value. */
const BARE_MAX_CHARS = 30;
const TRIM = /^[\s,，。.!！?？~、:：]+|[\s,，。.!！?？~、:：]+$/gu;
const LEAD = /^(?:就是|是|在|嗯|呃|额|那个|哦|噢|it's|it was|its|at|in|the)\s*/iu;
const QUESTION = /[?？吗呢]$|^(?:what|why|how|when|who|which)\b/iu;
const BARE_AMOUNT =
  /^(?:大概|大约|差不多|约|一共|总共|about|around|roughly)?\s*(?:¥|￥|\$|£|€)?\s*(\d+(?:\.\d{1,2})?|[零〇一二两三四五六七八九十百千万]+)\s*(?:块钱|块|元|多)?$/iu;
const BARE_ACCOUNT = /^[A-Za-z]{0,6}[-_]?\d[A-Za-z0-9-]{3,29}$/;
const ZH_NAME = /^(?:我?姓|我叫|叫)?([\p{Script=Han}]{1,3}?)(先生|女士|小姐)?$/u;
const EN_NAME = /^(?:(?:mr|mrs|ms|miss|dr)\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z'-]+)?$/;
/** Short words that are acts, not names ("好的" is assent, not a Mr 好). */
const NOT_A_NAME = /^(?:好|是|对|嗯|不|没|行|可以|算了|谢|再见|你好|您好|在吗|啥|什么|哪|干嘛)/u;

/** The default currency of a bare number ("67.8") in each language's conversations. */
export type DefaultCurrency = Readonly<Record<Language, string>>;

function format(amount: number, currency: string): string {
  return `${Number.isInteger(amount) ? String(amount) : amount.toFixed(2)} ${currency}`;
}

/**
 * A whole message that is a bare value of the pending slot's type: "67.8" for amount, "A12345"
 * for account, "王" for contact_name, a short phrase for place/product/people/event. Phones and
 * times come only from their extractors, which know their shapes.
 */
export function bareAnswer(
  text: string,
  slot: SlotName,
  lang: Language,
  currency: DefaultCurrency,
): SlotValue | undefined {
  const raw = text.replace(TRIM, '');
  const core = raw.replace(LEAD, '').replace(TRIM, '');
  if (core === '' || [...core].length > BARE_MAX_CHARS) return undefined;
  const value = (v: string, confidence = 0.6): SlotValue => ({ value: v, raw, confidence });
  switch (slot) {
    case 'amount': {
      const m = BARE_AMOUNT.exec(core);
      const n = m === null ? undefined : parseChineseNumber(m[1] ?? '');
      return n === undefined || n <= 0 ? undefined : value(format(n, currency[lang]), 0.7);
    }
    case 'account':
      return BARE_ACCOUNT.test(core) && /\d{4}/.test(core)
        ? value(core.toUpperCase(), 0.7)
        : undefined;
    case 'contact_name': {
      if (NOT_A_NAME.test(core)) return undefined;
      const zh = ZH_NAME.exec(core);
      if (zh !== null) return value(`${zh[1] ?? ''}${zh[2] ?? ''}`);
      return EN_NAME.test(core) ? value(core) : undefined;
    }
    case 'place':
    case 'product':
    case 'people':
    case 'event':
      return QUESTION.test(core) ? undefined : value(core, 0.5);
    default:
      return undefined;
  }
}
