import type { SlotVocabulary } from '../understanding-config.js';
import type { SlotExtractor, SlotHit } from './slot-types.js';

/** 工号1024 / 客服编号 A0381 / employee ID 1024 / agent #5521 / badge number 77. */
const STAFF_ID =
  /(工号|员工号|员工编号|客服编号|客服工号|服务编号|坐席号|employee\s*(?:id|number|no\.?|#)|staff\s*(?:id|number|no\.?)|agent\s*(?:id|number|no\.?|#)|badge\s*(?:number|no\.?|#)?|operator\s*(?:id|number))\s*(?:是|为|:|#|is)?\s*([A-Za-z]{0,3}\d{2,10})(?![A-Za-z0-9])/giu;
/** Staff roles as customers name them, longest first. */
const ZH_ROLES =
  '理赔专员|客户经理|工作人员|维修师傅|安装师傅|维修工|安装工|理赔员|营业员|快递员|业务员|工程师|客服|店员|销售|师傅|骑手|专员|司机|保安|管家|前台|导购|经理|主管|员工';
/** 姓李的客服 / 一个姓王的师傅 */
const SURNAME_ROLE = new RegExp(`(?:一个|那个|有个)?姓([\\p{Script=Han}])的(${ZH_ROLES})`, 'gu');
/** 客服小王 / 理赔专员小陈 */
const ROLE_NICKNAME = new RegExp(`(${ZH_ROLES})([小老][\\p{Script=Han}])`, 'gu');
/** Where a Chinese name given after its role ends: punctuation, or the words that follow a name. */
const NAME_END = '[\\s,，。.!！?？、~]|态度|说|送|帮|给我|服务|同志|人很|挺|特别|非常';
/** A character of a given name: not one of the words that follow a role ("师傅相当好", "客服都不接"). */
const GIVEN_NAME = '[^\\P{Script=Han}当好很太不没都也还就真挺非常说是在的了来去给把被]';
const EN_ROLES =
  'agent|rep|representative|technician|engineer|manager|driver|courier|employee|advisor|adviser|operator|cashier|clerk|assistant|guy|lady|man|woman|fitter|plumber|electrician|installer';
/** "an agent called Mike" / "the technician, John" / "Your rep on the phone, Gary," */
const EN_NAMED = new RegExp(
  `\\b(?:${EN_ROLES})(?:\\s+(?:on|at|in)\\s+the\\s+\\w+)?(?:\\s*(?:called|named|,)\\s*|'s\\s+name\\s+(?:was|is)\\s+)([A-Z][a-z]+(?:\\s[A-Z][a-z]+)?)`,
  'g',
);
/** "the technician Sam", "your driver Sam", "Dave the engineer": a name right next to its role. */
const EN_ROLE_NAME = new RegExp(
  `\\b(?:the|your)\\s+(?:${EN_ROLES})\\s+([A-Z][a-z]+)\\b|\\b([A-Z][a-z]+),?\\s+the\\s+(?:${EN_ROLES})\\b`,
  'g',
);
/** "thank you to Priya", "compliment Ahmed", "Daniel was brilliant", "Luis at the Bondi store". */
const EN_PRAISED = new RegExp(
  [
    `\\b(?:thanks?(?: you)?(?: so much)? to|compliment|commend|praise|shout-?out to)\\s+([A-Z][a-z]+)\\b`,
    `\\b([A-Z][a-z]+)\\s+(?:was|is|has been)\\s+(?:(?:so|really|very|incredibly|extremely|absolutely)\\s+)?(?:brilliant|great|amazing|fantastic|excellent|helpful|lovely|wonderful|superb|rude|unhelpful|awful|dismissive)\\b`,
    `\\b([A-Z][a-z]+)\\s+at\\s+(?:the|your)\\s+(?:[A-Z][\\w'-]*\\s+){1,3}(?:store|branch|shop|office)\\b`,
  ].join('|'),
  'g',
);
/** Capitalised words that are not people: sentence openers, days, months, places of the trade. */
const NOT_A_NAME = new Set(
  'I It Its This That The There Then They He She We You Your My Our His Her Thanks Thank Hi Hello Hey Yes No Ok Okay Sorry Please Also Just And But So Everything Nothing Service Customer Support Today Yesterday Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December Store Branch Street Road Lane Avenue Close Drive Way Court Place Crescent Terrace Gardens Square Grove Mews Row Parade Hill Park'.split(
    ' ',
  ),
);

/** Staff and other people involved: ids first (certain), then names with a role. */
export function createStaffExtractor(vocab: SlotVocabulary): SlotExtractor {
  // 张经理 / 王师傅 / 维修工王师傅: a known surname before a title, not inside a longer word.
  const surnameTitle = new RegExp(
    `(?:(?<![\\p{Script=Han}])|(?<=[的个位那这找叫工员们给]))([${vocab.surnames}])(经理|师傅|主管|店长|组长|专员|工程师)`,
    'gu',
  );
  // 营业员叫张丽 / 维修师傅陈建国送…: a full name after its role; without 叫 only before a break or a verb.
  const roleFullName = new RegExp(
    `(?:${ZH_ROLES})(?:的名字)?(?:(?:叫|名叫)\\s?([${vocab.surnames}]${GIVEN_NAME}{1,2}?)(?=${NAME_END}|$)|([${vocab.surnames}]${GIVEN_NAME}{1,2}?)(?=${NAME_END}))`,
    'gu',
  );
  return ({ text }) => {
    const hits: SlotHit[] = [];
    const push = (m: RegExpMatchArray, value: string, confidence: number): void => {
      hits.push({ slot: 'people', value, raw: m[0].trim(), confidence, index: m.index ?? 0 });
    };
    const pushName = (m: RegExpMatchArray, name: string | undefined, confidence: number): void => {
      if (name === undefined || NOT_A_NAME.has(name.split(' ')[0] ?? '')) return;
      push(m, name, confidence);
    };
    for (const m of text.matchAll(STAFF_ID)) push(m, `staff:${(m[2] ?? '').toUpperCase()}`, 0.95);
    for (const m of text.matchAll(SURNAME_ROLE)) push(m, `${m[1] ?? ''}姓${m[2] ?? ''}`, 0.8);
    for (const m of text.matchAll(ROLE_NICKNAME)) push(m, `${m[1] ?? ''}${m[2] ?? ''}`, 0.75);
    for (const m of text.matchAll(surnameTitle)) push(m, `${m[1] ?? ''}${m[2] ?? ''}`, 0.75);
    for (const m of text.matchAll(roleFullName)) {
      // "师傅叫刘强": the name, not "叫刘强"; a title read above ("王师傅") keeps its place.
      if (hits.some((h) => h.index <= (m.index ?? 0) && (m.index ?? 0) < h.index + h.raw.length))
        continue;
      push(m, m[1] ?? m[2] ?? '', 0.7);
    }
    for (const m of text.matchAll(EN_NAMED)) pushName(m, m[1], 0.75);
    for (const m of text.matchAll(EN_ROLE_NAME)) pushName(m, m[1] ?? m[2], 0.7);
    for (const m of text.matchAll(EN_PRAISED)) pushName(m, m[1] ?? m[2] ?? m[3], 0.65);
    return hits.sort((a, b) => a.index - b.index);
  };
}
