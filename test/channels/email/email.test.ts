import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { conversationIdOf } from '../../../src/channels/core/conversation-directory.js';
import type { Message } from '../../../src/domain/message.js';
import { eventually, startChannelApp } from '../support/channel-app.js';
import { startMailRig } from '../support/mail-rig.js';

/** Email through a real IMAP server (hoodiecrow, IDLE) and SMTP server (smtp-server), read by mailparser. */
describe('email channel', () => {
  const stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  async function start(): Promise<{
    app: App;
    url: string;
    rig: Awaited<ReturnType<typeof startMailRig>>;
  }> {
    const rig = await startMailRig();
    const { app, url } = await startChannelApp(rig.env);
    stops.push(async () => {
      await app.close();
      await rig.close();
    });
    return { app, url, rig };
  }
  const customerLines = (app: App, root: string): Promise<Message[]> =>
    app.context.transcript
      .list(conversationIdOf({ channel: 'email', user: root }))
      .then((lines) => lines.filter((m) => m.from === 'customer'));

  it('answers each email with one threaded reply, keeps the thread, strips the quote, files a ticket', async () => {
    const { app, rig } = await start();
    const first = await rig.deliver({
      subject: '投诉:话费多扣',
      text: '我的话费昨天被多扣了50元\n\n--\n王先生\n发自我的iPhone',
    });
    const reply = await eventually(() => rig.sent[0], 'the first reply');
    expect(reply.inReplyTo).toBe(first);
    expect(reply.subject).toBe('Re: 投诉:话费多扣');
    expect(reply.to && 'value' in reply.to ? reply.to.value[0]?.address : undefined).toBe(
      'wang.customer@example.cn',
    );
    // The acknowledgement and the questions of one turn come as one mail.
    const botLines = (
      await app.context.transcript.list(conversationIdOf({ channel: 'email', user: first }))
    ).filter((m) => m.from !== 'customer');
    expect(botLines.length).toBeGreaterThan(1);
    for (const line of botLines) expect(reply.text).toContain(line.text.trim());
    expect((await customerLines(app, first)).map((m) => m.text)).toEqual([
      '投诉:话费多扣\n我的话费昨天被多扣了50元',
    ]);

    // A reply quoting the bot, threaded by References.
    await rig.deliver({
      subject: 'Re: 投诉:话费多扣',
      text: `13812345678\n\n在 2026年12月1日 周二 10:00,倾听客服 <support@qingting.test> 写道:\n> ${(reply.text ?? '').split('\n').join('\n> ')}`,
      inReplyTo: reply.messageId ?? '',
      references: [first, reply.messageId ?? ''],
    });
    const restated = await eventually(() => rig.sent[1], 'the restatement');
    expect(restated.inReplyTo).not.toBe(first);
    expect(restated.text).toContain('13812345678');
    expect(restated.text).toMatch(/^1\. /m);

    // A client that keeps only In-Reply-To still lands in the same thread.
    await rig.deliver({
      subject: 'Re: 投诉:话费多扣',
      text: '对的',
      inReplyTo: restated.messageId ?? '',
    });
    const filed = await eventually(() => rig.sent[2], 'the ticket mail');
    expect(filed.text).toMatch(/工单|Q\d/);
    expect((await customerLines(app, first)).map((m) => m.text)).toEqual([
      '投诉:话费多扣\n我的话费昨天被多扣了50元',
      '13812345678',
      '对的',
    ]);
    expect(rig.sent).toHaveLength(3);
  });

  it('lists attachments, asks for words when a mail has none, and ignores auto-replies', async () => {
    const { app, rig } = await start();
    const withFile = await rig.deliver({
      subject: 'Billing complaint',
      text: 'I was charged twice, the invoice is attached.',
      attachments: [
        { filename: 'invoice.pdf', content: 'x'.repeat(3000), contentType: 'application/pdf' },
      ],
    });
    await eventually(() => rig.sent[0], 'a reply');
    const [line] = await customerLines(app, withFile);
    expect(line?.text).toContain('[attachment: invoice.pdf, application/pdf, 3 KB]');

    await rig.deliver({
      subject: 'Out of office',
      text: 'I am away until Monday.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    const onlyFile = await rig.deliver({
      subject: '',
      text: '',
      attachments: [{ filename: 'photo.jpg', content: 'y', contentType: 'image/jpeg' }],
    });
    const note = await eventually(
      () => rig.sent.find((mail) => mail.inReplyTo === onlyFile),
      'the please-type note',
    );
    expect(note.text).toMatch(/文字|words/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(rig.sent.map((mail) => mail.inReplyTo)).toEqual([withFile, onlyFile]);
  });

  it('lists itself as enabled and ready', async () => {
    const { app, url } = await start();
    const ready = (await (await fetch(`${url}/readyz`)).json()) as {
      checks: Record<string, string>;
    };
    expect(ready.checks['channel:email']).toBe('ok');
    expect(app.channels.enabled.map((c) => c.id)).toContain('email');
  });
});
