import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/domain/message.js';
import { buildSummary, type SummaryInput } from '../../src/handoff/summary/build-summary.js';
import { renderSummary } from '../../src/handoff/summary/render-summary.js';
import { HandoffSummary } from '../../src/handoff/summary/summary.schema.js';

const AT = '2026-11-25T02:00:00.000Z';
const at = (s: number): string => new Date(Date.parse(AT) + s * 1000).toISOString();

const transcript: Message[] = [
  { id: '1', from: 'customer', text: '宽带断了三天,你们还乱扣我费!', at: at(0) },
  { id: '2', from: 'bot', text: '非常理解您的心情。', at: at(1), meta: { act: 'empathize' } },
  {
    id: '3',
    from: 'bot',
    text: '请问您的宽带账号是?',
    at: at(2),
    meta: { act: 'ask', slot: 'account' },
  },
  { id: '4', from: 'customer', text: '不知道!我要找律师起诉你们!退钱!', at: at(3) },
  {
    id: '5',
    from: 'bot',
    text: '已登记工单 Q20261125-0007,我们会在 24 小时内答复您。',
    at: at(4),
    meta: { act: 'ticket', ticketId: 'Q20261125-0007' },
  },
];

function input(lang: 'zh' | 'en' = 'zh'): SummaryInput {
  return {
    ticket: {
      id: 'Q20261125-0007',
      conversationId: 'conv-9',
      channel: 'web',
      lang,
      category: 'network',
      nature: 'effective',
      severity: 'P1',
      flags: ['legal_threat', 'compensation_demand'],
      slots: {
        product: { value: '宽带', raw: '宽带', confidence: 0.9 },
        contact_name: { value: '王先生', raw: '我姓王', confidence: 0.8 },
        contact_phone: { value: '13812345678', raw: '138 1234 5678', confidence: 0.95 },
        demand: { value: 'refund', raw: '退钱', confidence: 0.9 },
      },
      missingSlots: ['account', 'time'],
      emotions: [
        { emotion: 'anxious', intensity: 0.4, at: at(0) },
        { emotion: 'angry', intensity: 0.9, at: at(3) },
      ],
      handoffRule: 'risk_flag:legal_threat',
      createdAt: at(4),
    },
    transcript,
    handoffAt: new Date(at(5)),
    slaMinutes: 15,
  };
}

describe('handoff summary', () => {
  it('carries everything an agent needs, from the ticket and the transcript', () => {
    const summary = buildSummary(input());
    expect(HandoffSummary.parse(summary)).toEqual(summary);
    expect(summary).toMatchObject({
      ticketId: 'Q20261125-0007',
      conversationId: 'conv-9',
      customer: { name: '王先生', phone: '13812345678' },
      severity: 'P1',
      flags: ['legal_threat', 'compensation_demand'],
      missing: ['account', 'time'],
      demand: '退钱',
      handoffRule: 'risk_flag:legal_threat',
      emotion: { current: { emotion: 'angry', intensity: 0.9 }, trend: 'rising' },
      timestamps: { conversationStartedAt: at(0), lastCustomerMessageAt: at(3), handoffAt: at(5) },
      slaDeadline: new Date(Date.parse(at(5)) + 15 * 60_000).toISOString(),
    });
    expect(summary.transcript).toEqual(transcript);
    expect(summary.assistantSaid.map((s) => s.act)).toEqual(['ticket']);
    expect(summary.nextSteps[0]).toContain('上报主管');
    expect(summary.nextSteps.join()).toContain('账号/单号、时间');
    expect(summary.suggestedFirstReply).toContain('王先生');
    expect(summary.suggestedFirstReply).toContain('Q20261125-0007');
    expect(summary.suggestedFirstReply).toContain('账号/单号、时间');
  });

  it('writes next steps and the first reply in the conversation language', () => {
    const summary = buildSummary(input('en'));
    expect(summary.nextSteps[0]).toMatch(/supervisor/);
    expect(summary.suggestedFirstReply).toMatch(/^Hello 王先生/);
    expect(summary.suggestedFirstReply).toContain('account / order, time');
    expect(summary.suggestedFirstReply).toContain('no need to repeat it');
  });

  it('punctuates its Chinese next steps and first reply full-width, as the agent will send them', () => {
    for (const emotion of ['angry', 'anxious', 'sad', 'neutral', 'positive'] as const) {
      const base = input('zh');
      const summary = buildSummary({
        ...base,
        ticket: {
          ...base.ticket,
          flags: [...base.ticket.flags, 'safety'],
          slots: {
            ...base.ticket.slots,
            demand: { value: 'refund compensation apology', raw: '退钱', confidence: 0.9 },
          },
          emotions: [{ emotion, intensity: 0.8, at: at(3) }],
        },
      });
      // Ticket numbers, times and the customer's quoted words may hold ASCII; the sentences may not.
      const prose = (text: string) => text.replace(/Q\d{8}-\d{4}|\d+ 小时|“[^”]*”/g, '');
      for (const text of [summary.suggestedFirstReply, ...summary.nextSteps]) {
        expect(prose(text), text).not.toMatch(/[,:;()?!]/);
      }
      expect(summary.suggestedFirstReply).toContain('王先生，您好');
    }
  });

  it('renders readably in zh and en without losing the key facts', () => {
    const summary = buildSummary(input());
    const zh = renderSummary(summary, 'zh');
    expect(zh).toContain('转人工摘要 — 工单 Q20261125-0007');
    expect(zh).toContain('扬言起诉');
    expect(zh).toContain('愤怒 0.90 (上升)');
    expect(zh).toContain('缺失要素: 账号/单号、时间');
    const en = renderSummary(summary, 'en');
    expect(en).toContain('threatens legal action');
    expect(en).toContain('Missing: account / order, time');
    expect(en).toContain(summary.suggestedFirstReply);
  });

  it('is built by `qingting summarize` from a bare dialogue, one line per input line', async () => {
    const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', main, 'summarize'], {
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const lines = [
      JSON.stringify({
        id: 'a',
        dialogue: [
          { role: 'user', text: '你们昨天乱扣了我58块话费,气死我了!我要去工信部投诉!' },
          { role: 'assistant', text: '非常抱歉,请问您的手机号?' },
          { role: 'user', text: '13812345678,赶紧给我退款' },
        ],
        now: '2026-11-25T10:00:00+08:00',
      }),
      JSON.stringify({ id: 7, dialogue: [{ role: 'narrator', text: 'x' }] }),
      '{not json',
    ];
    child.stdin.end(`${lines.join('\n')}\n`);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await new Promise((resolve) => child.once('exit', resolve));
    const [first, second, third] = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const summary = HandoffSummary.parse(first?.['summary']);
    expect(first?.['id']).toBe('a');
    expect(summary.flags).toContain('regulator_threat');
    expect(summary.customer.phone).toBe('13812345678');
    expect(summary.elements.amount?.value).toBe('58 CNY');
    expect(summary.elements.event?.raw).toContain('乱扣');
    expect(summary.emotion.current.emotion).toBe('angry');
    expect(summary.transcript.map((m) => m.from)).toEqual(['customer', 'bot', 'customer']);
    expect(second).toMatchObject({ id: 7 });
    expect(second?.['error']).toEqual(expect.any(String));
    expect(third).toEqual({ error: 'invalid JSON' });
  });
});
