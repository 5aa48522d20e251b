// Who may talk to AanZet at all, decided at the HTTP edge before botbuilder or the bot run:
// only the Teams channel, only the tenants served, and in local mode only this machine.
// Plain data in, a verdict out, so the rules are tested without a server.

export interface AdmissionRules {
  localMode: boolean;
  /** Lower-case tenant ids; empty serves every tenant (allowed in local mode only). */
  allowedTenants: string[];
}

export type Verdict = { admitted: true; tenantId: string } | { admitted: false; reason: string };

/** The parts of an activity the rules read; everything else is the bot's business. */
export interface ActivityEnvelope {
  channelId: string;
  serviceUrl: string;
  conversation: { tenantId?: unknown };
  channelData?: unknown;
}

export function admitActivity(activity: ActivityEnvelope, rules: AdmissionRules): Verdict {
  // Web Chat, Direct Line and the emulator let the sender choose their own user id.
  if (activity.channelId !== 'msteams')
    return { admitted: false, reason: `channel ${activity.channelId} is not served, only msteams` };
  const fromConversation = text(activity.conversation.tenantId);
  const fromChannelData = text(
    (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id,
  );
  // Teams always sends both. The Agents Playground leaves one out on some events: accepted on
  // a laptop only, and never when the two disagree.
  const bothRequired = !rules.localMode;
  if (!fromConversation && !fromChannelData) return { admitted: false, reason: 'no tenant id' };
  if (bothRequired && (!fromConversation || !fromChannelData))
    return { admitted: false, reason: 'tenant id missing in conversation.tenantId or channelData.tenant.id' };
  if (fromConversation && fromChannelData && fromConversation.toLowerCase() !== fromChannelData.toLowerCase())
    return { admitted: false, reason: 'conversation.tenantId and channelData.tenant.id disagree' };
  const tenantId = (fromConversation ?? fromChannelData)!;
  if (rules.allowedTenants.length > 0 && !rules.allowedTenants.includes(tenantId.toLowerCase()))
    return { admitted: false, reason: 'tenant is not served' };
  if (rules.localMode && !isLocalUrl(activity.serviceUrl))
    return { admitted: false, reason: 'local mode: serviceUrl is not on this machine' };
  return { admitted: true, tenantId };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** localhost, 127.0.0.0/8 or ::1. */
export function isLocalHostname(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

export function isLocalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && isLocalHostname(parsed.hostname);
  } catch {
    return false;
  }
}

/** A Host header ("127.0.0.1:3978", "[::1]:3978", "localhost") that names this machine. */
export function isLocalHostHeader(host: string | undefined): boolean {
  if (!host) return false;
  return isLocalUrl(`http://${host}`);
}

/** application/json, with or without parameters (charset). */
export function isJsonContentType(header: string | undefined): boolean {
  return /^application\/json\s*(;|$)/i.test((header ?? '').trim());
}
