import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_TARGETS, auditEntry } from '../../src/records/audit-entry.js';
import { DICTIONARIES } from '../../src/web/admin/i18n/labels.js';

async function sourceFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await sourceFiles(path)));
    else if (path.endsWith('.ts') && !path.includes('/web/')) files.push(path);
  }
  return files;
}

const NAMESPACES = new Set(AUDIT_ACTIONS.map((a) => a.split('.')[0]));

describe('audit actions in words', () => {
  it('every action and target the server writes has a zh and an en phrase', () => {
    for (const [lang, dictionary] of Object.entries(DICTIONARIES)) {
      for (const action of AUDIT_ACTIONS)
        expect(dictionary.audit.actions[action], `${lang} ${action}`).toMatch(/\S/);
      for (const target of AUDIT_TARGETS)
        expect(dictionary.audit.targets[target], `${lang} ${target}`).toMatch(/\S/);
    }
    const zh = [
      ...Object.values(DICTIONARIES.zh.audit.actions),
      ...Object.values(DICTIONARIES.zh.audit.targets),
    ];
    expect(zh.filter((text) => /[A-Za-z]/.test(text) || !/\p{Script=Han}/u.test(text))).toEqual([]);
  });

  it('lists every action code written in the source', async () => {
    const found = new Set<string>();
    for (const file of await sourceFiles('src')) {
      const text = await readFile(file, 'utf8');
      if (!/audit/i.test(text)) continue;
      for (const [, code] of text.matchAll(/'([a-z_]+\.[a-z_]+)'/g))
        if (code !== undefined && NAMESPACES.has(code.split('.')[0])) found.add(code);
    }
    expect(found.size).toBeGreaterThan(10);
    expect(
      [...found].filter((code) => !(AUDIT_ACTIONS as readonly string[]).includes(code)),
    ).toEqual([]);
  });

  it('lists the handoff changes a person makes (written as `handoff.<change>`)', () => {
    for (const change of ['claim', 'transfer', 'close', 'note'])
      expect(AUDIT_ACTIONS).toContain(`handoff.${change}`);
  });

  it('refuses to write an action code that has no phrase', () => {
    const fields = { actor: 'root', targetKind: 'agent', targetId: 'alice' };
    expect(() => auditEntry({ ...fields, action: 'agent.teleport' })).toThrow();
    expect(auditEntry({ ...fields, action: 'agent.disable' }).action).toBe('agent.disable');
  });
});
