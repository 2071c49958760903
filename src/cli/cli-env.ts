import { loadEnv, type Env } from '../config/env.js';

/**
 * The environment for the command line, which never talks to a server (DESIGN §6): the server-only
 * variables are dropped before validation, so a shell with REDIS_URL set (CI, a production box)
 * does not demand the server's secrets.
 */
export function loadCliEnv(source: NodeJS.ProcessEnv = process.env): Readonly<Env> {
  const cli = { ...source };
  delete cli['REDIS_URL'];
  delete cli['DATABASE_URL'];
  return loadEnv(cli);
}
