import type { Judgement } from './checks.js';
import type { Played } from './play.js';

/** One dialogue as a trainer reads it: who said what, the bot's acts and family, what failed. */
export function transcriptOf(played: Played, judgement: Judgement): string {
  const { dialogue, turns } = played;
  const verdict = judgement.findings.length === 0 ? 'PASS' : 'FAIL';
  const lines = [`## ${dialogue.id} — ${verdict}`, '', `_${dialogue.persona}_`, ''];
  turns.forEach((turn, index) => {
    lines.push(`${index + 1}. **客户/customer:** ${turn.customer}`);
    for (const reply of turn.replies) {
      const acts = (reply.meta.acts ?? [reply.meta.act]).filter((a) => a !== undefined).join('+');
      const family = reply.meta.family ? ` · ${reply.meta.family}` : '';
      const slots = reply.meta.slots ?? (reply.meta.slot ? [reply.meta.slot] : []);
      const asks = slots.length > 0 ? ` · asks ${slots.join(',')}` : '';
      lines.push(`   - **倾听** [${acts}${family}${asks}]: ${reply.text.replace(/\n/g, ' / ')}`);
    }
    if (turn.handedOff) lines.push('   - _(handed to a person)_');
  });
  const last = played.tickets.at(-1);
  if (last)
    lines.push(
      '',
      `Ticket ${last.id}: ${last.kind ?? 'complaint'}, ${last.status}, ${last.severity}, ${last.category}, slots ${JSON.stringify(Object.fromEntries(Object.entries(last.slots).map(([k, v]) => [k, v?.value])))}`,
    );
  for (const f of judgement.findings)
    lines.push(`- ✗ ${f.check}${f.turn === undefined ? '' : ` (turn ${f.turn})`}: ${f.what}`);
  lines.push('');
  return lines.join('\n');
}
