import { createContext, useContext, type ReactNode } from 'react';
import { texts, type Locale, type Texts } from '../../cards/texts.js';
import type { TabApi } from './api.js';

// What every view needs from the shell: the API, the reader's language and texts (the same
// catalogue as the cards, section `tab`), and a way to move to another view.

export type Place =
  { view: 'tasks' } | { view: 'case'; caseId: string } | { view: 'monitoring'; covenantId?: string };

export interface Navigation {
  place: Place;
  go(place: Place): void;
}

export interface Shell {
  api: TabApi;
  locale: Locale;
  navigation: Navigation;
}

const ShellContext = createContext<Shell | undefined>(undefined);

export function ShellProvider({ shell, children }: { shell: Shell; children: ReactNode }) {
  return <ShellContext.Provider value={shell}>{children}</ShellContext.Provider>;
}

export function useShell(): Shell {
  const shell = useContext(ShellContext);
  if (!shell) throw new Error('useShell outside ShellProvider');
  return shell;
}

/** The catalogue in the reader's language: `t.tab...` for the tab's own words, the rest as on the cards. */
export function useTexts(): Texts {
  return texts(useShell().locale);
}
