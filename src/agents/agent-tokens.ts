import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { AgentIdentity } from './agent.js';

const ISSUER = 'qingting';
const AUDIENCE = 'qingting-agent';

/** Short-lived HS256 bearer tokens for agents (jose); an expired or forged token verifies to nothing. */
export class AgentTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string | undefined,
    private readonly ttlSeconds: number,
  ) {
    this.key = secret === undefined ? randomBytes(32) : new TextEncoder().encode(secret);
  }

  async issue(
    identity: AgentIdentity,
    now = new Date(),
  ): Promise<{ token: string; expiresAt: string }> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const token = await new SignJWT({ role: identity.role })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(identity.username)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.ttlSeconds)
      .sign(this.key);
    return { token, expiresAt: new Date((issuedAt + this.ttlSeconds) * 1000).toISOString() };
  }

  async verify(token: string): Promise<AgentIdentity | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
      const parsed = AgentIdentity.safeParse({ username: payload.sub, role: payload.role });
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }
}
