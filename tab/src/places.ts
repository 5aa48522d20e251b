import type { Place } from './context.js';

// Addresses of the tab's views: a Teams deep link (page id + subPageId) or the browser's #/...
// Pure, so they are tested without a host.

export type ThemeName = 'light' | 'dark' | 'contrast';

/** Teams' theme names ('default' | 'dark' | 'contrast'); anything else is the light theme. */
export function themeFromTeams(theme: string | undefined): ThemeName {
  return theme === 'dark' ? 'dark' : theme === 'contrast' ? 'contrast' : 'light';
}

/**
 * A Teams page: the static tab 'monitoring' opens Monitoring; a deep link's subPageId
 * 'case:LEK-2026-0001' opens that case, 'monitoring:<covenantId>' Monitoring of that covenant.
 */
export function placeFromTeamsPage(pageId: string | undefined, subPageId: string | undefined): Place {
  const sub = subPageId?.trim() ?? '';
  const [kind, ...rest] = sub.split(':');
  const id = rest.join(':').trim();
  if (kind === 'case' && id) return { view: 'case', caseId: id };
  if (kind === 'monitoring') return id ? { view: 'monitoring', covenantId: id } : { view: 'monitoring' };
  return pageId === 'monitoring' ? { view: 'monitoring' } : { view: 'tasks' };
}

/** '#/tasks', '#/case/<id>', '#/monitoring' or '#/monitoring/<covenantId>'; anything else is Mijn taken. */
export function placeFromHash(hash: string): Place {
  const parts = hash.replace(/^#\/?/, '').split('/').map(safeDecode);
  if (parts[0] === 'case' && parts[1]) return { view: 'case', caseId: parts[1] };
  if (parts[0] === 'monitoring')
    return parts[1] ? { view: 'monitoring', covenantId: parts[1] } : { view: 'monitoring' };
  return { view: 'tasks' };
}

export function hashOf(place: Place): string {
  switch (place.view) {
    case 'tasks':
      return '#/tasks';
    case 'case':
      return `#/case/${encodeURIComponent(place.caseId)}`;
    case 'monitoring':
      return place.covenantId ? `#/monitoring/${encodeURIComponent(place.covenantId)}` : '#/monitoring';
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
