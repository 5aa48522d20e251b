// The Teams test host, in the browser: it embeds the tab in an iframe and answers the messages
// the real @microsoft/teams-js v2 posts to its parent window, as Teams does. The wire format
// follows teams-js (internal/communication.ts, messageObjects.ts): a request is
// { id, uuidAsString, func, args }, an answer { id, uuidAsString, args }, and a host event
// { func, args } without id. Its configuration comes in the address's #fragment (JSON, see
// tests/helpers/teams-host.ts); tokens come from the test through an exposed function.

import type { HostConfig, HostGlobals, Received, Theme } from './host-protocol.js';

interface Request {
  id: number;
  uuidAsString?: string;
  func: string;
  args?: unknown[];
}

const host = window as Window & Partial<HostGlobals>;
const config = JSON.parse(decodeURIComponent(location.hash.slice(1))) as HostConfig;
const frame = document.getElementById('tab') as HTMLIFrameElement;
const received: Received[] = [];
/** The handlers the tab registered (themeChange, load …): events are sent only to those. */
const handlers: string[] = [];
let theme: Theme = config.theme;
document.body.dataset.theme = theme;

// Teams declares what it supports; teams-js refuses calls to anything not listed here.
const runtimeConfig = {
  apiVersion: 4,
  hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
  isLegacyTeams: false,
  supports: {
    app: {},
    appEntity: {},
    pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, currentApp: {}, fullTrust: {} },
    teamsCore: {},
  },
};

/** The context in Teams' wire format (teams-js turns it into app/page/user on its side). */
function legacyContext() {
  return {
    locale: config.locale,
    theme,
    entityId: config.pageId,
    subEntityId: config.subPageId,
    userObjectId: config.userObjectId,
    userPrincipalName: config.userPrincipalName,
    loginHint: config.userPrincipalName,
    tid: config.tenantId,
    hostName: 'Teams',
    hostClientType: 'web',
    frameContext: 'content',
    appSessionId: 'a1b2c3d4-0000-4000-8000-000000000001',
    sessionId: 'a1b2c3d4-0000-4000-8000-000000000002',
    isFullScreen: false,
  };
}

/** Messages teams-js sends without waiting for an answer. */
const ONE_WAY = new Set([
  'registerHandler',
  'appInitialization.appLoaded',
  'appInitialization.success',
  'appInitialization.failure',
  'appInitialization.expectedFailure',
  'setFrameContext',
]);

/** Messages this host answers as Teams does (see `answer`); any other is answered "not supported". */
const ANSWERED = new Set([
  'initialize',
  'getContext',
  'authentication.getAuthToken',
  'executeDeepLink',
  'pages.currentApp.navigateTo',
]);

async function answer(request: Request): Promise<unknown[]> {
  const args = request.args ?? [];
  switch (request.func) {
    case 'initialize':
      // [frame context, client type, runtime config, the SDK version the host supports]
      return ['content', 'web', JSON.stringify(runtimeConfig), String(args[0] ?? '2.0.0')];
    case 'getContext':
      return [legacyContext()];
    case 'authentication.getAuthToken':
      try {
        if (!host.teamsHostAuthToken) throw new Error('the test gave the host no token');
        return [
          true,
          await host.teamsHostAuthToken({ resources: args[0], claims: args[1], silent: args[2] }),
        ];
      } catch (error) {
        return [false, error instanceof Error ? error.message : String(error)];
      }
    case 'executeDeepLink':
      // [success, reason]: the link is recorded in `received`; Teams would open it.
      return [true];
    case 'pages.currentApp.navigateTo':
      return [];
    default:
      // teams-js's "not supported on this platform" (ErrorCode 501), so a tab that checks gets it.
      return [{ errorCode: 501, message: `the Teams test host does not support ${request.func}` }];
  }
}

function isRequest(data: unknown): data is Request {
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as Request).id === 'number' &&
    typeof (data as Request).func === 'string'
  );
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (event.source !== frame.contentWindow || !isRequest(event.data)) return;
  const request = event.data;
  const args = request.args ?? [];
  const known = ONE_WAY.has(request.func) ? 'oneWay' : ANSWERED.has(request.func) ? 'answered' : 'unknown';
  received.push({ func: request.func, args, kind: known });
  if (known === 'unknown')
    console.warn(`[teams-host] unknown message ${request.func} ${JSON.stringify(args)}`);
  if (request.func === 'registerHandler' && typeof args[0] === 'string') handlers.push(args[0]);
  if (known === 'oneWay') return;
  void answer(request).then((answerArgs) =>
    frame.contentWindow?.postMessage(
      { id: request.id, uuidAsString: request.uuidAsString, args: answerArgs },
      event.origin,
    ),
  );
});

host.teamsHost = {
  received,
  handlers,
  setTheme(next: Theme) {
    theme = next;
    document.body.dataset.theme = next;
    // Teams sends the event whether or not a handler is registered; teams-js ignores it then.
    frame.contentWindow?.postMessage(
      { func: 'themeChange', args: [next] },
      new URL(config.tabUrl, location.href).origin,
    );
  },
};

frame.src = config.tabUrl;
