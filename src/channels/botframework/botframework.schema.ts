import type { Activity } from 'botbuilder';
import { z } from 'zod';

const Account = z.object({ id: z.string().min(1), name: z.string().optional() });

/**
 * What `/api/messages` needs of an incoming Activity before botbuilder sees it; the rest of the
 * Activity passes through untouched (channels add their own fields).
 */
export const ActivityFields = z.looseObject({
  type: z.string().min(1),
  id: z.string().optional(),
  channelId: z.string().min(1),
  serviceUrl: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
  from: z.looseObject(Account.shape),
  recipient: z.looseObject(Account.shape).optional(),
  text: z.string().optional(),
  locale: z.string().optional(),
  membersAdded: z.array(z.looseObject(Account.shape)).optional(),
  attachments: z.array(z.looseObject({ contentType: z.string() })).optional(),
});

/**
 * The validated body typed as botbuilder's `Activity` (whose many other fields botbuilder itself
 * treats as optional), as botbuilder's own `ActivityT` does.
 */
export const IncomingActivity = z.custom<Activity>(
  (value) => ActivityFields.safeParse(value).success,
);

/** Why a body is not an activity Qingting takes, naming the field. */
export const activityProblem = (body: unknown): string => {
  const result = ActivityFields.safeParse(body);
  return result.success ? 'not an activity' : z.prettifyError(result.error);
};

const ReferenceAccount = z.object({
  id: z.string(),
  name: z.string().default(''),
  role: z.string().optional(),
  aadObjectId: z.string().optional(),
});

/** A conversation reference as kept in the channel address, re-parsed before every send. */
export const StoredReference = z.object({
  channelId: z.string(),
  serviceUrl: z.string().min(1),
  conversation: z.object({
    id: z.string().min(1),
    isGroup: z.boolean().default(false),
    conversationType: z.string().default(''),
    name: z.string().default(''),
    tenantId: z.string().optional(),
  }),
  bot: ReferenceAccount.optional(),
  user: ReferenceAccount.optional(),
  locale: z.string().optional(),
});
export type StoredReference = z.infer<typeof StoredReference>;
