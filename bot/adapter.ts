import {
  type Activity,
  CloudAdapter,
  type InvokeResponse,
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
export function createAdapter(config: BotConfig, logger: Logger): AanZetAdapter {
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.appTenantId,
  });
  const adapter = new AanZetAdapter(createBotFrameworkAuthenticationFromConfiguration(null, credentials));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error({ err: error, activity: context.activity.type }, 'unhandled error in a turn');
  };
  return adapter;
}

/**
 * CloudAdapter whose turn the server starts itself with the parsed activity, so that the server
 * answers a failed token check with 401 and its own log line (CloudAdapter.process prints the
 * error with its stack to the console, and answers 500 for anything else it throws).
 */
export class AanZetAdapter extends CloudAdapter {
  /** Checks the Authorization header, then runs the turn; a token failure throws with statusCode 401. */
  processIncoming(
    authorization: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }
}
