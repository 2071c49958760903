import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { BotFrameworkSettings } from './botframework.config.js';

/**
 * botbuilder's `CloudAdapter` with the app registration's credentials: incoming requests carry a
 * Bot Framework JWT that is validated (none needed without an app id), replies and proactive
 * messages go to the activity's `serviceUrl` with the bot's own token.
 */
export class BotFrameworkCloudAdapter extends CloudAdapter {
  constructor(readonly settings: BotFrameworkSettings) {
    const credentials = {
      MicrosoftAppId: settings.appId,
      MicrosoftAppPassword: settings.appPassword,
      MicrosoftAppType: settings.appType,
      MicrosoftAppTenantId: settings.tenantId,
    };
    super(
      new ConfigurationBotFrameworkAuthentication(
        { MicrosoftAppId: settings.appId, MicrosoftAppTenantId: settings.tenantId },
        new ConfigurationServiceClientCredentialFactory(credentials),
      ),
    );
  }

  /** Authenticates and runs one turn; rejects with botbuilder's `AuthenticationError` on a bad token. */
  runTurn(
    authorization: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }
}
