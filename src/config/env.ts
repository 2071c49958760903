import { z } from 'zod';
import { AgentSeed } from '../agents/agent.js';
import type { Severity } from '../domain/ticket.js';
import { TICKET_VERIFY_MODES } from '../tickets/ticket-access.js';
import { TrustProxy } from './trust-proxy.js';

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
  /** HMAC secret for agent tokens; required in Redis mode; unset embedded: a random one per process. */
  AGENT_TOKEN_SECRET: optionalString.pipe(
    z.string().min(32, 'must be at least 32 characters').optional(),
  ),
  AGENT_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(28_800),
  /** Failed agent logins allowed per username and address per 15 minutes. */
  AGENT_LOGIN_ATTEMPTS: z.coerce.number().int().positive().default(5),
  /** How long a disconnected agent keeps their cases before they are requeued. */
  AGENT_GRACE_SECONDS: z.coerce.number().int().positive().default(120),
  /** `on`: a newly queued (or requeued) case goes to the least-loaded online agent who can take it. */
  AUTO_ASSIGN: z.enum(['on', 'off']).default('off'),
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
    .default('15,30,60,240')
    .transform((list) => list.split(',').map(Number))
    .pipe(z.tuple([z.number(), z.number(), z.number(), z.number()]))
    .transform(([P1, P2, P3, P4]): Readonly<Record<Severity, number>> => ({ P1, P2, P3, P4 })),
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
  // — runtime security (DESIGN §11) —
  /** Which peers may set X-Forwarded-For: unset = none; a hop count, or addresses/CIDRs/`loopback`… */
  TRUST_PROXY: TrustProxy,
  /** Window of AGENT_LOGIN_ATTEMPTS; a locked-out account or address waits this long. */
  AGENT_LOGIN_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  /** An agent whose consoles sent no heartbeat for this long counts as gone (grace then starts). */
  AGENT_PRESENCE_TTL_SECONDS: z.coerce.number().int().min(3).default(30),
  /** Idle web-chat sessions, bot state and hot transcripts expire this long after the last activity. */
  SESSION_TTL_DAYS: z.coerce.number().positive().default(30),
  /** Embedded mode: conversations kept in memory; the least recently active beyond it are evicted. */
  EMBEDDED_MAX_CONVERSATIONS: z.coerce.number().int().positive().default(10_000),
  /** Longest a customer turn may take before the customer gets a polite holding reply. */
  TURN_DEADLINE_MS: z.coerce.number().int().positive().default(15_000),
  /** New web-chat sessions one client address may open per 10 minutes. */
  SESSIONS_PER_ADDRESS: z.coerce.number().int().positive().default(60),
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
  /** Seconds between mailbox checks besides IDLE pushes (a server may miss one; a reconnect can too). */
  EMAIL_POLL_SECONDS: z.coerce.number().positive().default(30),
});

/** Rules across variables; each issue is reported like a single-variable one. */
const CheckedEnvSchema = EnvSchema.superRefine((env, ctx) => {
  if (env.REDIS_URL !== undefined && env.AGENT_TOKEN_SECRET === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['AGENT_TOKEN_SECRET'],
      message: 'required when REDIS_URL is set (every instance must verify the same tokens)',
    });
  }
  const seed = AgentSeed.safeParse(env.AGENT_SEED ?? '');
  if (!seed.success) {
    const issue = seed.error.issues[0];
    const entry = typeof issue?.path[0] === 'number' ? `entry ${issue.path[0] + 1}: ` : '';
    ctx.addIssue({
      code: 'custom',
      path: ['AGENT_SEED'],
      message: `${entry}${issue?.message ?? 'expected name:password[,name:password]'}`,
    });
  }
});
export type Env = z.infer<typeof EnvSchema>;

/** Variables whose values are never echoed in an error (they are, or may embed, credentials). */
const SECRET_VARIABLES = new Set([
  'AGENT_TOKEN_SECRET',
  'AGENT_SEED',
  'OPENAI_API_KEY',
  'REDIS_URL',
  'DATABASE_URL',
]);

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment once; a bad value becomes one line naming the variable and what it expected. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Readonly<Env> {
  const result = CheckedEnvSchema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    const value = source[variable];
    const got =
      value === undefined
        ? 'unset'
        : SECRET_VARIABLES.has(variable) || /SECRET|PASSWORD|TOKEN|KEY/.test(variable)
          ? 'value hidden'
          : `got ${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)}`;
    const message = (issue?.message ?? 'bad value').replace(/\s+/g, ' ');
    throw new ConfigError(`Invalid ${variable}: ${message} (${got})`);
  }
  return Object.freeze(result.data);
}
