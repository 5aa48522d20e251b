import type { CaseOfLink } from './turn/routes.js';

// Which pasted links lead to a case in AanZet (link unfurling): the inverse of tab-link.ts.
//  - the tab on AanZet's own domain: https://<domain>/tab/#/case/<id>, also /tab/?view=tasks#/case/<id>
//    and /tab/index.html#/case/<id>;
//  - the Teams deep link to a personal tab of this app: https://teams.microsoft.com/l/entity/<app id>/
//    <tab>?context={"subEntityId":"case:<id>"};
//  - in local mode, the tab on this machine: http://localhost:<port>/tab/#/case/<id>.
// Anything else leads nowhere: another host, another app, another page of the tab.

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function caseOfLinkFor(options: { domain: string; appId: string; localMode: boolean }): CaseOfLink {
  const domain = options.domain.trim().toLowerCase();
  const appId = options.appId.trim().toLowerCase();
  return (text) => {
    let url: URL;
    try {
      url = new URL(text.trim());
    } catch {
      return undefined;
    }
    const host = url.hostname.toLowerCase();
    if (url.protocol === 'https:' && host === 'teams.microsoft.com') return fromDeepLink(url, appId);
    const ours =
      (url.protocol === 'https:' && domain !== '' && host === domain && url.port === '') ||
      (options.localMode && LOCAL_HOSTS.has(host) && (url.protocol === 'http:' || url.protocol === 'https:'));
    return ours ? fromTabAddress(url) : undefined;
  };
}

/** The tab's own address: a page under /tab/ whose hash is #/case/<id>. */
function fromTabAddress(url: URL): string | undefined {
  if (url.pathname !== '/tab' && !url.pathname.startsWith('/tab/')) return undefined;
  const match = /^#\/case\/([^/?#]+)\/?$/.exec(url.hash);
  return match ? decoded(match[1]!) : undefined;
}

/** A deep link to one of this app's tabs whose subEntityId is case:<id>. */
function fromDeepLink(url: URL, appId: string): string | undefined {
  const match = /^\/l\/entity\/([^/]+)\/[^/]+\/?$/.exec(url.pathname);
  if (!match || appId === '' || decoded(match[1]!)?.toLowerCase() !== appId) return undefined;
  let context: unknown;
  try {
    context = JSON.parse(url.searchParams.get('context') ?? '');
  } catch {
    return undefined;
  }
  const sub = (context as { subEntityId?: unknown } | null)?.subEntityId;
  if (typeof sub !== 'string' || !sub.startsWith('case:')) return undefined;
  return sub.slice('case:'.length) || undefined;
}

function decoded(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}
