import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loadUrgencyCues,
  UrgencyConfigError,
} from '../../src/understanding/rules/urgency-config.js';
import { DEFAULT_UNDERSTANDING_DIR } from '../../src/understanding/understanding-config.js';
import { ctx, offline } from './support.js';

const read = (text: string) => offline.analyzeSync(text, ctx());

describe('urgency', () => {
  it.each([
    ['信用卡半夜被人刷了好几笔,现在还在扣', 'fraud_in_progress', 'privacy_security'],
    ['Someone is using my credit card right now', 'fraud_in_progress', 'privacy_security'],
    ['我妈被困在电梯里了!!3号楼那个电梯', 'safety', 'emergency'],
    ['闻到煤气味了 整个单元都是', 'safety', 'emergency'],
    ['你们外卖小哥骑车把我家老人撞了 腿在流血', 'health', 'emergency'],
    ['孩子放学坐的你们平台的车 孩子现在一个人在马路边哭', 'minors', 'emergency'],
    ['整个小区都停电了 几百户人家', 'mass_outage', 'emergency'],
  ] as const)('%s → %s, filed as %s', (text, cause, category) => {
    const a = read(text);
    expect(a.urgency).toMatchObject({ urgent: true, cause });
    expect(a.category).toBe(category);
    expect(a.empathy.family).toBe('reassure_anxiety');
  });

  it.each([
    '没有人受伤,就是车刮了一下',
    'no one was injured, the van just scraped my car',
    '宽带有点慢',
  ])('not urgent: %s', (text) => {
    expect(read(text).urgency.urgent).toBe(false);
  });

  it('a person in danger adds the safety flag; fraud does not', () => {
    expect(read('电梯关人了 里面有个老人').flags).toContain('safety');
    expect(read('银行卡被盗刷了').flags).not.toContain('safety');
  });

  it('loads every industry file by default, and only the named ones when asked', () => {
    const dir = join(DEFAULT_UNDERSTANDING_DIR, 'urgency');
    const all = loadUrgencyCues(dir);
    const general = loadUrgencyCues(dir, ['general']);
    expect(all.causes.fraud_in_progress?.zh).toContain('信用卡被刷');
    expect(general.causes.fraud_in_progress?.zh).not.toContain('信用卡被刷');
  });

  it('a bad urgency file stops start-up naming its file and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'urgency-'));
    writeFileSync(join(dir, 'retail.yaml'), 'causes:\n  safety:\n    zh: [着火, 3]\n');
    expect(() => loadUrgencyCues(dir)).toThrow(UrgencyConfigError);
    expect(() => loadUrgencyCues(dir)).toThrow(/retail\.yaml:3: causes\.safety\.zh\.1: /);
    writeFileSync(join(dir, 'retail.yaml'), 'causes:\n  earthquake:\n    zh: [地震]\n');
    expect(() => loadUrgencyCues(dir)).toThrow(/retail\.yaml:\d+: causes: .*"earthquake"/);
  });
});

describe('risk flags from how people say it', () => {
  it.each([
    ['这都第四回找你们了', 'repeat_complaint'],
    ['电话打了N遍没人管', 'repeat_complaint'],
    ["This is the third time I'm contacting you", 'repeat_complaint'],
    ['我要发小红书曝光你们', 'media_threat'],
    ['再不解决我就发朋友圈', 'media_threat'],
    ["I'll post this on X", 'media_threat'],
    ['I am going to leave a Google review', 'media_threat'],
    ['我要去黑猫投诉', 'media_threat'],
  ] as const)('%s → %s', (text, flag) => {
    expect(read(text).flags).toContain(flag);
  });

  it.each([
    ['试了好几次都登不上', 'repeat_complaint'],
    ['thanks again!', 'repeat_complaint'],
    ['我在抖音上看到你们的广告', 'media_threat'],
  ] as const)('%s is no %s', (text, flag) => {
    expect(read(text).flags).not.toContain(flag);
  });
});

describe('urgency from how people say it', () => {
  it.each([
    ['老人在你们商场门口那块没擦干的地上摔了 起不来了', 'health'],
    ['My son has a fever of 39.5 and the pharmacy delivery is three hours late', 'health'],
    ['小孩误吞了玩具上的小磁珠', 'health'],
    ['I slipped on the wet floor in your store and I think my wrist is broken', 'health'],
    ['My daughter has been buying loot boxes on my card all night and it is still going', 'minors'],
    ['支付宝绑的那张卡一直在扣钱 一分钟一笔', 'fraud_in_progress'],
    ['电梯卡在两层中间不动了 里面还有个老太太', 'safety'],
    ["Whole estate's been without power since 6am", 'mass_outage'],
  ] as const)('%s → %s', (text, cause) => {
    expect(read(text).urgency).toMatchObject({ urgent: true, cause });
  });

  it.each(['我那个卡都停机半年了还在扣月保号费', '救命啊 这个套餐太贵了'])(
    '%s is not urgent',
    (text) => {
      expect(read(text).urgency.urgent).toBe(false);
    },
  );
});
