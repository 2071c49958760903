import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  TurnContext,
  type Activity,
  type ConversationReference,
} from 'botbuilder';
import type { BotFrameworkSettings } from './botframework.config.js';

/**
 * The Bot Framework side of the channel, on botbuilder's `CloudAdapter` and
 * `ConfigurationBotFrameworkAuthentication`: incoming requests carry a JWT that is validated (none is
 * needed without an app id), outgoing activities go to the conversation's `serviceUrl` with the
 * bot's own token — replies and proactive messages alike, by stored conversation reference.
 */
export class BotFrameworkClient {
  private readonly auth: ConfigurationBotFrameworkAuthentication;
  private readonly adapter: CloudAdapter;

  constructor(private readonly settings: BotFrameworkSettings) {
    this.auth = new ConfigurationBotFrameworkAuthentication(
      { MicrosoftAppId: settings.appId, MicrosoftAppTenantId: settings.tenantId },
      new ConfigurationServiceClientCredentialFactory({
        MicrosoftAppId: settings.appId,
        MicrosoftAppPassword: settings.appPassword,
        MicrosoftAppType: settings.appType,
        MicrosoftAppTenantId: settings.tenantId,
      }),
    );
    this.adapter = new CloudAdapter(this.auth);
  }

  /** Resolves when the request's `Authorization` header is valid for this activity. */
  async authenticate(activity: Activity, authorization: string): Promise<void> {
    await this.auth.authenticateRequest(activity, authorization);
  }

  /** Posts activities, in order, to the conversation the reference names. */
  async post(
    reference: Partial<ConversationReference>,
    activities: Partial<Activity>[],
  ): Promise<void> {
    await this.adapter.continueConversationAsync(
      this.settings.appId,
      reference,
      async (context) => {
        const addressed = activities.map((activity) =>
          TurnContext.applyConversationReference({ ...activity }, reference),
        );
        await context.adapter.sendActivities(context, addressed);
      },
    );
  }
}
