import { flowOf, type IntakeTurn } from './intake-turn.js';
import { spokenTime } from './local-form.js';
import { activeTicketId } from './ticket-self-service.js';

/**
 * "到底要等多久?" answered from the policy and the case (issue 11 §5): the ticket on file and the
 * time by which someone calls, where a collection stands (a repeat complaint with its escalated
 * call-back time), or the policy when there is no case yet.
 */
export async function answerTimeQuestion(turn: IntakeTurn, collecting: boolean): Promise<void> {
  const { policy } = flowOf(turn);
  const ticketId = await activeTicketId(turn);
  if (ticketId) {
    const ticket = await turn.deps.tickets.get(ticketId);
    const filedAt = new Date(ticket?.createdAt ?? turn.now.toISOString());
    const hours = ticket?.flags.includes('repeat_complaint')
      ? policy.escalatedResponseHours
      : policy.firstResponseHours;
    const by = new Date(filedAt.getTime() + hours * 3_600_000).toISOString();
    const deadline = spokenTime(by, turn.memory.lang, turn.timeZone, turn.now);
    await turn.say.say(
      'time_filed',
      { act: 'inform', ticketId },
      { ticketId, deadline, ...policy },
    );
    return;
  }
  // A repeat complaint under way will be escalated when filed: its first call comes sooner.
  const repeat = collecting && turn.memory.complaint.flags.includes('repeat_complaint');
  const limits = repeat ? { ...policy, firstResponseHours: policy.escalatedResponseHours } : policy;
  await turn.say.say(collecting ? 'time_collecting' : 'time_policy', { act: 'inform' }, limits);
}
