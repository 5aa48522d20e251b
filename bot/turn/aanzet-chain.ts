import type { Logger } from 'pino';
import type { Casework } from '../../casework/casework.js';
import type { Store } from '../../casework/ports.js';
import type { TabLink } from '../../cards/tab-link.js';
import type { Notifier } from '../../dialogs/scope.js';
import type { AdmissionRules } from '../admission.js';
import type { Telemetry } from '../telemetry/telemetry.js';
import type { TurnMemos } from '../turn-memos.js';
import { admitted } from './admit.js';
import { compose } from './chain.js';
import { errorsToCards } from './errors-to-cards.js';
import { identify } from './identify.js';
import { lifecycle } from './lifecycle.js';
import { membershipGate } from './membership-gate.js';
import { requestLog } from './request-log.js';
import { storeOutage } from './store-outage.js';
import { rememberConversation } from './memory.js';
import { dispatch, resolveRoute, type CaseOfLink } from './routes.js';
import { buildScope } from './scope.js';
import type { Turn } from './turn.js';

export interface ChainDeps {
  casework: Casework;
  store: Store;
  notifier: Notifier;
  logger: Logger;
  admission: AdmissionRules;
  /** The case in the personal tab (bot/tab-link.ts), for the cards' "Openen in AanZet". */
  tabLink?: TabLink;
  /** The case a pasted link leads to (bot/case-link.ts); without it no link unfurls. */
  caseOfLink?: CaseOfLink;
  /** Spans and metrics per turn (bot/telemetry); none by default. */
  telemetry?: Telemetry;
  /** Reads kept for a short while (bot/turn-memos.ts), with the store that forgets them on writes; none by default. */
  memos?: TurnMemos;
}

/** Every turn, in this order (bot/README.md says why). */
export function turnChain(deps: ChainDeps): (turn: Turn) => Promise<void> {
  const { store, logger } = deps;
  return compose<Turn>([
    admitted(deps.admission, logger),
    requestLog(logger, deps.telemetry),
    storeOutage(logger),
    rememberConversation(store.conversations, deps.memos?.addresses),
    identify,
    lifecycle({ conversations: store.conversations, members: store.members, logger }),
    resolveRoute(logger, deps.caseOfLink),
    buildScope(deps),
    errorsToCards(logger),
    membershipGate,
    dispatch,
  ]);
}
