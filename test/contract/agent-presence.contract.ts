import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AgentPresence } from '../../src/handoff/agent-presence.port.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One suite for every AgentPresence implementation; `make(ttlMs)` builds a fresh, empty one. */
export function agentPresenceContract(
  name: string,
  make: (ttlMs: number) => Promise<AgentPresence> | AgentPresence,
): void {
  describe(`AgentPresence contract: ${name}`, () => {
    it('counts an agent online while any console is live, and not after the last leaves', async () => {
      const presence = await make(60_000);
      const amy = `amy-${randomUUID()}`;
      await presence.beat(amy, 'tab-1');
      await presence.beat(amy, 'tab-2');
      expect(await presence.online()).toEqual([amy]);
      expect(await presence.leave(amy, 'tab-1')).toBe(true);
      expect(await presence.leave(amy, 'tab-2')).toBe(false);
      expect(await presence.online()).toEqual([]);
      expect(await presence.lapsed()).toEqual([]);
    });

    it('lets an agent whose consoles stop beating lapse, reported once', async () => {
      const presence = await make(150);
      const [amy, bob] = [`amy-${randomUUID()}`, `bob-${randomUUID()}`];
      await presence.beat(amy, 'dead-instance');
      await presence.beat(bob, 'alive');
      await sleep(100);
      await presence.beat(bob, 'alive');
      await sleep(100);
      expect(await presence.online()).toEqual([bob]);
      const reports = await Promise.all([presence.lapsed(), presence.lapsed()]);
      expect(reports.flat()).toEqual([amy]);
      expect(await presence.lapsed()).toEqual([]);
    });

    it('brings a lapsed agent back with a new beat', async () => {
      const presence = await make(80);
      const amy = `amy-${randomUUID()}`;
      await presence.beat(amy, 'a');
      await sleep(150);
      await presence.beat(amy, 'b');
      expect(await presence.online()).toEqual([amy]);
      expect(await presence.lapsed()).toEqual([]);
    });
  });
}
