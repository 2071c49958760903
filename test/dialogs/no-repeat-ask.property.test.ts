import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { SLOT_NAMES, type Category, type SlotName } from '../../src/domain/taxonomy.js';
import type { FlowSet } from '../../src/flows/flow.schema.js';
import { askedSlots, IntakeHarness, shippedConfig } from '../support/intake-harness.js';
import { scriptedUnderstanding, slotMessage } from '../support/scripted-understanding.js';

const CATEGORIES: readonly Category[] = [
  'billing',
  'unauthorized_service',
  'product_quality',
  'service_attitude',
  'network',
  'refund_claim',
  'other',
];

let flows: FlowSet;
beforeAll(async () => {
  flows = (await shippedConfig()).flows;
});

/** One customer turn: several slots at once, a "不清楚", or a message with nothing in it. */
const turnArb = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.subarray([...SLOT_NAMES], { minLength: 1, maxLength: 4 }).map(slotMessage),
  },
  { weight: 1, arbitrary: fc.constant('不清楚') },
  { weight: 1, arbitrary: fc.constant('嗯嗯') },
);

/** Slots whose answer can miss the question (no value of theirs named), asked once more then. */
const REASKABLE: readonly SlotName[] = ['demand'];

it('never asks a slot twice (but once more, alone, after a missed answer), never one already given, at most two per turn', async () => {
  const understanding = scriptedUnderstanding();
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...CATEGORIES),
      fc.subarray([...SLOT_NAMES], { maxLength: 4 }),
      fc.array(turnArb, { maxLength: 8 }),
      async (category, openerSlots, turns) => {
        const chat = await IntakeHarness.create({ understanding });
        const given = new Set<SlotName>();
        const asked: string[] = [];
        const reasked = new Set<string>();
        let previous: string[] = [];
        const messages = [
          `open:${category}`,
          ...(openerSlots.length ? [slotMessage(openerSlots)] : []),
          ...turns,
        ];
        for (const message of messages) {
          if (message.startsWith('slots:'))
            for (const slot of message.slice(6).split(',')) given.add(slot as SlotName);
          const now = askedSlots(await chat.send(message));
          expect(now.length).toBeLessThanOrEqual(2);
          for (const slot of now) {
            const again =
              REASKABLE.includes(slot as SlotName) &&
              now.length === 1 &&
              previous.includes(slot) &&
              !reasked.has(slot);
            if (again) reasked.add(slot);
            else expect(asked).not.toContain(slot);
            expect(given.has(slot as SlotName)).toBe(false);
            expect(flows.flowFor(category).required).toContain(slot);
          }
          asked.push(...now);
          previous = now;
        }
      },
    ),
    { numRuns: 100 },
  );
});
