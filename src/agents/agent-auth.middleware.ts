import type { RequestHandler, Response } from 'express';
import { AgentIdentity } from './agent.js';
import type { AgentTokens } from './agent-tokens.js';

/** Reads `Authorization: Bearer <token>`; anything else is no token. */
export function bearerOf(header: string | undefined): string | undefined {
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header ?? '');
  return match?.[1];
}

/** 401 unless the request carries a valid, unexpired agent token; the identity goes on `res.locals.agent`. */
export function requireAgent(tokens: AgentTokens): RequestHandler {
  return (req, res, next) => {
    const token = bearerOf(req.headers.authorization);
    if (token === undefined) {
      res.status(401).json({ error: 'missing bearer token' });
      return;
    }
    tokens.verify(token).then(
      (identity) => {
        if (identity === undefined) {
          res.status(401).json({ error: 'invalid or expired token' });
          return;
        }
        res.locals.agent = identity;
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

/** The identity `requireAgent` attached; only valid on routes behind it. */
export function agentOf(res: Response): AgentIdentity {
  return AgentIdentity.parse(res.locals.agent);
}
