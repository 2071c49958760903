import { z } from 'zod';
import { TICKET_VERIFY_MODES } from '../tickets/ticket-access.js';

const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Every environment variable Qingting reads (DESIGN §6); the only place that touches `process.env`. */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  REDIS_URL: optionalString.pipe(z.url({ protocol: /^rediss?$/ }).optional()),
  /** Key prefix for everything Qingting stores in Redis, so several deployments or tests share one server. */
  REDIS_PREFIX: z.string().min(1).default('qt:'),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().positive().default(8000),
  /** Mask phone and id numbers before customer text leaves the machine. */
  OPENAI_MASK_PII: booleanFlag.default(true),
  /** Consecutive LLM failures that open the circuit breaker (calls then go straight to the fallback). */
  OPENAI_BREAKER_THRESHOLD: z.coerce.number().int().positive().default(3),
  /** How long an open breaker waits before letting one probe call through. */
  OPENAI_BREAKER_COOLDOWN_MS: z.coerce.number().int().positive().default(30_000),
  /** `name:password[,name:password]`: agent accounts created at start-up for demos and tests. */
  AGENT_SEED: optionalString,
  /** Seeded agents who get the `admin` role, comma-separated. */
  AGENT_ADMINS: z.string().default(''),
  /** HMAC secret for agent tokens; unset: a random one per process (tokens die with it). */
  AGENT_TOKEN_SECRET: optionalString.pipe(z.string().min(32).optional()),
  AGENT_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(28_800),
  /** Failed agent logins allowed per username and address per 15 minutes. */
  AGENT_LOGIN_ATTEMPTS: z.coerce.number().int().positive().default(5),
  /** How long a disconnected agent keeps their cases before they are requeued. */
  AGENT_GRACE_SECONDS: z.coerce.number().int().positive().default(120),
  /** When agents answer, e.g. `mon-fri 09:00-18:00`; outside it customers are told when to expect contact. */
  BUSINESS_HOURS: z
    .string()
    .regex(/^(mon|tue|wed|thu|fri|sat|sun)-(mon|tue|wed|thu|fri|sat|sun) \d\d:\d\d-\d\d:\d\d$/)
    .default('mon-sun 00:00-24:00'),
  BUSINESS_TIME_ZONE: z.string().min(1).default('Asia/Shanghai'),
  /** Minutes an agent has to pick up a P1,P2,P3,P4 case before an SLA-breach alert. */
  HANDOFF_SLA_MINUTES: z
    .string()
    .regex(/^\d+,\d+,\d+,\d+$/)
    .default('15,30,60,240'),
  /** Hours after an agent closes a case until the follow-up (回访) reminder. */
  FOLLOW_UP_HOURS: z.coerce.number().positive().default(24),
  /** Folder holding flows, scripts, knowledge base and rules; defaults to the shipped `config/`. */
  CONFIG_DIR: z.string().min(1).default('config'),
  /** A model trained by `qingting train emotion`, loaded by the offline understanding backend. */
  EMOTION_MODEL_DIR: optionalString,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest customer message accepted, in characters. */
  MAX_MESSAGE_CHARS: z.coerce.number().int().positive().default(4000),
  /** Customer messages allowed per session per 10 seconds. */
  CHAT_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  // Ticket self-service (src/tickets/README.md).
  /** How a chat proves a ticket filed elsewhere is its own: `phone_last4` of the contact phone, or `none`. */
  TICKET_VERIFY: z.enum(TICKET_VERIFY_MODES).default('phone_last4'),
  /** Lookups of tickets not one's own (and proof attempts) per session per window. */
  TICKET_LOOKUPS_PER_SESSION: z.coerce.number().int().positive().default(5),
  /** The same per client address, across its sessions. */
  TICKET_LOOKUPS_PER_ADDRESS: z.coerce.number().int().positive().default(20),
  TICKET_LOOKUP_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  /** Serve the widget's and consoles' source maps (`*.js.map`); off in production. */
  SERVE_SOURCE_MAPS: booleanFlag.default(false),
});
export type Env = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment once; a bad value becomes one line naming the variable and what it expected. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Readonly<Env> {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = issue?.path.join('.') ?? 'environment';
    throw new ConfigError(
      `Invalid ${variable}: ${issue?.message ?? 'bad value'} (got ${JSON.stringify(source[variable])})`,
    );
  }
  return Object.freeze(result.data);
}
