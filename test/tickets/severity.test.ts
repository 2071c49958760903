import { describe, expect, it } from 'vitest';
import { severityOf, type SeverityInput } from '../../src/tickets/severity.js';

const base: SeverityInput = {
  category: 'delivery',
  nature: 'effective',
  flags: [],
  emotion: 'neutral',
  intensity: 0,
};

describe('severityOf', () => {
  it.each([
    [{ category: 'emergency' }, 'P1'],
    [{ flags: ['safety'] }, 'P1'],
    [{ flags: ['media_threat'] }, 'P1'],
    [{ emotion: 'angry', intensity: 0.8 }, 'P2'],
    [{ flags: ['compensation_demand'] }, 'P2'],
    [{ category: 'privacy_security' }, 'P2'],
    [{}, 'P3'],
    [{ emotion: 'angry', intensity: 0.79 }, 'P3'],
    [{ nature: 'communicative' }, 'P4'],
    [{ nature: 'communicative', category: 'billing' }, 'P4'],
  ] as const)('%j → %s', (change, expected) => {
    expect(severityOf({ ...base, ...change })).toBe(expected);
  });
});
