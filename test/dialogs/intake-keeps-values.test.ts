import { describe, expect, it } from 'vitest';
import { acts, IntakeHarness } from '../support/intake-harness.js';

/** A filled element changes only by a correction or an answer to its own question. */
describe('intake keeps what the customer already said', () => {
  it('does not let a later passing mention replace the product (zh)', async () => {
    const chat = await IntakeHarness.create();
    await chat.send('上周三在你们营业厅办的宽带,到现在还没人来装,打了三次电话都没人管');
    const replies = await chat.send('我要求尽快安装,并给个说法,电话13812345678');
    const restatement = replies.find((r) => r.meta.act === 'confirm');
    // The read-back names the place and never takes the later "安装" as the product.
    expect(restatement?.text).toContain('营业厅');
    expect(restatement?.text).not.toContain('安装');
  });

  it('does not let a later passing mention replace the product (en)', async () => {
    const chat = await IntakeHarness.create();
    await chat.send('My broadband was supposed to be installed last Wednesday and nobody came');
    const replies = await chat.send('I want a refund for the router too, my number is 13812345678');
    const all = [...replies, ...(await chat.send("I don't know"))];
    const restatement = all.find((r) => r.meta.act === 'confirm');
    expect(restatement?.text.toLowerCase()).toContain('broadband');
  });

  it('replaces a value when the customer corrects it at the restatement', async () => {
    const chat = await IntakeHarness.create();
    await chat.send('昨天我的宽带断网了一整天,我要求退款,电话13812345678');
    let replies = await chat.send('不清楚');
    while (!acts(replies).includes('confirm')) replies = await chat.send('不清楚');
    const corrected = await chat.send('不是昨天,是前天');
    const readBack = corrected.find((r) => r.meta.act === 'confirm');
    expect(readBack?.text).toContain('11月23日');
  });
});
