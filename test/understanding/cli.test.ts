import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'qt-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the real CLI through tsx, with no LLM configured. */
function qingting(args: string[], input: string) {
  const env = { ...process.env, OPENAI_API_KEY: '', EMOTION_MODEL_DIR: '' };
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args],
    {
      input,
      env,
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  const lines = r.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { status: r.status, lines, stderr: r.stderr };
}

describe('qingting analyze', () => {
  it('answers every line, bad ones with an error, and keeps going', () => {
    const input = [
      JSON.stringify({
        id: 'a',
        text: '气死我了!宽带又断了,打我电话13812345678',
        now: '2026-11-25T10:00:00+08:00',
      }),
      'not json',
      JSON.stringify({ id: 'b' }),
      JSON.stringify({ id: 7, text: 'I was charged $49.99 twice, I want a refund' }),
    ].join('\n');
    const { status, lines, stderr } = qingting(['analyze'], input);
    expect(status).toBe(0);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({
      id: 'a',
      lang: 'zh',
      emotion: 'angry',
      intent: 'complaint',
      category: 'network',
      nature: 'effective',
    });
    expect(lines[0]?.entities).toMatchObject({
      contact_phone: { value: '13812345678' },
      product: { value: '宽带' },
    });
    expect(lines[1]).toEqual({ error: 'invalid JSON' });
    expect(lines[2]).toMatchObject({ id: 'b', error: expect.any(String) as unknown });
    expect(lines[3]).toMatchObject({
      id: 7,
      lang: 'en',
      entities: { amount: { value: '49.99 USD' }, demand: { value: 'refund' } },
    });
    expect(Object.keys(lines[3] ?? {}).sort()).toEqual([
      'category',
      'emotion',
      'entities',
      'flags',
      'id',
      'intensity',
      'intent',
      'lang',
      'nature',
    ]);
    expect(stderr).toContain('invalid JSON');
  });
});

describe('qingting train emotion → analyze --model', () => {
  it('trains on a tiny file, writes a model the analyzer loads, and skips bad lines', () => {
    const data = join(dir, 'train.jsonl');
    const rows = [
      ...['包裹又晚到了', '客服又挂我电话', '又乱扣钱'].map((text) => ({ text, label: 'angry' })),
      ...['谢谢你们,很快就修好了', '师傅很专业', '服务真贴心'].map((text) => ({
        text,
        label: 'positive',
      })),
      ...['我想查一下账单', '宽带怎么办理', '营业厅几点开门'].map((text) => ({
        text,
        label: 'neutral',
      })),
    ];
    writeFileSync(
      data,
      [...rows.map((r) => JSON.stringify(r)), '{"text":"x","label":"furious"}', 'oops'].join('\n'),
    );
    const out = join(dir, 'model');
    const trained = qingting(['train', 'emotion', '--data', data, '--out', out], '');
    expect(trained.status).toBe(0);
    expect(trained.stderr).toContain('trained on 9 lines (2 skipped)');
    const analyzed = qingting(
      ['analyze', '--model', out],
      JSON.stringify({ id: 1, text: '又晚到了' }),
    );
    expect(analyzed.lines[0]).toMatchObject({ id: 1, emotion: 'angry' });
  });

  it('refuses to run without --data and --out', () => {
    expect(qingting(['train', 'emotion'], '').status).toBe(2);
  });
});
