import type { SlotVocabulary } from '../understanding-config.js';
import type { SlotExtractor, SlotHit } from './slot-types.js';

/** 工号1024 / 客服编号 A0381 / employee ID 1024 / agent #5521 / badge number 77. */
const STAFF_ID =
  /(工号|员工号|员工编号|客服编号|客服工号|服务编号|坐席号|employee\s*(?:id|number|no\.?|#)|staff\s*(?:id|number|no\.?)|agent\s*(?:id|number|no\.?|#)|badge\s*(?:number|no\.?|#)?|operator\s*(?:id|number))\s*(?:是|为|:|#|is)?\s*([A-Za-z]{0,3}\d{2,10})(?![A-Za-z0-9])/giu;
/** 姓李的客服 / 一个姓王的师傅 */
const SURNAME_ROLE =
  /(?:一个|那个|有个)?姓([\p{Script=Han}])的(客服|工作人员|师傅|经理|店员|营业员|快递员|骑手|员工|主管|销售|业务员|维修工|保安|司机)/gu;
/** 客服小王 */
const ROLE_NICKNAME = /(客服|营业员|店员|销售|业务员|快递员|师傅)(小[\p{Script=Han}])/gu;
/** "an agent called Mike" / "a rep named Sarah" / "the technician, John" */
const EN_NAMED =
  /\b(?:agent|rep|representative|technician|engineer|manager|driver|employee|advisor|adviser|operator|cashier|clerk)\s*(?:called|named|,)\s*([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)/g;

/** Staff and other people involved: ids first (certain), then names with a role. */
export function createStaffExtractor(vocab: SlotVocabulary): SlotExtractor {
  // 张经理 / 王师傅: a known surname before a role word, not inside a longer word.
  const surnameTitle = new RegExp(
    `(?:(?<![\\p{Script=Han}])|(?<=[的个位那这找叫]))([${vocab.surnames}])(经理|师傅|主管|店长|组长|专员|工程师)`,
    'gu',
  );
  return ({ text }) => {
    const hits: SlotHit[] = [];
    const push = (m: RegExpMatchArray, value: string, confidence: number): void => {
      hits.push({ slot: 'people', value, raw: m[0].trim(), confidence, index: m.index ?? 0 });
    };
    for (const m of text.matchAll(STAFF_ID)) push(m, `staff:${(m[2] ?? '').toUpperCase()}`, 0.95);
    for (const m of text.matchAll(SURNAME_ROLE)) push(m, `${m[1] ?? ''}姓${m[2] ?? ''}`, 0.8);
    for (const m of text.matchAll(ROLE_NICKNAME)) push(m, `${m[1] ?? ''}${m[2] ?? ''}`, 0.75);
    for (const m of text.matchAll(surnameTitle)) push(m, `${m[1] ?? ''}${m[2] ?? ''}`, 0.75);
    for (const m of text.matchAll(EN_NAMED)) push(m, m[1] ?? '', 0.75);
    return hits.sort((a, b) => a.index - b.index);
  };
}
