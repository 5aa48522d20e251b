import {
  type Activity,
  CallerIdConstants,
  CloudAdapter,
  type InvokeResponse,
  ConfigurationServiceClientCredentialFactory,
  createBotFrameworkAuthenticationFromConfiguration,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import type { BotConfig } from './config.js';
import { reusingConnectorClients } from './connector-clients.js';

/**
 * botbuilder's CloudAdapter. With an app id every request must carry a valid Bot Framework
 * token (else 401); without one botbuilder checks nothing, which only a developer may use.
 */
export function createAdapter(
  config: BotConfig,
  logger: Logger,
  options: { openIdMetadataUrl?: string } = {},
): AanZetAdapter {
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.appTenantId,
  });
  // Tests point the token check at a local key set; production keeps Microsoft's.
  const url = options.openIdMetadataUrl;
  const configuration: Parameters<typeof createBotFrameworkAuthenticationFromConfiguration>[0] = url
    ? {
        // botbuilder takes every setting from here once one is given: the public cloud's, but the keys.
        get: <T = unknown>() =>
          ({
            ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
            ToChannelFromBotOAuthScope: 'https://api.botframework.com',
            ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
            OAuthUrl: 'https://api.botframework.com',
            ToBotFromEmulatorOpenIdMetadataUrl:
              'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
            CallerId: CallerIdConstants.PublicAzureChannel,
            ToBotFromChannelOpenIdMetadataUrl: url,
          }) as T,
        set: () => undefined,
      }
    : null;
  const adapter = new AanZetAdapter(
    reusingConnectorClients(createBotFrameworkAuthenticationFromConfiguration(configuration, credentials)),
  );
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error({ err: error, activity: context.activity.type }, 'unhandled error in a turn');
  };
  return adapter;
}

/** The token was missing, malformed, forged, expired or for another bot: the sender's fault, 401. */
export class TokenRefused extends Error {
  constructor(readonly reason: string) {
    super(`token refused: ${reason}`);
  }
}

/** jsonwebtoken's own errors for a token that does not verify (bad signature, expired, not yet valid). */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * CloudAdapter whose turn the server starts itself with the parsed activity. The token is
 * checked first, on its own, so that every way a token can be wrong becomes a TokenRefused
 * (CloudAdapter.process answers 500 for a forged signature, and prints each error with its
 * stack). Failing to fetch the signing keys is not the sender's fault and stays an error.
 */
export class AanZetAdapter extends CloudAdapter {
  async processIncoming(
    authorization: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    let authenticated: Awaited<ReturnType<typeof this.botFrameworkAuthentication.authenticateRequest>>;
    try {
      authenticated = await this.botFrameworkAuthentication.authenticateRequest(activity, authorization);
    } catch (error) {
      const e = error as { statusCode?: unknown; name?: unknown; message?: unknown };
      if (e.statusCode === 401 || (typeof e.name === 'string' && TOKEN_ERRORS.has(e.name)))
        throw new TokenRefused(String(e.message));
      throw error;
    }
    return this.processActivity(authenticated, activity, logic);
  }
}
