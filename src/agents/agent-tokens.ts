import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { z } from 'zod';
import type { AgentIdentity } from './agent.js';
import type { AgentAccount, AgentDirectory } from './agent-directory.port.js';

const ISSUER = 'qingting';
const AUDIENCE = 'qingting-agent';

/** The claims a token must carry; the role is read from the directory, never from the token. */
const Claims = z.object({
  sub: z.string().min(1),
  exp: z.number().int(),
  ver: z.number().int().min(0),
});

/**
 * Short-lived HS256 bearer tokens for agents (jose). A token verifies only when it is signed with
 * our secret, carries `exp` and has not passed it, and names an existing, enabled account whose
 * password has not been reset since (its token version still matches).
 */
export class AgentTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string | undefined,
    private readonly ttlSeconds: number,
    private readonly directory: Pick<AgentDirectory, 'find'>,
  ) {
    this.key = secret === undefined ? randomBytes(32) : new TextEncoder().encode(secret);
  }

  async issue(
    account: AgentAccount,
    now = new Date(),
  ): Promise<{ token: string; expiresAt: string }> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const token = await new SignJWT({ role: account.role, ver: account.tokenVersion })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(account.username)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.ttlSeconds)
      .sign(this.key);
    return { token, expiresAt: new Date((issuedAt + this.ttlSeconds) * 1000).toISOString() };
  }

  async verify(token: string): Promise<AgentIdentity | undefined> {
    let claims: z.infer<typeof Claims>;
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'sub'],
      });
      const parsed = Claims.safeParse(payload);
      if (!parsed.success) return undefined;
      claims = parsed.data;
    } catch {
      return undefined;
    }
    const account = await this.directory.find(claims.sub);
    if (account === undefined || account.disabled || account.tokenVersion !== claims.ver)
      return undefined;
    return { username: account.username, role: account.role };
  }
}
