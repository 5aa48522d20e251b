import type { TabRoutes } from './tab-routes.js';

// Local mode only (no app id, this machine only): the members one may be in the tab outside
// Teams, so it can offer "pick who you are". With Entra sign-in the route does not exist (404).

export function addDemoMemberRoutes({ server, deps }: TabRoutes): void {
  if (deps.signIn) return;
  server.get('/api/tab/demo-members', async (_req, res) => {
    const covenants = deps.casework.covenants();
    const members = await deps.members.list();
    res.send(
      200,
      members
        .map((member) => ({
          userId: member.userId,
          name: member.name,
          memberships: member.memberships
            .filter((m) => m.status === 'active')
            .map((m) => {
              const covenant = covenants.find((c) => c.id === m.covenantId);
              return {
                covenantId: m.covenantId,
                covenantName: covenant?.name ?? m.covenantId,
                partnerId: m.partnerId,
                partnerName: covenant?.partners.find((p) => p.id === m.partnerId)?.name ?? m.partnerId,
              };
            }),
        }))
        // The header is refused for a member without a covenant, so such a one is no choice.
        .filter((member) => member.memberships.length > 0)
        .sort((a, b) => a.name.localeCompare(b.name, 'nl')),
    );
  });
}
