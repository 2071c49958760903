import type { SlotExtractor, SlotHit } from './slot-types.js';

/** 我姓王 / 免贵姓李 / 我叫王小明 / 我是张伟 */
const ZH_NAME =
  /(?:我|免贵|本人)姓([\p{Script=Han}]{1,2}?)(?=[,，。.!！\s]|$|[,，]?(?:先生|女士|小姐|叫|名|电话|手机|联系|的话|不姓))|(?:我叫|我的名字是|我名字叫|本人叫|联系人是?|我是)([\p{Script=Han}]{2,3})(?=[,，。.!！\s]|$|[,，]?(?:电话|手机|联系|号码))/gu;
const ZH_TITLE = /(?:我是|^|[,，。]\s*)([\p{Script=Han}])(先生|女士|小姐)/gu;
const EN_STOP = new Set([
  'So',
  'Very',
  'Not',
  'Really',
  'Just',
  'Here',
  'Calling',
  'The',
  'A',
  'Still',
  'Sorry',
  'Tired',
  'Done',
  'Fed',
  'Sick',
  'Going',
  'Trying',
  'Writing',
  'Also',
  'Angry',
  'Happy',
]);
const EN_NAME =
  /\b(?:[Mm]y name is|[Mm]y name's|[Nn]ame is|[Tt]his is|I am|I'm|I’m|[Cc]all me|[Cc]ontact name is|[Aa]sk for)\s+((?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)/g;
/** Contact-time phrases with no clock time: 随时都可以, 工作日, anytime, weekdays. */
const LOOSE_CONTACT_TIME =
  /(?:随时|任何时间|全天|工作日|周末|晚上|白天)(?:都)?(?:可以|行|方便|能接)|\b(?:any ?time|weekdays?|weekends?|business hours|evenings?|mornings?)\b(?=[^.?!]*\b(?:call|reach|contact|ring|available|fine|ok|works)\b)|(?<=\b(?:call|reach|contact|ring) me\s)(?:any ?time|on weekdays|in the (?:morning|afternoon|evening))/giu;

/** The contact person's name, and contact-time wishes that have no clock time. */
export const extractContact: SlotExtractor = ({ text }) => {
  const hits: SlotHit[] = [];
  for (const m of text.matchAll(ZH_NAME)) {
    const name = m[1] ?? m[2] ?? '';
    hits.push({
      slot: 'contact_name',
      value: name,
      raw: m[0],
      confidence: m[1] !== undefined ? 0.85 : 0.8,
      index: m.index,
    });
  }
  for (const m of text.matchAll(ZH_TITLE)) {
    if (hits.some((h) => h.slot === 'contact_name')) break;
    hits.push({
      slot: 'contact_name',
      value: `${m[1] ?? ''}${m[2] ?? ''}`,
      raw: m[0],
      confidence: 0.7,
      index: m.index,
    });
  }
  for (const m of text.matchAll(EN_NAME)) {
    const name = (m[2] ?? '').trim();
    const first = name.split(/\s+/)[0] ?? '';
    if (!/^[A-Z]/.test(first) || EN_STOP.has(first)) continue;
    hits.push({
      slot: 'contact_name',
      value: `${m[1] ?? ''}${name}`.trim(),
      raw: m[0],
      confidence: 0.8,
      index: m.index,
    });
  }
  for (const m of text.matchAll(LOOSE_CONTACT_TIME)) {
    hits.push({
      slot: 'contact_time',
      value: m[0].toLowerCase(),
      raw: m[0],
      confidence: 0.6,
      index: m.index,
    });
  }
  return hits;
};
