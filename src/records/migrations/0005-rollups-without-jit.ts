import { statements } from './statements.js';

/**
 * The rollup functions of 0004 run without JIT: on the 1M-ticket bench, compiling their hundred-odd
 * aggregates took the server half a minute per statement, for statements that run in milliseconds
 * (a 30-day rebuild: 89 s with JIT, 19 s without, at load 15).
 */
const FUNCTIONS = [
  'analytics_rollup_rebuild(date, date)',
  ...['tickets', 'handoffs', 'analytics_events'].flatMap((table) =>
    ['insert', 'update', 'delete'].map((op) => `${table}_rollup_${op}()`),
  ),
];

export const rollups0005 = statements(
  FUNCTIONS.map((fn) => `ALTER FUNCTION ${fn} SET jit = off`),
  FUNCTIONS.map((fn) => `ALTER FUNCTION ${fn} RESET jit`),
);
