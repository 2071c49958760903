import { ConfigError, type Env } from '../../config/env.js';

/**
 * A channel's variables are all set or all unset: returns the values when complete, undefined when
 * none is set, and stops start-up naming the missing ones otherwise.
 */
export function completeVariables<K extends keyof Env>(
  env: Readonly<Env>,
  channel: string,
  required: readonly K[],
  optional: readonly (keyof Env)[] = [],
): { [P in K]: NonNullable<Env[P]> } | undefined {
  const given = [...required, ...optional].filter((name) => env[name] !== undefined);
  if (given.length === 0) return undefined;
  const missing = required.filter((name) => env[name] === undefined);
  if (missing.length > 0)
    throw new ConfigError(
      `Invalid ${missing.join(', ')}: required for the ${channel} channel (${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} set)`,
    );
  return Object.fromEntries(required.map((name) => [name, env[name]])) as {
    [P in K]: NonNullable<Env[P]>;
  };
}
