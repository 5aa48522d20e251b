import type { Casework } from '../casework/casework.js';
import type { Conversations, Member, Members, Outbox } from '../casework/ports.js';
import type { PlannedMessage } from '../casework/ports.js';
import type { RefreshAbout } from '../casework/reads/refresh.js';
import type { Locale } from '../casework/reads/views.js';
import type { TabLink } from '../cards/tab-link.js';
import type { ActionData } from '../cards/verbs.js';

// What a dialog gets for one turn. bot/ builds it from the Teams activity; tests build it too.

export type ConversationKind = 'personal' | 'groupChat' | 'channel';

/** The register flow's state between cards: which step, and what the user entered so far. */
export interface RegisterFlow {
  flowId: string;
  step: 'covenant' | 'household' | 'arrears' | 'confirm';
  covenantId?: string;
  values: Record<string, string | boolean | undefined>;
}

export interface FlowState {
  get(): Promise<RegisterFlow | undefined>;
  set(flow: RegisterFlow | undefined): Promise<void>;
}

/**
 * Tells people elsewhere (the next responsible partner, a coordinator asked to approve) of
 * notices from casework/reminders/notices.ts. Never inside the turn: they are planned into the outbox
 * and sent right after it, with their cards built then.
 */
export interface Notifier {
  tell(notices: PlannedMessage[]): Promise<void>;
}

export interface DialogScope {
  casework: Casework;
  members: Members;
  conversations: Conversations;
  outbox: Outbox;
  locale: Locale;
  user: { id: string; name: string };
  /** undefined: someone AanZet does not know yet (onboarding). */
  actor: Member | undefined;
  conversation: { kind: ConversationKind; id: string };
  flow: FlowState;
  notify: Notifier;
  newId(): string;
  /** The case in the personal tab, for the cards' "Openen in AanZet" (none: no such button). */
  tabLink?: TabLink;
  /** Whose status card of this case Teams refreshes by itself (none: nobody listed). */
  refreshAudience?: RefreshAudience;
}

/** The Teams user ids of the members involved in a case, or of a digest's partner (bot/refresh-audience.ts). */
export type RefreshAudience = (about: RefreshAbout) => Promise<string[]>;

/**
 * The scope of someone with an active membership: the turn's membership gate (bot/turn) let
 * them through, so dialogs that need a member get one without checking again.
 */
export interface MemberScope extends DialogScope {
  actor: Member;
}

/** The card's action data with the user's inputs merged in (Teams does that for Action.Execute). */
export type Submitted = ActionData & Record<string, unknown>;

export function stringField(data: Record<string, unknown>, id: string): string | undefined {
  const value = data[id];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : String(value);
}

export function toggleField(data: Record<string, unknown>, id: string): boolean {
  const value = data[id];
  return value === true || value === 'true';
}
