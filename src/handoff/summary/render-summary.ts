import { SLOT_NAMES, type Language } from '../../domain/taxonomy.js';
import { WORDS } from './summary-text.js';
import type { HandoffSummary } from './summary.schema.js';

const LABELS = {
  zh: {
    title: '转人工摘要',
    ticket: '工单',
    channel: '渠道',
    customer: '客户',
    category: '类别',
    severity: '级别',
    emotion: '情绪',
    flags: '风险',
    elements: '已收集要素',
    missing: '缺失要素',
    demand: '诉求',
    rule: '转人工原因',
    said: '机器人已告知/承诺',
    steps: '建议下一步',
    reply: '建议首句回复',
    sla: 'SLA 截止',
    none: '无',
    stated: '客户自述',
    effective: '有效投诉',
    communicative: '沟通性投诉',
  },
  en: {
    title: 'Handoff summary',
    ticket: 'Ticket',
    channel: 'Channel',
    customer: 'Customer',
    category: 'Category',
    severity: 'Severity',
    emotion: 'Emotion',
    flags: 'Risk flags',
    elements: 'Collected',
    missing: 'Missing',
    demand: 'Demand',
    rule: 'Handed off because',
    said: 'The assistant already said',
    steps: 'Suggested next steps',
    reply: 'Suggested first reply',
    sla: 'SLA deadline',
    none: 'none',
    stated: 'customer-stated',
    effective: 'effective complaint',
    communicative: 'communicative complaint',
  },
} as const;

/** A plain-text rendering for agents (console side panel, e-mail, logs at debug), in zh or en. */
export function renderSummary(summary: HandoffSummary, lang: Language): string {
  const l = LABELS[lang];
  const w = WORDS[lang];
  const sep = lang === 'zh' ? '、' : ', ';
  const list = (items: readonly string[]): string => (items.length > 0 ? items.join(sep) : l.none);
  const customer = [
    summary.customer.name,
    summary.customer.phone,
    summary.customer.account,
    summary.customer.contactTime,
  ].filter((part): part is string => part !== undefined);
  const elements = SLOT_NAMES.flatMap((slot) => {
    const value = summary.elements[slot];
    if (value === undefined) return [];
    const stated = summary.customerStated?.includes(slot) === true ? ` (${l.stated})` : '';
    return [`  - ${w.slot[slot]}: ${value.value} (${value.raw})${stated}`];
  });
  const { current, trend } = summary.emotion;
  return [
    `# ${l.title} — ${l.ticket} ${summary.ticketId}`,
    ...(summary.abstract === undefined ? [] : [summary.abstract]),
    `${l.channel}: ${summary.channel} · ${summary.lang}`,
    `${l.customer}: ${list(customer)}`,
    `${l.category}: ${w.category[summary.category]} · ${l[summary.nature]}`,
    `${l.severity}: ${summary.severity} · ${l.sla}: ${summary.slaDeadline}`,
    `${l.emotion}: ${w.emotion[current.emotion]} ${current.intensity.toFixed(2)} (${w.trend[trend]})`,
    `${l.flags}: ${list(summary.flags.map((f) => w.flag[f]))}`,
    `${l.rule}: ${summary.handoffRule}`,
    `${l.demand}: ${summary.demand ?? l.none}`,
    `${l.elements}:`,
    ...(elements.length > 0 ? elements : [`  ${l.none}`]),
    `${l.missing}: ${list(summary.missing.map((s) => w.slot[s]))}`,
    `${l.said}:`,
    ...summary.assistantSaid.map((said) => `  - ${said.text}`),
    `${l.steps}:`,
    ...summary.nextSteps.map((step, i) => `  ${i + 1}. ${step}`),
    `${l.reply}: ${summary.suggestedFirstReply}`,
  ].join('\n');
}
