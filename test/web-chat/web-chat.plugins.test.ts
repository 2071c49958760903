import { randomUUID } from 'node:crypto';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App, AppContext } from '../../src/app.js';
import type { CustomerTurn, TurnInterceptor } from '../../src/bot/turn-interceptor.js';
import { reply } from '../../src/dialogs/outgoing.js';
import { connectChat, startTestApp } from '../support/test-app.js';

/** A root dialog that thinks for a while, like one waiting on an LLM. */
class SlowDialog extends Dialog {
  constructor() {
    super('slow');
  }
  override beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.continueDialog(dc);
  }
  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (dc.context.activity.type !== 'message') return Dialog.EndOfTurn;
    await new Promise((resolve) => setTimeout(resolve, 700));
    await dc.context.sendActivity(
      reply(`thought about ${dc.context.activity.text?.length ?? 0} chars`),
    );
    return Dialog.EndOfTurn;
  }
}

/** Forwards to "an agent" and keeps the bot quiet once the customer asks for a person. */
class AgentRelay implements TurnInterceptor {
  constructor(private readonly context: AppContext) {}
  async intercept(turn: CustomerTurn): Promise<'handled' | 'continue'> {
    if (turn.text !== 'agent please') return 'continue';
    await this.context.delivery.notifyHandoff(turn.conversationId, {
      state: 'queued',
      position: 1,
    });
    return 'handled';
  }
}

describe('createApp plug points: root dialog, interceptors, extensions', () => {
  let app: App;
  let url: string;
  let closedExtension = false;
  beforeAll(async () => {
    ({ app, url } = await startTestApp(
      {},
      {
        rootDialog: () => new SlowDialog(),
        interceptors: (context) => [new AgentRelay(context)],
        extend: ({ http }) => {
          http.get('/api/ping', (_req, res) => {
            res.json({ pong: true });
          });
          return () => {
            closedExtension = true;
            return Promise.resolve();
          };
        },
      },
    ));
  });
  afterAll(async () => {
    await app.close();
    expect(closedExtension).toBe(true);
  });

  it('runs the supplied root dialog and shows typing while it works', async () => {
    const { client, box } = await connectChat(url);
    const typing = new Promise((resolve) => client.once('typing', resolve));
    const ack = await client.emitWithAck('message', {
      text: 'hello',
      clientMessageId: randomUUID(),
    });
    expect(ack.ok).toBe(true);
    expect(await typing).toEqual({ from: 'bot' });
    expect((await box.next())[0]?.text).toBe('thought about 5 chars');
    client.disconnect();
  });

  it('lets an interceptor handle a turn so the dialog never sees it', async () => {
    const { client, box } = await connectChat(url);
    const handoff = new Promise((resolve) => client.once('handoff', resolve));
    await client.emitWithAck('message', { text: 'agent please', clientMessageId: randomUUID() });
    expect(await handoff).toEqual({ state: 'queued', position: 1 });
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(box.messages).toEqual([]);
    client.disconnect();
  });

  it('mounts extension routes before the 404 handler', async () => {
    expect(await (await fetch(`${url}/api/ping`)).json()).toEqual({ pong: true });
  });
});
