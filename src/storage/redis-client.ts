import { createClient, type RedisClientType } from 'redis';
import type { Logger } from 'pino';

export type RedisClient = RedisClientType;

/** Connects node-redis with an error listener that logs and never throws (STYLE §11); the client reconnects by itself. */
export async function connectRedis(
  url: string,
  logger: Logger,
  name = 'main',
): Promise<RedisClient> {
  const client: RedisClient = createClient({ url });
  client.on('error', (error: unknown) => logger.warn({ err: error, redis: name }, 'redis error'));
  await client.connect();
  return client;
}

/** A connected copy of a client, for the pub/sub pair of the socket.io adapter. */
export async function duplicateRedis(
  client: RedisClient,
  logger: Logger,
  name: string,
): Promise<RedisClient> {
  const copy = client.duplicate();
  copy.on('error', (error: unknown) => logger.warn({ err: error, redis: name }, 'redis error'));
  await copy.connect();
  return copy;
}
