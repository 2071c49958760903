import type { TurnContext } from 'botbuilder';
import { isMessage } from '../channels/activity-message.js';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Language } from '../domain/taxonomy.js';
import { reply } from '../dialogs/outgoing.js';

const SCRIPT = {
  zh: {
    greeting:
      '您好,我是倾听,在线投诉受理助手。请告诉我您遇到的问题:我会认真记录要点、为您登记工单,需要时为您转接人工客服。',
    details:
      '谢谢您告诉我,我已经记下了。为了尽快帮您处理,请再说说:事情发生的时间、涉及的产品或账号,以及您希望我们怎么处理。',
    more: '已记录。还有需要补充的吗?如果您希望直接和人工客服沟通,也可以告诉我。',
    suggestions: ['我要投诉', '查询投诉进度', '转人工客服'],
    moreSuggestions: ['没有了', '转人工客服'],
  },
  en: {
    greeting:
      "Hello, I'm Qingting, the complaints assistant. Tell me what went wrong: I'll note the key points, open a ticket for you and bring in a person from our team when needed.",
    details:
      'Thank you for telling me — I have noted it. To help you faster, could you add when it happened, which product or account it concerns, and what you would like us to do?',
    more: "Noted. Is there anything you'd like to add? If you'd rather talk to a person from our team, just say so.",
    suggestions: ['I want to complain', 'Check my complaint', 'Talk to a person'],
    moreSuggestions: ["That's all", 'Talk to a person'],
  },
} as const satisfies Record<Language, unknown>;

interface WelcomeState {
  lang: Language;
  turns: number;
}

/**
 * Temporary root dialog until the intake flows land: greets, says what the assistant does, and keeps
 * the conversation going with polite prompts for details. It never ends on its own.
 */
export class WelcomeDialog extends Dialog<WelcomeState> {
  static readonly id = 'welcome';

  constructor() {
    super(WelcomeDialog.id);
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = stateOf(dc);
    Object.assign(state, { lang: languageOf(dc.context, 'zh'), turns: 0 });
    const script = SCRIPT[state.lang];
    await dc.context.sendActivity(
      reply(script.greeting, { act: 'inform', suggestions: [...script.suggestions] }),
    );
    if (isMessage(dc.context.activity)) return this.continueDialog(dc);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (!isMessage(dc.context.activity)) return Dialog.EndOfTurn;
    const state = stateOf(dc);
    state.lang = languageOf(dc.context, state.lang);
    state.turns += 1;
    const script = SCRIPT[state.lang];
    await dc.context.sendActivity(
      state.turns === 1
        ? reply(script.details, { act: 'ask', slot: 'event' })
        : reply(script.more, { act: 'ask', suggestions: [...script.moreSuggestions] }),
    );
    return Dialog.EndOfTurn;
  }
}

/** The dialog's own slot in the dialog stack; botbuilder persists it with the conversation state. */
function stateOf(dc: DialogContext): WelcomeState {
  if (!dc.activeDialog) throw new Error('WelcomeDialog used outside a dialog stack');
  return dc.activeDialog.state as WelcomeState;
}

/** Chinese when the text has Han characters, English when it has only Latin letters, else the locale or fallback. */
function languageOf(context: TurnContext, fallback: Language): Language {
  const text = context.activity.text ?? '';
  if (/\p{Script=Han}/u.test(text)) return 'zh';
  if (/[A-Za-z]/.test(text)) return 'en';
  const locale = context.activity.locale?.slice(0, 2);
  return locale === 'en' || locale === 'zh' ? locale : fallback;
}
