import { z } from 'zod';

// Every Action.Execute verb AanZet knows, in one typed union. A card's action data is
// { verb, ...context }; Teams merges the card's input values into the same object.

export const VERBS = [
  'signal.start',
  'signal.covenant',
  'signal.household',
  'signal.arrears',
  'signal.confirm',
  'signal.back',
  'signal.cancel',
  'case.show',
  'case.contactForm',
  'case.contact',
  'case.outcomeForm',
  'case.outcome',
  'case.takeOver',
  'case.postponeForm',
  'case.postpone',
  'case.noteForm',
  'case.note',
  'case.undoJoin',
  'status.refresh',
  'digest.refresh',
  'tasks.show',
  'overview.show',
  'onboarding.request',
  'onboarding.approve',
  'onboarding.reject',
] as const;

export type Verb = (typeof VERBS)[number];

/** The context a card action carries besides the user's inputs. */
export interface ActionContext {
  caseId?: string;
  /** The case version the card was built from: a stale or double click is refused with it. */
  version?: number;
  /** The register flow this card belongs to, so an old card of an abandoned flow is recognised. */
  flowId?: string;
  covenantId?: string;
  /** digest.refresh: whose digest (with covenantId). */
  partnerId?: string;
  /** onboarding.approve / reject: whose request. */
  requestUserId?: string;
  /** case.undoJoin: the joined signal (seq of its signal_joined event). */
  joinSeq?: number;
}

export type ActionData = { verb: Verb } & ActionContext;

export const actionDataSchema = z.looseObject({
  verb: z.enum(VERBS),
  caseId: z.string().max(40).optional(),
  version: z.coerce.number().int().min(0).optional(),
  flowId: z.string().max(64).optional(),
  covenantId: z.string().max(64).optional(),
  partnerId: z.string().max(64).optional(),
  requestUserId: z.string().max(200).optional(),
  joinSeq: z.coerce.number().int().min(1).optional(),
});

export function action(verb: Verb, context: ActionContext = {}): ActionData {
  return { verb, ...context };
}
