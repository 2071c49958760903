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
  // System of record (src/records/README.md).
  /** PostgreSQL for tickets, transcripts, handoffs, audit and analytics; unset: embedded PGlite in DATA_DIR. */
  DATABASE_URL: optionalString.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  /** Where the embedded PGlite database lives when DATABASE_URL is unset (`memory://`: nowhere, for tests). */
  DATA_DIR: z.string().min(1).default('./data'),
  /** `none` keeps tickets and transcripts in memory or Redis only (tests, throwaway demos). */
  RECORDS: z.enum(['database', 'none']).default('database'),
  /** Days each kind of personal data is kept, e.g. `transcripts=180,tickets=1095,audit=1825`. */
  RETENTION_DAYS: z
    .string()
    .regex(
      /^((transcripts|tickets|handoffs|audit|analytics)=\d+)(,(transcripts|tickets|handoffs|audit|analytics)=\d+)*$/,
      'kind=days pairs, kinds transcripts|tickets|handoffs|audit|analytics',
    )
    .default('transcripts=180,tickets=1095,handoffs=1095,audit=1825,analytics=1095'),
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
  // Channels (DESIGN §8): a channel is enabled by its variables; src/channels/<name> checks the set is complete.
  WECHAT_APP_ID: optionalString,
  WECHAT_APP_SECRET: optionalString,
  WECHAT_TOKEN: optionalString,
  /** 43 characters from the console; set: AES safe mode (安全模式), unset: plain mode. */
  WECHAT_ENCODING_AES_KEY: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9]{43}$/, '43 letters and digits')
      .optional(),
  ),
  WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
  WECOM_CORP_ID: optionalString,
  /** The 微信客服 secret (客服 → API → Secret), not an app's. */
  WECOM_SECRET: optionalString,
  WECOM_TOKEN: optionalString,
  WECOM_ENCODING_AES_KEY: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9]{43}$/, '43 letters and digits')
      .optional(),
  ),
  WECOM_API_BASE: z.url().default('https://qyapi.weixin.qq.com'),
  // — channels: Bot Framework, Telegram, email (DESIGN §8; src/channels/README.md) —
  /** `production` refuses an unauthenticated Bot Framework endpoint. */
  NODE_ENV: optionalString,
  /** Azure Bot registration; set: `POST /api/messages` validates the Bot Framework JWT. */
  MICROSOFT_APP_ID: optionalString,
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TENANT_ID: optionalString,
  MICROSOFT_APP_TYPE: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])
    .default('MultiTenant'),
  /** `true` without an app id: `/api/messages` with no authentication, for local development only. */
  BOT_FRAMEWORK_ENABLED: booleanFlag.default(false),
  /** From BotFather; set: the Telegram channel is on. */
  TELEGRAM_BOT_TOKEN: optionalString,
  /** The `secret_token` given to `setWebhook`; set: webhook at `/channels/telegram`, unset: long polling. */
  TELEGRAM_WEBHOOK_SECRET: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1–256 of A-Z a-z 0-9 _ - (Telegram rule)')
      .optional(),
  ),
  TELEGRAM_API_ROOT: z.url({ protocol: /^https?$/ }).default('https://api.telegram.org'),
  /** `imaps://user:password@host[:port]/[mailbox]`: incoming mail (IDLE). */
  EMAIL_IMAP_URL: optionalString.pipe(z.url({ protocol: /^imaps?$/ }).optional()),
  /** `smtps://user:password@host[:port]` or `smtp://…`: outgoing mail. */
  EMAIL_SMTP_URL: optionalString.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
  /** The address replies come from, e.g. `"Support" <support@example.com>`. */
  EMAIL_FROM: optionalString,
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
