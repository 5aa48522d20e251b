import type restify from 'restify';
import type { Logger } from 'pino';
import type { Actor } from '../../casework/access.js';
import type { Casework } from '../../casework/casework.js';
import type { Members } from '../../casework/ports.js';
import type { Locale } from '../../cards/texts.js';
import type { OutboxNotifier } from '../notifier.js';
import type { TabSignIn } from './sign-in.js';

// What the tab API's groups of routes (case-routes.ts, covenant-routes.ts, ...) are given by
// routes.ts to register themselves with.

export interface TabApiDeps {
  casework: Casework;
  members: Members;
  notifier: OutboxNotifier;
  logger: Logger;
  /** Checks the tab's bearer token; undefined in local mode, where the demo header is used. */
  signIn: TabSignIn | undefined;
}

/** A file to download instead of JSON (the export). */
export class Download {
  constructor(
    readonly filename: string,
    readonly contentType: string,
    readonly content: string,
  ) {}
}

export type Handler = (req: restify.Request, actor: Actor, locale: Locale) => Promise<unknown>;

/** What each group of routes gets to register its routes with. */
export interface TabRoutes {
  server: restify.Server;
  deps: TabApiDeps;
  /** A signed-in member's request answered by the handler, every refusal as JSON. */
  answer(handler: Handler): restify.RequestHandler;
  /** Before a POST's handler: JSON only (415 otherwise), at most 100 kB. */
  jsonBody: restify.RequestHandler[];
  /** The covenant id, or a 404 for one that does not exist. */
  knownCovenant(id: string): string;
}
