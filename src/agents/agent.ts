import { z } from 'zod';

export const AGENT_ROLES = ['agent', 'admin'] as const;
export const AgentRole = z.enum(AGENT_ROLES);
export type AgentRole = z.infer<typeof AgentRole>;

/** Who is acting, as carried in a token and attached to each authenticated request or socket. */
export const AgentIdentity = z.object({
  username: z.string().min(1),
  role: AgentRole,
});
export type AgentIdentity = z.infer<typeof AgentIdentity>;

export const Username = z
  .string()
  .regex(/^[\p{L}\p{N}_.-]{1,64}$/u, 'letters, digits, _ . - (1–64 characters)');

/** Shorter seeded passwords are refused at start-up: an 8-character floor, as NIST SP 800-63B sets. */
export const MIN_PASSWORD_CHARS = 8;

/** `name:password[,name:password]`; a password may itself contain `:`. */
export const AgentSeed = z
  .string()
  .transform((seed) => seed.split(',').filter((entry) => entry.trim() !== ''))
  .pipe(
    z.array(
      z
        .string()
        .transform((entry) => {
          const at = entry.indexOf(':');
          return {
            username: entry.slice(0, at).trim(),
            password: at < 0 ? '' : entry.slice(at + 1),
          };
        })
        .pipe(
          z.object({
            username: Username,
            password: z
              .string()
              .min(MIN_PASSWORD_CHARS, `password shorter than ${MIN_PASSWORD_CHARS} characters`),
          }),
        ),
    ),
  );
export type AgentSeed = z.infer<typeof AgentSeed>;

const GroupName = z
  .string()
  .regex(/^[\p{L}\p{N}_.-]{1,64}$/u, 'letters, digits, _ . - (1–64 characters)');

/** A new account (seeded, or created by an admin): the password is hashed before it is kept. */
export const NewAgent = z.object({
  username: Username,
  password: z
    .string()
    .min(MIN_PASSWORD_CHARS, `password shorter than ${MIN_PASSWORD_CHARS} characters`),
  role: AgentRole.default('agent'),
  displayName: z.string().trim().min(1).max(100).optional(),
  groups: z.array(GroupName).max(20).default([]),
});
export type NewAgent = z.input<typeof NewAgent>;

/** An account as staff lists show it: never its hash. */
export const AgentListing = AgentIdentity.extend({
  displayName: z.string().optional(),
  disabled: z.boolean(),
  groups: z.array(z.string()),
});
export type AgentListing = z.infer<typeof AgentListing>;
