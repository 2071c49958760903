import { expect } from 'vitest';
import type { MessageMeta } from '../../../src/domain/message.js';
import { api, login } from '../../handoff/harness.js';

/** One line a customer sees on their platform, with the meta the channel carried or rendered. */
export interface SeenLine {
  text: string;
  act?: MessageMeta['act'];
  ticketId?: string;
  /** Quick replies as the platform shows them (buttons, suggested actions). */
  suggestions?: string[];
}

/** A customer on one platform, driven through its real (or emulated) client. */
export interface CustomerDriver {
  say(text: string): Promise<void>;
  /** The first line not yet taken that matches, waiting for it. */
  next(match: (line: SeenLine) => boolean, what: string): Promise<SeenLine>;
}

const byAct =
  (act: MessageMeta['act']) =>
  (line: SeenLine): boolean =>
    line.act === act;

/** A billing complaint given over three turns ends with a ticket the agent API can read. */
export async function complaintToTicket(customer: CustomerDriver, url: string): Promise<string> {
  await customer.say('我的话费昨天被多扣了50元');
  await customer.next(byAct('ask'), 'a question about the complaint');
  await customer.say('13812345678');
  const restated = await customer.next(byAct('confirm'), 'the restatement');
  expect(restated.text).toContain('13812345678');
  await customer.say('对的');
  const filed = await customer.next(byAct('ticket'), 'the ticket');
  const ticketId = filed.ticketId ?? '';
  expect(filed.text).toContain(ticketId);
  const amy = await login(url, 'amy');
  const ticket = await fetch(`${url}/api/tickets/${encodeURIComponent(ticketId)}`, {
    headers: { authorization: `Bearer ${amy}` },
  });
  expect(ticket.status).toBe(200);
  return ticketId;
}

/** An angry customer asks for a human: queued, an agent claims and replies, closes, the survey is answered. */
export async function handoffToSurvey(
  customer: CustomerDriver,
  url: string,
  channel: string,
): Promise<void> {
  await customer.say('你们乱扣我话费整整三个月!气死我了!!我要投诉,马上给我转人工!');
  await customer.next(byAct('handoff'), 'the handoff notice');
  const amy = await login(url, 'amy');
  const queue = await api(url, '/queue', { token: amy });
  const items = queue.body['items'] as Array<{ id: string; summary: Record<string, unknown> }>;
  expect(items).toHaveLength(1);
  const id = items[0]?.id ?? '';
  const detail = await api(url, `/handoffs/${id}`, { token: amy });
  expect(JSON.stringify(detail.body)).toContain(channel);
  expect((await api(url, `/handoffs/${id}/claim`, { token: amy, body: {} })).status).toBe(200);
  const reply = '您好,我是客服小艾,马上为您核实扣费。';
  expect(
    (await api(url, `/handoffs/${id}/messages`, { token: amy, body: { text: reply } })).status,
  ).toBe(200);
  await customer.next((line) => line.text.includes(reply), 'the agent reply');
  await api(url, `/handoffs/${id}/close`, { token: amy, body: { resolution: 'refunded' } });
  const survey = await customer.next(byAct('survey'), 'the survey');
  expect(survey.suggestions ?? survey.text).toEqual(
    survey.suggestions ? ['1', '2', '3', '4', '5'] : expect.stringContaining('5'),
  );
  await customer.say('5 处理得很快');
  await customer.next(byAct('close'), 'the survey thanks');
  const rated = await api(url, `/handoffs/${id}`, { token: amy });
  expect(rated.body['survey']).toMatchObject({ rating: 5 });
}
