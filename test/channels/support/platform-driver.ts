import { expect } from 'vitest';
import type { Message } from '../../../src/domain/message.js';
import { eventually } from './channel-app.js';
import type { CustomerDriver, SeenLine } from './scenario.js';

/** A message as a text-only platform (WeChat, WeCom) shows it: text, and menu items if any. */
export interface PlatformLine {
  text: string;
  menu?: string[];
}

/**
 * A customer on a platform whose messages carry no meta: each delivered message is paired, in
 * order, with the transcript line it came from (and must say the same), which supplies the act and
 * the ticket id; quick replies are what the platform shows (the menu), not the transcript's.
 */
export function platformDriver(options: {
  say: (text: string) => Promise<unknown>;
  delivered: () => readonly PlatformLine[];
  transcript: () => Promise<Message[]>;
}): CustomerDriver {
  let taken = 0;
  return {
    async say(text) {
      await options.say(text);
    },
    async next(match, what) {
      return eventually(async () => {
        const shown = (await options.transcript()).filter((m) => m.from !== 'customer');
        const delivered = options.delivered();
        for (let index = taken; index < delivered.length; index += 1) {
          const line = delivered[index];
          const source = shown[index];
          if (!line || !source) return undefined;
          expect(line.text).toBe(source.text);
          const seen: SeenLine = {
            text: line.text,
            ...(source.meta?.act ? { act: source.meta.act } : {}),
            ...(source.meta?.ticketId ? { ticketId: source.meta.ticketId } : {}),
            ...(line.menu ? { suggestions: line.menu } : {}),
          };
          if (match(seen)) {
            taken = index + 1;
            return seen;
          }
        }
        return undefined;
      }, what);
    },
  };
}
