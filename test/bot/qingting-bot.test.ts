import {
  ConversationState,
  MemoryStorage,
  TestAdapter,
  UserState,
  type Activity,
} from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { QingtingBot } from '../../src/bot/qingting.bot.js';
import { TranscriptMiddleware } from '../../src/bot/transcript.middleware.js';
import type { CustomerTurn, TurnInterceptor } from '../../src/bot/turn-interceptor.js';
import { WelcomeDialog } from '../../src/bot/welcome.dialog.js';
import { metaOf } from '../../src/dialogs/outgoing.js';
import { MemoryTranscriptStore } from '../../src/storage/memory.transcript-store.js';

/** An interceptor that owns the conversation once it has seen `转人工`, like a handoff would. */
class FakeHandoff implements TurnInterceptor {
  readonly seen: CustomerTurn[] = [];
  private owned = false;
  intercept(turn: CustomerTurn): Promise<'handled' | 'continue'> {
    this.seen.push(turn);
    if (turn.text === '转人工') this.owned = true;
    return Promise.resolve(this.owned ? 'handled' : 'continue');
  }
}

function harness(interceptors: TurnInterceptor[] = []) {
  const storage = new MemoryStorage();
  const transcript = new MemoryTranscriptStore();
  const bot = new QingtingBot({
    conversationState: new ConversationState(storage),
    userState: new UserState(storage),
    rootDialog: new WelcomeDialog(),
    interceptors,
  });
  const adapter = new TestAdapter((context) => bot.run(context)).use(
    new TranscriptMiddleware(transcript),
  );
  return { adapter, transcript };
}

const joined: Partial<Activity> = {
  type: 'conversationUpdate',
  membersAdded: [{ id: 'user', name: 'customer' }],
};

describe('QingtingBot with the welcome dialog', () => {
  it('greets a new session in its locale and offers quick replies', async () => {
    const { adapter } = harness();
    await adapter
      .send({ ...joined, locale: 'en-US' })
      .assertReply((activity) => {
        expect(activity.text).toMatch(/Qingting/);
        expect(metaOf(activity)).toMatchObject({
          act: 'inform',
          suggestions: expect.any(Array) as unknown,
        });
      })
      .startTest();
  });

  it('keeps the conversation in the customer’s language without echoing', async () => {
    const { adapter } = harness();
    await adapter
      .send(joined)
      .assertReply((activity) => expect(activity.text).toMatch(/倾听/))
      .send('the app charged me twice')
      .assertReply((activity) => {
        expect(activity.text).toMatch(/when it happened/);
        expect(activity.text).not.toContain('charged me twice');
        expect(metaOf(activity)).toMatchObject({ act: 'ask', slot: 'event' });
      })
      .send('上个月')
      .assertReply((activity) => expect(activity.text).toMatch(/已记录/))
      .startTest();
  });

  it('lets an interceptor take over the conversation and keeps the bot quiet', async () => {
    const handoff = new FakeHandoff();
    const { adapter } = harness([handoff]);
    await adapter
      .send(joined)
      .assertReply(() => undefined)
      .send('你好')
      .assertReply(() => undefined)
      .send('转人工')
      .assertNoReply('the agent owns the conversation', 300)
      .send('还在吗')
      .assertNoReply('the agent owns the conversation', 300)
      .startTest();
    expect(handoff.seen.map((turn) => turn.text)).toEqual(['你好', '转人工', '还在吗']);
    expect(handoff.seen[0]).toMatchObject({ channel: 'test', conversationId: 'Convo1' });
    expect(Number.isNaN(Date.parse(handoff.seen[0]?.at ?? ''))).toBe(false);
  });

  it('records customer and bot messages with meta in the transcript', async () => {
    const { adapter, transcript } = harness();
    await adapter
      .send(joined)
      .assertReply(() => undefined)
      .send('我的话费被乱扣了')
      .assertReply(() => undefined)
      .startTest();
    const lines = await transcript.list('Convo1');
    expect(lines.map((m) => m.from)).toEqual(['bot', 'customer', 'bot']);
    expect(lines[1]?.text).toBe('我的话费被乱扣了');
    expect(lines[2]?.meta).toEqual({ act: 'ask', slot: 'event' });
    expect(new Set(lines.map((m) => m.id)).size).toBe(3);
  });
});
