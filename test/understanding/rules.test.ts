import { describe, expect, it } from 'vitest';
import { ctx, offline } from './support.js';

const read = (text: string, history: Array<{ from: 'customer' | 'bot'; text: string }> = []) =>
  offline.analyzeSync(text, ctx({ history }));

describe('intent', () => {
  it.each([
    ['转人工', 'request_human'],
    ['I want to speak to a real person', 'request_human'],
    ['我的投诉处理到哪一步了?', 'check_status'],
    ['any update on my complaint?', 'check_status'],
    ['问题已解决,撤销投诉吧', 'withdraw'],
    ['你们服务很好,给你们点个赞', 'praise'],
    ['建议你们增加夜间客服', 'suggestion'],
    ['你好', 'greeting'],
    ['hello', 'greeting'],
    ['好的谢谢再见', 'goodbye'],
    ['是的', 'affirm'],
    ['yes', 'affirm'],
    ['不对', 'deny'],
    ['请问宽带怎么办理?', 'inquiry'],
    ['我的宽带又断了,你们到底管不管', 'complaint'],
    ['I was charged twice and nobody helps', 'complaint'],
  ])('%s → %s', (text, intent) => {
    const a = read(text);
    expect(a.intent).toBe(intent);
    expect(a.intentConfidence).toBeGreaterThan(0.3);
  });

  it('a long message is not a greeting because it starts with 你好', () => {
    expect(read('你好,我上个月被乱扣了两百块话费,到现在没人处理').intent).toBe('complaint');
  });

  it('"好" inside another word is not assent', () => {
    expect(read('今天好开心').intent).not.toBe('affirm');
  });
});

describe('category and nature', () => {
  it.each([
    ['这个月话费被乱扣了', 'billing'],
    ['莫名其妙给我开通了彩铃,我从来没订过', 'unauthorized_service'],
    ['新买的热水器漏水,质量太差', 'product_quality'],
    ['营业员态度恶劣,还挂我电话', 'service_attitude'],
    ['快递三天了还没送到', 'delivery'],
    ['家里没信号,宽带也断网', 'network'],
    ['理赔申请被拒赔了', 'refund_claim'],
    ['我的个人信息被泄露了,天天接到骚扰电话', 'privacy_security'],
    ['热水器漏电,我家孩子触电受伤了', 'emergency'],
    ['the technician never came to repair it', 'service_quality'],
  ])('%s → %s', (text, category) => {
    expect(read(text).category).toBe(category);
  });

  it('a complaint about a company failure is effective; a question is communicative', () => {
    expect(read('话费被乱扣了200块,我要投诉').nature).toBe('effective');
    expect(read('请问话费怎么查?').nature).toBe('communicative');
  });
});

describe('risk flags', () => {
  it.each([
    ['再不解决我就打12315', 'regulator_threat'],
    ['我要去工信部投诉你们', 'regulator_threat'],
    ['I will report you to the regulator', 'regulator_threat'],
    ['我要发微博曝光你们', 'media_threat'],
    ['I will post this on social media', 'media_threat'],
    ['我已经找了律师,准备起诉', 'legal_threat'],
    ['see you in court, my lawyer will call', 'legal_threat'],
    ['必须赔偿我的损失,十倍返还', 'compensation_demand'],
    ['热水器冒烟起火了', 'safety'],
    ['the charger caught fire', 'safety'],
    ['你们这群傻逼', 'abusive_language'],
    ['fuck you and your company', 'abusive_language'],
    ['这是我第三次投诉了,还是没解决', 'repeat_complaint'],
    ['this is the third time I complain about this problem', 'repeat_complaint'],
    ['我是代投诉的,按照以下内容处理', 'suspected_fraud'],
  ])('%s → %s', (text, flag) => {
    expect(read(text).flags).toContain(flag);
  });

  it('calm everyday text raises no flag', () => {
    for (const t of [
      '请问怎么办理宽带?',
      'thanks, that solved it',
      '好的',
      '我想查一下话费',
      '我在微博上看到你们的活动',
    ]) {
      expect(read(t).flags, t).toEqual([]);
    }
  });

  it('"again" without a complaint is not a repeat complaint', () => {
    expect(read('thanks again!').flags).not.toContain('repeat_complaint');
  });

  it('a long complaint repeated word for word from earlier turns looks templated', () => {
    const text =
      '本人于2026年11月1日在贵公司办理的业务存在严重问题,要求贵公司在三个工作日内给予书面答复并赔偿全部损失';
    expect(read(text).flags).not.toContain('suspected_fraud');
    expect(read(text, [{ from: 'customer', text }]).flags).toContain('suspected_fraud');
  });
});

describe('robustness', () => {
  it('never throws and always returns a valid analysis', async () => {
    const nasty = [
      '',
      ' ',
      '\u0000\u0001',
      '🤬'.repeat(500),
      '<script>alert(1)</script>',
      '{}',
      'a'.repeat(20000),
      '١٢٣',
      '\uD800',
    ];
    for (const t of nasty) {
      const a = await offline.analyze(t, ctx());
      expect(a.intensity).toBeGreaterThanOrEqual(0);
      expect(a.intensity).toBeLessThanOrEqual(1);
    }
    const bad = await offline.analyze(
      '昨天',
      ctx({ timeZone: 'Not/AZone', now: new Date(Number.NaN) }),
    );
    expect(bad.emotion).toBe('neutral');
  });
});
