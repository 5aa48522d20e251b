import {
  CloudAdapter,
  ConfigurationServiceClientCredentialFactory,
  createBotFrameworkAuthenticationFromConfiguration,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import type { BotConfig } from './config.js';

/**
 * botbuilder's CloudAdapter. With an app id every request must carry a valid Bot Framework
 * token (else 401); without one botbuilder checks nothing, which only a developer may use.
 */
export function createAdapter(config: BotConfig, logger: Logger): CloudAdapter {
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.appTenantId,
  });
  const adapter = new CloudAdapter(createBotFrameworkAuthenticationFromConfiguration(null, credentials));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error({ err: error, activity: context.activity.type }, 'unhandled error in a turn');
  };
  return adapter;
}
