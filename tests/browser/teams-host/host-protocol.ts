// What the Teams test host page and the tests share: its configuration (in the page address's
// #fragment) and what it exposes on its window. Types only, no DOM, so both sides compile it.

export type Theme = 'default' | 'dark' | 'contrast';

export interface HostConfig {
  /** The tab's address; on the host's own origin (tests/helpers/teams-host.ts says why). */
  tabUrl: string;
  locale: string;
  theme: Theme;
  pageId: string;
  subPageId: string;
  userObjectId: string;
  tenantId: string;
  userPrincipalName: string;
}

/** A message the tab sent: kind `answered` (initialize, getContext …), `oneWay` (needs no
 * answer), or `unknown` (logged, answered "not supported"). */
export interface Received {
  func: string;
  args: unknown[];
  kind: 'answered' | 'oneWay' | 'unknown';
}

export interface AuthTokenRequest {
  resources?: unknown;
  claims?: unknown;
  silent?: unknown;
}

/** On the host page's window. */
export interface HostGlobals {
  teamsHost: {
    received: Received[];
    /** The events the tab registered a handler for (themeChange, load …). */
    handlers: string[];
    setTheme(theme: Theme): void;
  };
  /** Exposed by the test (playwright's exposeFunction): a token for getAuthToken, or it throws. */
  teamsHostAuthToken?: (request: AuthTokenRequest) => Promise<string>;
}
