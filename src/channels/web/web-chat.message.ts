import { randomUUID } from 'node:crypto';
import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { takeOrWait } from '../../storage/rate-limit.js';
import type { Message } from '../../domain/message.js';
import type { IdempotencyStore, TurnClaim } from '../../storage/idempotency.port.js';
import { SENDER_FACTS_KEY, type SenderFacts } from '../../tickets/ticket-access.js';
import { toMessage } from '../activity-message.js';
import type { CustomerDelivery } from '../customer-delivery.port.js';
import type { ChatSocketData, MessageAck } from './protocol.js';
import { isBlank } from './visible-text.js';
import type { WebChatAdapter } from './web-chat.adapter.js';
import { ChatMessageIn } from './wire.schema.js';

/** A retry waits this long past the deadline for a turn another instance may still finish. */
const LEASE_MARGIN_MS = 2000;
const POLL_MS = 200;

/** Said when a turn overruns its deadline; the turn goes on and its reply still comes. */
const STILL_WORKING = {
  zh: '您的话我们已经记下了,正在处理,请稍等片刻。',
  en: 'We have your message and are still working on it — one moment, please.',
} as const;

export type MessageTurnOptions = {
  adapter: WebChatAdapter;
  logic: (context: TurnContext) => Promise<void>;
  idempotency: IdempotencyStore;
  rateLimiter: RateLimiterAbstract;
  delivery: CustomerDelivery;
  maxMessageChars: number;
  turnDeadlineMs: number;
  logger: Logger;
};

/**
 * One customer message, at least once (DESIGN §11): validated; claimed by client message id before
 * the rate limit, so a finished retry is acked with its original id even at the limit; a retry of
 * an unfinished turn waits out the lease and is processed. The ack means the turn finished, or
 * that it overran its deadline and the customer was told we are on it.
 */
export async function handleCustomerMessage(
  options: MessageTurnOptions,
  data: ChatSocketData,
  payload: unknown,
  hooks: {
    activityFor: (fields: Partial<Activity>) => Partial<Activity>;
    /** Stores the session and its buffered greeting before its first processed message. */
    beforeFirstTurn: () => Promise<void>;
    toOtherTabs: (message: Message) => void;
    /** The session is over its rate limit (a socket that keeps on is flooding). */
    refused: () => void;
  },
): Promise<MessageAck> {
  const parsed = ChatMessageIn.safeParse(payload);
  if (!parsed.success) return { ok: false, error: 'invalid_payload' };
  const { text, clientMessageId } = parsed.data;
  if (text.length > options.maxMessageChars * 2 || [...text].length > options.maxMessageChars)
    return { ok: false, error: 'too_long' };
  if (isBlank(text)) return { ok: false, error: 'empty' };

  const key = `${data.conversationId}:${clientMessageId}`;
  const lease = options.turnDeadlineMs + LEASE_MARGIN_MS;
  const candidate = randomUUID();
  const claim = await claimWhenFree(options.idempotency, key, candidate, lease);
  if (claim.state === 'done') return { ok: true, id: claim.id };
  if (claim.state === 'in_progress') return { ok: false, error: 'unavailable' };
  const { id } = claim;
  if ((await takeOrWait(options.rateLimiter, data.conversationId)) > 0) {
    // A fresh claim leaves nothing behind; a taken-over one keeps its id for the retry.
    await (id === candidate ? options.idempotency.forget(key) : options.idempotency.release(key));
    hooks.refused();
    return { ok: false, error: 'rate_limited' };
  }

  try {
    await hooks.beforeFirstTurn();
    options.logger.debug(
      { conversationId: data.conversationId, chars: text.length },
      'customer message',
    );
    const activity = hooks.activityFor({ type: ActivityTypes.Message, id, text });
    hooks.toOtherTabs(toMessage(activity, 'customer'));
    const turn = options.adapter.processActivity(activity, withSenderFacts(data, options.logic));
    const settled = turn.then(
      () => options.idempotency.complete(key),
      () => options.idempotency.release(key),
    );
    if ((await overran(turn, options.turnDeadlineMs)) === 'in_time') {
      await turn;
      await settled;
      return { ok: true, id };
    }
    settled.catch((error: unknown) =>
      options.logger.error({ err: error }, 'turn bookkeeping failed'),
    );
    options.logger.warn(
      { conversationId: data.conversationId, deadlineMs: options.turnDeadlineMs },
      'turn overran its deadline',
    );
    await options.delivery.send(data.conversationId, {
      from: 'bot',
      text: STILL_WORKING[data.lang ?? 'zh'],
      meta: { act: 'inform' },
    });
    return { ok: true, id };
  } catch (error) {
    await options.idempotency.release(key);
    throw error;
  }
}

/** Claims the key, waiting while another turn holds a live lease on it (bounded by one lease). */
async function claimWhenFree(
  store: IdempotencyStore,
  key: string,
  candidate: string,
  leaseMs: number,
): Promise<TurnClaim> {
  const giveUp = Date.now() + leaseMs + POLL_MS;
  let claim = await store.claim(key, candidate, leaseMs);
  while (claim.state === 'in_progress' && Date.now() < giveUp) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    claim = await store.claim(key, claim.id, leaseMs);
  }
  return claim;
}

/** Whether the turn settles within the deadline; its outcome is left to the caller. */
async function overran(turn: Promise<void>, deadlineMs: number): Promise<'in_time' | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), deadlineMs);
  });
  try {
    return await Promise.race([
      turn.then(
        () => 'in_time' as const,
        () => 'in_time' as const,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** What the edge knows about the sender rides in turn state, out of reach of the client's payload. */
function withSenderFacts(
  data: ChatSocketData,
  logic: (context: TurnContext) => Promise<void>,
): (context: TurnContext) => Promise<void> {
  const facts: SenderFacts = data.clientAddress ? { clientAddress: data.clientAddress } : {};
  return (context) => {
    context.turnState.set(SENDER_FACTS_KEY, facts);
    return logic(context);
  };
}
