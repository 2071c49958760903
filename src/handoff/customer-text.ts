import type { Language } from '../domain/taxonomy.js';

/** What the handoff subsystem itself says to customers (the dialogs say the rest). */
export const CUSTOMER_TEXT = {
  zh: {
    survey:
      '本次人工服务已结束,感谢您的耐心。请为本次服务打分(1–5 分,5 分最满意),也欢迎留下您的意见。',
    surveyThanks: '感谢您的评价,我们会继续改进。还有其他问题可以随时告诉我。',
    requeued:
      '刚才为您服务的客服暂时离开了,我们已将您重新排入队列,其他客服会尽快接手,您无需重复说明。',
    transferred: '已为您转接给客服 {agent},之前的内容 TA 都能看到,您无需重复说明。',
  },
  en: {
    survey:
      'Your conversation with our agent has ended — thank you for your patience. How satisfied are you, from 1 to 5 (5 is best)? Any comment is welcome too.',
    surveyThanks:
      'Thank you for your feedback; we will keep improving. Tell me any time if there is anything else.',
    requeued:
      'The agent helping you was disconnected, so we have put you back in the queue; another agent will pick up shortly and you will not need to repeat anything.',
    transferred:
      'You are now with {agent}, who can see everything you have written, so there is no need to repeat it.',
  },
} as const satisfies Record<Language, Record<string, string>>;

const RATING_WORDS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };

/** A 1–5 rating and the rest as comment ("4 分,还行" / "5 great" / "五星"), or undefined. */
export function parseSurvey(text: string): { rating: number; comment?: string } | undefined {
  const match =
    /^\s*([1-5一二两三四五])(?![0-9])\s*(?:分|星|颗星|stars?|\/\s*5)?[\s,,。.!!::、-]*(.*)$/isu.exec(
      text,
    );
  if (match === null) return undefined;
  const [, digit = '', rest = ''] = match;
  const rating = RATING_WORDS[digit] ?? Number(digit);
  const comment = rest.trim();
  return comment === '' ? { rating } : { rating, comment };
}
