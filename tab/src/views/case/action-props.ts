// What each action form gets from the case view.

/** The tab API's action routes under /api/tab/cases/:id/. */
export type CaseAction = 'contact' | 'outcome' | 'take-over' | 'postpone' | 'note';

export interface ActionProps {
  /** Posts the action with the shown case's version; the answer replaces the shown case. */
  send: (action: CaseAction, body: Record<string, unknown>) => Promise<void>;
  reload: () => Promise<void>;
  /** "Casus LEK-2026-0031 · Huisbezoek", as the card's forms say which case and step. */
  subtitle: string;
}

/** The form's values without the empty ones, so the server names a missing field as missing. */
export function filled(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ''));
}
