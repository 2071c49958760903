import type { Language } from '../../domain/taxonomy.js';

/** Greetings and openers that say nothing about what happened: "你好", "喂喂", "Hi there,". */
const GREETING =
  /^(?:(?:你好|您好|你们好|打扰(?:一下|了)|不好意思|喂+|在吗|在不在|亲+|客服|hello|hi|hiya|hey|dear\s+\w+|good\s+(?:morning|afternoon|evening)|to whom it may concern)(?:\s*there)?[\s,，.。!！~～?？]*)+/iu;
/** "我要投诉", "I want to complain about": the act of complaining, not the complaint. */
const PREAMBLE =
  /^(?:我(?:要|想|必须|得)?(?:投诉|反映|举报)(?:一下)?(?:你们)?|投诉(?:一下)?|反映(?:个|一个)?问题|i(?:'d like| want| wish|'m writing)?\s*to\s+(?:make\s+a\s+)?complain(?:t)?(?:\s+about)?|i\s+(?:have|'ve got)\s+a\s+complaint(?:\s+about)?)[\s,，.。:：!！]*/iu;
/** Swearing and fillers, anywhere: they colour the message, not the event. */
const NOISE =
  /(?:他妈的|tmd|特么|妈的|卧槽|我靠|傻逼|\bsb\b|nmsl|\bffs\b|\bwtf\b|\bbloody\b|\bdamn\b|\bfucking\b|\bf\*+ing\b|\bshit\b|\bffs\b)/giu;
const FILLER =
  /^(?:那个|就是说?|嗯+|呃+|额+|哎呀?|唉|啊|我说一下啊?|是这样的?|um+|uh+|so|well|ok|okay)[\s,，.。~～]*/iu;
/** Courtesies that close a message: "谢谢", "麻烦了", "thanks in advance". */
const CLOSING =
  /[\s,，.。!！]*(?:谢谢(?:你们|您|了)?|多谢|麻烦(?:你们|您)?了|辛苦(?:你们|您)?了|thanks(?: in advance| a lot)?|thank you|cheers)[\s,，.。!！~～]*$/iu;
const EMOJI = /[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu;
const SENTENCE = /(?<=[。！？!?\n])|(?<=\.)(?!\d)/u;
const CLAUSE_BREAK = /[，,、;；\s]/u;
const TRAILING = /[\s,，.。!！?？~～:：;；、啊呀吧嘛呢啦哦哈]+$/u;
const MAX: Readonly<Record<Language, number>> = { zh: 40, en: 120 };
/** The event is said at the start: a long message is read no further than this. */
const READ_CHARS = 600;

/** Strips what comes before the event: greetings, "我要投诉", fillers, in any order. */
function stripOpening(text: string): string {
  let s = text;
  for (let i = 0; i < 4; i += 1) {
    const next = s.replace(GREETING, '').replace(PREAMBLE, '').replace(FILLER, '');
    if (next === s) break;
    s = next;
  }
  return s;
}

/**
 * The event as a short phrase a restatement can carry ("事情是…", "So, …"): the first sentence
 * that says what happened, without greetings, "我要投诉", swearing, emoji or repeated punctuation,
 * cut at a clause boundary. Falls back to the trimmed first sentence when cleaning leaves nothing.
 */
export function eventPhrase(text: string, lang: Language): string {
  const cleaned = text
    .slice(0, READ_CHARS)
    .replace(EMOJI, ' ')
    .replace(NOISE, ' ')
    .replace(/([!！?？。.~～])\1+/gu, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
  const sentences: string[] = [];
  for (const raw of cleaned.split(SENTENCE)) {
    const s = stripOpening(raw.trim()).replace(CLOSING, '').replace(TRAILING, '').trim();
    if (s.length >= (lang === 'zh' ? 3 : 8)) sentences.push(s);
    if (sentences.length === 2) break;
  }
  // "I want to complain about my broadband. It has been down since Monday": the topic alone says too little.
  const head = sentences[0];
  const first =
    head !== undefined && sentences[1] !== undefined && head.length < MAX[lang] / 3
      ? `${head}${lang === 'zh' ? '，' : '. '}${sentences[1]}`
      : head;
  if (first === undefined) return text.trim().split(SENTENCE)[0]?.trim().slice(0, MAX[lang]) ?? '';
  if (first.length <= MAX[lang]) return first;
  const cut = first.slice(0, MAX[lang]);
  let end = cut.length;
  while (end > MAX[lang] / 2 && !CLAUSE_BREAK.test(cut[end - 1] ?? '')) end -= 1;
  return (end > MAX[lang] / 2 ? cut.slice(0, end) : cut).replace(TRAILING, '');
}
