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

/** The rule for every password (seeded, set up, created or reset); the login takes up to 256. */
export const Password = z
  .string()
  .min(MIN_PASSWORD_CHARS, `password shorter than ${MIN_PASSWORD_CHARS} characters`)
  .max(256);

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
            password: Password,
          }),
        ),
    ),
  );
export type AgentSeed = z.infer<typeof AgentSeed>;

export const GroupName = z
  .string()
  .regex(/^[\p{L}\p{N}_.-]{1,64}$/u, 'letters, digits, _ . - (1–64 characters)');

const DisplayName = z.string().trim().min(1).max(100);

/** How many cases an agent may own at once; unset: no limit. */
export const Capacity = z.number().int().min(1).max(50);

/** A new account (seeded, or created by an admin): the password is hashed before it is kept. */
export const NewAgent = z.object({
  username: Username,
  password: Password,
  role: AgentRole.default('agent'),
  displayName: DisplayName.optional(),
  groups: z.array(GroupName).max(20).default([]),
  capacity: Capacity.optional(),
});
export type NewAgent = z.input<typeof NewAgent>;

/** What an admin may change on an account; `null` clears a display name or a capacity. */
export const AgentChanges = z
  .object({
    displayName: DisplayName.nullable(),
    role: AgentRole,
    groups: z.array(GroupName).max(20),
    capacity: Capacity.nullable(),
  })
  .partial()
  .strict();
export type AgentChanges = z.infer<typeof AgentChanges>;

/** A new password, as an admin's reset gives it. */
export const PasswordReset = z.object({ password: Password }).strict();

/** An account as staff lists show it: never its hash. */
export const AgentListing = AgentIdentity.extend({
  displayName: z.string().optional(),
  disabled: z.boolean(),
  groups: z.array(z.string()),
  capacity: z.number().int().optional(),
});
export type AgentListing = z.infer<typeof AgentListing>;

/** A group of agents (a transfer target `group:<name>`), with its members by username. */
export const AgentGroup = z.object({
  name: GroupName,
  displayName: z.string().optional(),
  members: z.array(z.string()),
});
export type AgentGroup = z.infer<typeof AgentGroup>;

/** A new group, or a group's new display name (`null` clears it). */
export const NewGroup = z.object({ name: GroupName, displayName: DisplayName.optional() }).strict();
export const GroupChanges = z.object({ displayName: DisplayName.nullable() }).strict();
