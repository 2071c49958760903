import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

type Answer = { id?: unknown; results?: { id: string; score: number }[]; error?: string };

/** Runs `qingting faq` through tsx exactly as a user would, feeding stdin and collecting stdout. */
function runFaq(args: string[], input: string): Promise<{ code: number | null; lines: unknown[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'faq', ...args],
      { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = out
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as unknown);
      resolve({ code, lines });
    });
    child.stdin.end(input);
  });
}

describe('qingting faq', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'qt-faq-cli-'));
    const entries = [
      {
        id: 'invoice',
        questions: ['怎么开发票', 'how do i get an invoice'],
        answer: '在App申请。',
      },
      { id: 'repair', questions: ['宽带坏了怎么报修', 'my broadband is down'], answer: '请报修。' },
    ];
    await writeFile(join(dir, 'kb.jsonl'), entries.map((e) => JSON.stringify(e)).join('\n'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('answers each line in order, abstains with empty results, and survives bad lines', async () => {
    const input = [
      JSON.stringify({ id: 'q1', query: '宽带坏了，怎么报修呢' }),
      'not json',
      JSON.stringify({ id: 7, text: 'wrong field' }),
      JSON.stringify({ id: 'q2', query: 'what is the weather like tomorrow' }),
      JSON.stringify({ id: 'q3', query: 'How do I get an invoice?' }),
    ].join('\n');
    const { code, lines } = await runFaq(['--kb', join(dir, 'kb.jsonl')], input);
    expect(code).toBe(0);
    expect(lines).toHaveLength(5);
    const [q1, bad, wrong, q2, q3] = lines as Answer[];
    expect(q1?.id).toBe('q1');
    expect(q1?.results?.[0]?.id).toBe('repair');
    expect(q1?.results?.[0]?.score).toBeGreaterThan(0);
    expect(bad?.error).toMatch(/JSON/);
    expect(wrong).toMatchObject({ id: 7, error: expect.stringMatching(/query/) as unknown });
    expect(q2).toEqual({ id: 'q2', results: [] });
    expect(q3?.results?.[0]?.id).toBe('invoice');
    const scores = q3?.results?.map((r) => r.score) ?? [];
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('uses the shipped knowledge base when no --kb is given', async () => {
    const { lines } = await runFaq([], JSON.stringify({ id: 1, query: '彩铃怎么退订' }));
    const [answer] = lines as Answer[];
    expect(answer?.id).toBe(1);
    expect(answer?.results?.[0]?.id).toBe('vas-unsubscribe-zh');
  });

  it('reports a missing --kb file and exits non-zero', async () => {
    const { code } = await runFaq(['--kb', join(dir, 'missing.jsonl')], '');
    expect(code).not.toBe(0);
  });
});
