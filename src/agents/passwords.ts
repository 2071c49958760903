import { hash, verify } from '@node-rs/argon2';
import { MIN_PASSWORD_CHARS } from './agent.js';

/**
 * argon2id (the library's default algorithm) at OWASP's recommended floor (19 MiB, 2 passes,
 * 1 lane): sound for login, cheap at start-up.
 */
const HASH_OPTIONS = {
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** A hash to verify against when the username is unknown, so a miss takes as long as a wrong password. */
const DECOY_PASSWORD = 'qingting-decoy-password';
let decoyHash: Promise<string> | undefined;

/** The argon2id hash of a password of at least MIN_PASSWORD_CHARS characters. */
export function hashPassword(password: string): Promise<string> {
  if (password.length < MIN_PASSWORD_CHARS)
    return Promise.reject(new RangeError(`password shorter than ${MIN_PASSWORD_CHARS} characters`));
  return hash(password, HASH_OPTIONS);
}

/** Whether the password matches; with no stored hash, a decoy is checked so timing tells nothing. */
export async function passwordMatches(
  stored: string | undefined,
  password: string,
): Promise<boolean> {
  decoyHash ??= hash(DECOY_PASSWORD, HASH_OPTIONS);
  const valid = await verify(stored ?? (await decoyHash), password);
  return valid && stored !== undefined;
}
