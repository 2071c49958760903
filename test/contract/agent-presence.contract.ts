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

    it('starts a first console online, keeps a chosen availability across a reload, refuses it without a console', async () => {
      const presence = await make(60_000);
      const [amy, bob] = [`amy-${randomUUID()}`, `bob-${randomUUID()}`];
      expect(await presence.setAvailability(amy, 'away')).toBe(false);
      await presence.beat(amy, 'tab-1');
      await presence.beat(bob, 'tab-1');
      expect((await presence.statuses()).map((s) => s.availability)).toEqual(['online', 'online']);
      expect(await presence.setAvailability(amy, 'away')).toBe(true);
      expect(await presence.leave(amy, 'tab-1')).toBe(false);
      expect((await presence.statuses()).map((s) => s.agent)).toEqual([bob]);
      expect(await presence.setAvailability(amy, 'busy')).toBe(false);
      // Between the reload's two consoles the choice is still there for the new page to read.
      expect(await presence.availabilityOf(amy)).toBe('away');
      expect(await presence.availabilityOf(`nobody-${randomUUID()}`)).toBeUndefined();
      await presence.beat(amy, 'tab-2');
      const statuses = await presence.statuses();
      expect(statuses.map(({ agent, availability }) => ({ agent, availability }))).toEqual([
        { agent: amy, availability: 'away' },
        { agent: bob, availability: 'online' },
      ]);
    });

    it('restarts idle time when the availability changes or the agent gets a case, not on a repeat', async () => {
      const presence = await make(60_000);
      const amy = `amy-${randomUUID()}`;
      await presence.beat(amy, 'tab');
      const sinceOf = async () => (await presence.statuses())[0]?.since ?? 0;
      const first = await sinceOf();
      await sleep(20);
      await presence.beat(amy, 'tab');
      await presence.setAvailability(amy, 'online');
      expect(await sinceOf()).toBe(first);
      await presence.setAvailability(amy, 'busy');
      const busy = await sinceOf();
      expect(busy).toBeGreaterThan(first);
      await sleep(20);
      await presence.touch(amy);
      expect(await sinceOf()).toBeGreaterThan(busy);
      expect((await presence.statuses())[0]?.availability).toBe('busy');
    });

    it('forgets an availability once the agent has been gone for two leases', async () => {
      const presence = await make(60);
      const amy = `amy-${randomUUID()}`;
      await presence.beat(amy, 'a');
      await presence.setAvailability(amy, 'away');
      await presence.leave(amy, 'a');
      await sleep(200);
      expect(await presence.availabilityOf(amy)).toBeUndefined();
      await presence.beat(amy, 'b');
      expect((await presence.statuses())[0]?.availability).toBe('online');
    });
  });
}
