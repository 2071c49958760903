import { isIP } from 'node:net';
import { z } from 'zod';

/** The names proxy-addr (express 'trust proxy') accepts for address ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const max = family === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}

/**
 * `TRUST_PROXY`: which peers may tell us the client's address in X-Forwarded-For. Unset: nobody
 * (the socket's peer is the client). A number: that many proxy hops in front of us. Otherwise a
 * comma-separated list of addresses, CIDRs or `loopback`/`linklocal`/`uniquelocal`. The value is
 * what express's 'trust proxy' setting and proxy-addr take; `true` (trust anyone) is refused.
 */
export const TrustProxy = z
  .string()
  .trim()
  .optional()
  .transform((raw, ctx): false | number | string[] => {
    if (raw === undefined || raw === '' || raw === 'false') return false;
    if (/^\d+$/.test(raw)) return Number(raw);
    const entries = raw.split(',').map((entry) => entry.trim());
    const bad = entries.find((entry) => !isAddressOrRange(entry));
    if (bad !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `"${bad}" is not a hop count, an IP address, a CIDR or loopback/linklocal/uniquelocal`,
      });
      return z.NEVER;
    }
    return entries;
  });
export type TrustProxy = z.infer<typeof TrustProxy>;
