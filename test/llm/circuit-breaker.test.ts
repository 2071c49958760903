import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../src/llm/circuit-breaker.js';
import { FakeClock } from './openai-fake.js';

function breaker(clock: FakeClock): CircuitBreaker {
  return new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1_000, now: clock.now });
}

describe('CircuitBreaker', () => {
  it('stays closed until N consecutive failures; a success resets the count', () => {
    const b = breaker(new FakeClock());
    b.recordFailure();
    b.recordFailure();
    b.recordSuccess();
    b.recordFailure();
    b.recordFailure();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toBe(true);
    b.recordFailure();
    expect(b.state).toBe('open');
    expect(b.tryAcquire()).toBe(false);
  });

  it('admits exactly one probe after the cool-down and closes when it succeeds', () => {
    const clock = new FakeClock();
    const b = breaker(clock);
    for (let i = 0; i < 3; i += 1) b.recordFailure();
    clock.advance(999);
    expect(b.tryAcquire()).toBe(false);
    clock.advance(1);
    expect(b.tryAcquire()).toBe(true);
    expect(b.state).toBe('half_open');
    expect(b.tryAcquire()).toBe(false);
    b.recordSuccess();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toBe(true);
  });

  it('re-opens for a full cool-down when the probe fails', () => {
    const clock = new FakeClock();
    const b = breaker(clock);
    for (let i = 0; i < 3; i += 1) b.recordFailure();
    clock.advance(1_000);
    expect(b.tryAcquire()).toBe(true);
    b.recordFailure();
    expect(b.state).toBe('open');
    clock.advance(999);
    expect(b.tryAcquire()).toBe(false);
    clock.advance(1);
    expect(b.tryAcquire()).toBe(true);
  });
});
