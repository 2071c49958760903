import { ConfigError, type Env } from '../../config/env.js';

/** Settings of the Bot Framework channel, or undefined when it is off. */
export interface BotFrameworkSettings {
  appId: string;
  appPassword: string;
  appType: Env['MICROSOFT_APP_TYPE'];
  tenantId: string;
  /** False only for local development (no app id): requests are then not authenticated. */
  authenticated: boolean;
}

/**
 * On with `MICROSOFT_APP_ID` (JWT validated), or with `BOT_FRAMEWORK_ENABLED=true` and no app id for
 * local development — which `NODE_ENV=production` refuses, since anyone could then post activities.
 */
export function botFrameworkSettings(env: Readonly<Env>): BotFrameworkSettings | undefined {
  const appId = env.MICROSOFT_APP_ID;
  if (appId === undefined) {
    if (!env.BOT_FRAMEWORK_ENABLED) return undefined;
    if (env.NODE_ENV === 'production')
      throw new ConfigError(
        'Invalid BOT_FRAMEWORK_ENABLED: an unauthenticated /api/messages is refused when NODE_ENV=production (set MICROSOFT_APP_ID)',
      );
  }
  if (env.MICROSOFT_APP_TYPE === 'SingleTenant' && env.MICROSOFT_APP_TENANT_ID === undefined)
    throw new ConfigError(
      'Invalid MICROSOFT_APP_TENANT_ID: required when MICROSOFT_APP_TYPE=SingleTenant (unset)',
    );
  return {
    appId: appId ?? '',
    appPassword: env.MICROSOFT_APP_PASSWORD ?? '',
    appType: env.MICROSOFT_APP_TYPE,
    tenantId: env.MICROSOFT_APP_TENANT_ID ?? '',
    authenticated: appId !== undefined,
  };
}
