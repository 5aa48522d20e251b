import type { TabLink } from '../cards/tab-link.js';

/** The manifest's personal tab that shows a case (manifest.template.json, staticTabs). */
export const TASKS_TAB_ENTITY_ID = 'tasks';

/**
 * Where "Openen in AanZet" on a card leads. In Teams: a deep link to the personal tab, whose
 * context carries subEntityId "case:<id>" (the tab reads it as subPageId). In local mode there is
 * no Teams app: the tab on this machine, straight at the case. `localPort` is asked per link,
 * because the server may listen on a port chosen when it started (PORT=0).
 */
export function tabLinkFor(options: { appId: string; localMode: boolean; localPort: () => number }): TabLink {
  if (options.localMode)
    return (caseId) => `http://localhost:${options.localPort()}/tab/#/case/${encodeURIComponent(caseId)}`;
  const base = `https://teams.microsoft.com/l/entity/${encodeURIComponent(options.appId)}/${TASKS_TAB_ENTITY_ID}`;
  return (caseId) =>
    `${base}?context=${encodeURIComponent(JSON.stringify({ subEntityId: `case:${caseId}` }))}`;
}
