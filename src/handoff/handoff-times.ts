import { SEVERITIES, type Severity } from '../domain/ticket.js';
import { BusinessHours } from './business-hours.js';

/** When agents answer and how long each severity may wait for one (env, then the admin's). */
export interface HandoffTimes {
  businessHours: BusinessHours;
  slaMinutes: Readonly<Record<Severity, number>>;
}

/**
 * The handoff's times in force: the environment's at start-up, replaced whole when an admin
 * publishes business hours (`business-hours.yaml`). The service reads it at every use, so a
 * publish needs no restart.
 */
export class LiveHandoffTimes {
  private times: HandoffTimes;

  constructor(initial: HandoffTimes) {
    this.times = initial;
  }

  current(): HandoffTimes {
    return this.times;
  }

  readonly use = (next: HandoffTimes): void => {
    this.times = next;
  };
}

/** The times of BUSINESS_HOURS, BUSINESS_TIME_ZONE and HANDOFF_SLA_MINUTES. */
export function envHandoffTimes(env: {
  BUSINESS_HOURS: string;
  BUSINESS_TIME_ZONE: string;
  HANDOFF_SLA_MINUTES: Readonly<Record<Severity, number>>;
}): HandoffTimes {
  return {
    businessHours: new BusinessHours(env.BUSINESS_HOURS, env.BUSINESS_TIME_ZONE),
    slaMinutes: env.HANDOFF_SLA_MINUTES,
  };
}

/**
 * SLA minutes per severity that always read the times in force: one object handed to every
 * consumer built once (queue items, inbox rows, the roster), so a publish reaches them all.
 */
export function liveSlaMinutes(times: {
  current(): HandoffTimes;
}): Readonly<Record<Severity, number>> {
  const live = {} as Record<Severity, number>;
  for (const severity of SEVERITIES)
    Object.defineProperty(live, severity, {
      enumerable: true,
      get: () => times.current().slaMinutes[severity],
    });
  return live;
}
