/**
 * Function and question words dropped from the word index and from Chinese n-grams (Latin
 * n-grams keep them, so "what is your name" still matches something). English words are listed
 * as the stemmer leaves them ("doe" is "does").
 */
const ENGLISH = `a an the is are am was were be been to of in on at for and or do doe did can could
would will should please so just hi hello`;

const CHINESE = `的 了 吗 呢 吧 啊 呀 哦 嗯 请问 一下 您好 你好 谢谢 麻烦 怎么 怎么样 怎样 如何 什么 为什么
哪里 哪儿`;

export const STOP_WORDS: ReadonlySet<string> = new Set(`${ENGLISH} ${CHINESE}`.split(/\s+/));
