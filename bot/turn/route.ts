import type { AdaptiveCard } from '../../cards/card-types.js';
import type { DialogScope, MemberScope } from '../../dialogs/scope.js';

/** What a message or click asks for: open to anyone, or only to members (the gate decides). */
export type Route =
  | { open: true; run(scope: DialogScope): Promise<AdaptiveCard> }
  | { open: false; run(scope: MemberScope): Promise<AdaptiveCard> };
