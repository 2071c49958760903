import { describe, expect, it } from 'vitest';
import { trajectory } from '../../src/understanding/emotion/trajectory.js';
import { ctx, offline } from './support.js';

const read = (text: string) => offline.analyzeSync(text, ctx());

describe('lexicon emotion', () => {
  it('reads complaint idioms as anger', () => {
    for (const t of ['气死我了', '什么破服务', '呵呵,真是好服务', '无语了', '垃圾公司']) {
      expect(read(t).emotion, t).toBe('angry');
    }
  });

  it('negation turns a positive word into dissatisfaction, and cancels a negative one', () => {
    expect(read('我很满意').emotion).toBe('positive');
    expect(read('我一点都不满意').emotion).toBe('angry');
    expect(read('I am happy with it').emotion).toBe('positive');
    expect(read('I am not happy with it').emotion).not.toBe('positive');
    expect(read('我不担心').emotion).toBe('neutral');
    expect(read("I'm not worried").emotion).toBe('neutral');
  });

  it('degree words, repeated punctuation and capitals raise intensity', () => {
    const base = read('我很生气').intensity;
    expect(read('我非常生气').intensity).toBeGreaterThan(read('我有点生气').intensity);
    expect(read('我很生气!!!').intensity).toBeGreaterThan(base);
    expect(read('你们到底管不管???').emotion).toBe('angry');
    expect(read('this is UNACCEPTABLE, FIX IT NOW').intensity).toBeGreaterThan(
      read('this is unacceptable, fix it now').intensity,
    );
  });

  it('reads emoji', () => {
    expect(read('😡😡').emotion).toBe('angry');
    expect(read('收到了 😊👍').emotion).toBe('positive');
    expect(read('😭').emotion).toBe('sad');
  });

  it('tells worry and sadness apart', () => {
    expect(read('我很担心我的钱会不会丢').emotion).toBe('anxious');
    expect(read('I am so worried about my account').emotion).toBe('anxious');
    expect(read('太失望了,真的很难过').emotion).toBe('sad');
    expect(read('I feel so sad and disappointed').emotion).toBe('sad');
  });

  it('keeps intensity in [0, 1] and neutral text neutral', () => {
    expect(read('我想查一下账单').emotion).toBe('neutral');
    const loud = read('气死我了!!!!什么破服务!!!垃圾!!!滚!!!');
    expect(loud.intensity).toBeLessThanOrEqual(1);
    expect(loud.intensity).toBeGreaterThanOrEqual(0.8);
  });
});

describe('trajectory', () => {
  it('notices rising anger', () => {
    const t = trajectory([
      { emotion: 'neutral', intensity: 0 },
      { emotion: 'angry', intensity: 0.4 },
      { emotion: 'angry', intensity: 0.8 },
    ]);
    expect(t.risingAnger).toBe(true);
    expect(t.trend).toBe('rising');
    expect(t.peakAnger).toBe(0.8);
  });

  it('calming down is not rising anger', () => {
    const t = trajectory([
      { emotion: 'angry', intensity: 0.9 },
      { emotion: 'angry', intensity: 0.5 },
      { emotion: 'neutral', intensity: 0 },
    ]);
    expect(t.risingAnger).toBe(false);
    expect(t.trend).toBe('falling');
  });

  it('a calm-looking turn after anger stays angry in the analysis', () => {
    const a = offline.analyzeSync(
      '好的',
      ctx({
        emotionHistory: [
          { emotion: 'angry', intensity: 0.9 },
          { emotion: 'angry', intensity: 0.9 },
        ],
      }),
    );
    expect(a.emotion).toBe('angry');
    expect(a.intensity).toBeLessThan(0.9);
  });

  it('an empty history is neutral and steady', () => {
    expect(trajectory([])).toMatchObject({ trend: 'steady', risingAnger: false, peakAnger: 0 });
  });
});

describe('courtesy, rhetorical questions and colloquial anger', () => {
  it.each([
    '您好，我家宽带从昨天晚上开始就连不上了，麻烦帮忙看一下，谢谢。',
    'Hello, the router you sent does not power on. Would appreciate a replacement, cheers',
    '您好,打扰一下,我们7栋的电梯这周坏了两次了,麻烦安排人检修一下,谢谢',
  ])('a courteous complaint is neither angry nor pleased: %s', (text) => {
    expect(read(text).emotion).toBe('neutral');
    expect(read(text).empathy.family).toBe('none');
  });

  it('warm thanks is still pleased', () => {
    expect(read('太感谢了 谢谢谢谢').emotion).toBe('positive');
  });

  it.each(['你们这不是坑人吗', '这不是骗人吗'])('"不是…吗" asserts: %s is angry', (text) => {
    expect(read(text).emotion).toBe('angry');
  });

  it('a negation ends at the clause: "no food. Absolutely fuming." is anger', () => {
    expect(read('Flight cancelled, no hotel, no food. Absolutely fuming.').emotion).toBe('angry');
    expect(read('Honestly I am not fuming').emotion).not.toBe('angry');
  });

  it('a plain denial still cancels', () => {
    expect(read('这不是坑人').emotion).not.toBe('angry');
  });

  it.each([
    '你们物业是干啥吃的',
    '这啥破网啊 视频卡得跟ppt一样',
    'You lot are absolutely taking the piss with these charges',
    'bloody useless, the engineer never turned up again',
    'Cheers for nothing, your chat bot went round in circles',
  ])('colloquial anger: %s', (text) => {
    expect(read(text).emotion).toBe('angry');
  });

  it('a threat to post about us is anger, a legal threat alone is not read as temper', () => {
    expect(read('再不处理我就发小红书').emotion).toBe('angry');
    expect(read('我会找律师').emotion).not.toBe('angry');
  });
});
