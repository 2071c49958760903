import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewAgent } from '../../src/agents/agent.js';
import type { AgentDirectory } from '../../src/agents/agent-directory.port.js';

export interface AgentDirectoryHarness {
  directory: AgentDirectory;
  /** A second directory over the same data, as another server instance would see it. */
  twin?: AgentDirectory;
  close(): Promise<void>;
}

export const SEED: readonly NewAgent[] = [
  { username: 'amy', password: 'secret-amy' },
  { username: 'root', password: 'secret-root', role: 'admin' },
];

/** The behaviour every AgentDirectory shows; `factory` seeds it with SEED. */
export function agentDirectoryContract(
  name: string,
  factory: (seed: readonly NewAgent[]) => Promise<AgentDirectoryHarness>,
  options: { shared: boolean },
): void {
  describe(`AgentDirectory contract: ${name}`, () => {
    let harness: AgentDirectoryHarness;
    let directory: AgentDirectory;
    beforeEach(async () => {
      harness = await factory(SEED);
      directory = harness.directory;
    });
    afterEach(async () => {
      await harness.close();
    });

    it('verifies only the right password of an enabled, known account', async () => {
      expect(await directory.verify('amy', 'secret-amy')).toEqual({
        username: 'amy',
        role: 'agent',
        disabled: false,
        tokenVersion: 0,
      });
      expect(await directory.verify('root', 'secret-root')).toMatchObject({ role: 'admin' });
      expect(await directory.verify('amy', 'secret-root')).toBeUndefined();
      expect(await directory.verify('nobody', 'secret-amy')).toBeUndefined();
      expect(await directory.has('amy')).toBe(true);
      expect(await directory.has('nobody')).toBe(false);
      expect(await directory.find('nobody')).toBeUndefined();
    });

    it('creates accounts with groups once, lists them by name, and never shows a hash', async () => {
      const bob = {
        username: 'bob',
        password: 'secret-bob',
        displayName: '小王',
        groups: ['billing', 'vip', 'billing'],
      };
      expect(await directory.create(bob)).toBe(true);
      expect(await directory.create({ ...bob, password: 'another-pass' })).toBe(false);
      expect(await directory.verify('bob', 'secret-bob')).toMatchObject({ role: 'agent' });
      expect(await directory.verify('bob', 'another-pass')).toBeUndefined();
      const listed = await directory.list();
      expect(listed).toEqual([
        { username: 'amy', role: 'agent', disabled: false, groups: [] },
        {
          username: 'bob',
          role: 'agent',
          disabled: false,
          displayName: '小王',
          groups: ['billing', 'vip'],
        },
        { username: 'root', role: 'admin', disabled: false, groups: [] },
      ]);
      expect(JSON.stringify(listed)).not.toMatch(/argon2|secret/);
    });

    it('refuses a bad account before storing anything', async () => {
      await expect(directory.create({ username: 'eve', password: 'short' })).rejects.toThrow(
        /8 characters/,
      );
      await expect(
        directory.create({ username: '<script>', password: 'long-enough' }),
      ).rejects.toThrow();
      expect(await directory.has('eve')).toBe(false);
    });

    it('disables and re-enables an account; unknown names answer false', async () => {
      expect(await directory.setDisabled('amy', true)).toBe(true);
      // Disabling raises the token version, so a re-enable does not revive old tokens.
      expect(await directory.find('amy')).toMatchObject({ tokenVersion: 1 });
      expect(await directory.verify('amy', 'secret-amy')).toBeUndefined();
      expect(await directory.find('amy')).toMatchObject({ disabled: true });
      expect((await directory.list()).find((a) => a.username === 'amy')?.disabled).toBe(true);
      expect(await directory.setDisabled('amy', false)).toBe(true);
      expect(await directory.verify('amy', 'secret-amy')).toBeDefined();
      expect(await directory.setDisabled('nobody', true)).toBe(false);
    });

    it('a password reset takes the new password only and raises the token version', async () => {
      expect(await directory.resetPassword('amy', 'new-secret-amy')).toBe(true);
      expect(await directory.verify('amy', 'secret-amy')).toBeUndefined();
      expect(await directory.verify('amy', 'new-secret-amy')).toMatchObject({ tokenVersion: 1 });
      expect(await directory.resetPassword('amy', 'newer-secret')).toBe(true);
      expect(await directory.find('amy')).toMatchObject({ tokenVersion: 2 });
      await expect(directory.resetPassword('amy', 'short')).rejects.toThrow(/8 characters/);
      expect(await directory.resetPassword('nobody', 'long-enough')).toBe(false);
    });

    it('changes display name, role, groups and capacity; null clears; unknown answers false', async () => {
      expect(
        await directory.update('amy', {
          displayName: '艾米',
          role: 'admin',
          groups: ['billing', 'network'],
          capacity: 3,
        }),
      ).toBe(true);
      expect(await directory.find('amy')).toMatchObject({ role: 'admin', capacity: 3 });
      expect((await directory.list())[0]).toEqual({
        username: 'amy',
        role: 'admin',
        disabled: false,
        displayName: '艾米',
        groups: ['billing', 'network'],
        capacity: 3,
      });
      expect(await directory.update('amy', { groups: ['network'] })).toBe(true);
      expect(await directory.update('amy', { displayName: null, capacity: null })).toBe(true);
      expect((await directory.list())[0]).toEqual({
        username: 'amy',
        role: 'admin',
        disabled: false,
        groups: ['network'],
      });
      expect((await directory.find('amy'))?.capacity).toBeUndefined();
      expect(await directory.update('nobody', { role: 'admin' })).toBe(false);
      await expect(directory.update('amy', { capacity: 0 })).rejects.toThrow();
    });

    it('keeps groups with members; deleting a group keeps its accounts', async () => {
      expect(await directory.createGroup('vip', '贵宾组')).toBe(true);
      expect(await directory.createGroup('vip')).toBe(false);
      await directory.update('amy', { groups: ['vip', 'billing'] });
      expect(await directory.groups()).toEqual([
        { name: 'billing', members: ['amy'] },
        { name: 'vip', displayName: '贵宾组', members: ['amy'] },
      ]);
      expect(await directory.renameGroup('billing', '账务组')).toBe(true);
      expect(await directory.renameGroup('vip', null)).toBe(true);
      expect(await directory.renameGroup('nope', 'x')).toBe(false);
      // A new name: the members and the display name follow; a taken or unknown name is refused.
      expect(await directory.moveGroup('billing', 'vip')).toBe('taken');
      expect(await directory.moveGroup('nope', 'other')).toBe('not_found');
      expect(await directory.moveGroup('billing', 'accounts')).toBe('moved');
      expect(await directory.groups()).toEqual([
        { name: 'accounts', displayName: '账务组', members: ['amy'] },
        { name: 'vip', members: ['amy'] },
      ]);
      expect((await directory.list())[0]?.groups.sort()).toEqual(['accounts', 'vip']);
      expect(await directory.moveGroup('accounts', 'billing')).toBe('moved');
      expect(await directory.deleteGroup('vip')).toBe(true);
      expect(await directory.deleteGroup('vip')).toBe(false);
      expect(await directory.groups()).toEqual([
        { name: 'billing', displayName: '账务组', members: ['amy'] },
      ]);
      expect((await directory.list())[0]?.groups).toEqual(['billing']);
      expect(await directory.has('amy')).toBe(true);
    });

    // A process-memory directory has no second instance to ask.
    if (!options.shared) return;
    it('a change on one instance holds on another at once', async () => {
      const twin = harness.twin;
      if (twin === undefined) throw new Error('a shared directory harness needs a twin');
      await directory.create({ username: 'cat', password: 'secret-cat' });
      expect(await twin.has('cat')).toBe(true);
      await directory.setDisabled('amy', true);
      expect(await twin.verify('amy', 'secret-amy')).toBeUndefined();
      await directory.resetPassword('root', 'new-secret-root');
      expect(await twin.find('root')).toMatchObject({ tokenVersion: 1 });
    });
  });
}
