import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadFlowSet } from '../../src/flows/flow.loader.js';
import { hotConfig } from '../../src/flows/hot-config.js';
import { askedSlots, IntakeHarness } from '../support/intake-harness.js';
import { PHRASES } from '../support/intake-phrases.js';

it('a running conversation follows a flow edited mid-way, and ignores a broken edit', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'qt-live-flows-'));
  await cp('config/flows', dir, { recursive: true });
  const flows = await hotConfig({ load: () => loadFlowSet(dir) });
  try {
    const chat = await IntakeHarness.create({ flows });
    expect(askedSlots(await chat.send(PHRASES.en.billing))).toEqual(['account', 'demand']);

    const file = join(dir, 'billing.yaml');
    const good = await readFile(file, 'utf8');
    await writeFile(file, good.replace('required: [event,', 'required: [event, place, people,'));
    expect((await flows.reload()).ok).toBe(true);
    await writeFile(file, good.replace('required: [event,', 'required: [event, plaice,'));
    expect((await flows.reload()).ok).toBe(false);

    // The admin's new required slots are asked next; the broken edit changed nothing.
    expect(askedSlots(await chat.send(PHRASES.en.phone))).toEqual(['place', 'people']);
  } finally {
    flows.close();
    await rm(dir, { recursive: true, force: true });
  }
});
