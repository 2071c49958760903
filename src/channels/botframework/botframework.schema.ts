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
