import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Covenant } from '../casework/covenant/covenant.js';
import type { Member, Members } from '../casework/ports.js';

const fileSchema = z.strictObject({
  members: z.array(
    z.strictObject({
      userId: z.string().min(1),
      name: z.string().min(1),
      memberships: z.array(
        z.strictObject({ covenant: z.string(), partner: z.string(), roles: z.array(z.string()).default([]) }),
      ),
    }),
  ),
});

/** Reads the demo members file; any problem names the file and the entry. Puts them as active members. */
export async function loadDemoMembers(
  file: string,
  covenants: readonly Covenant[],
  members: Members,
): Promise<number> {
  let parsed: z.infer<typeof fileSchema>;
  try {
    parsed = fileSchema.parse(parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new Error(`${file}: not a valid demo members file: ${(error as Error).message}`);
  }
  for (const [i, entry] of parsed.members.entries()) {
    for (const m of entry.memberships) {
      const covenant = covenants.find((c) => c.id === m.covenant);
      if (!covenant) throw new Error(`${file}: members[${i}]: unknown covenant "${m.covenant}"`);
      if (!covenant.partners.some((p) => p.id === m.partner))
        throw new Error(`${file}: members[${i}]: covenant ${m.covenant} has no partner "${m.partner}"`);
      const unknownRole = m.roles.find((r) => !covenant.roles.some((role) => role.id === r));
      if (unknownRole)
        throw new Error(`${file}: members[${i}]: covenant ${m.covenant} has no role "${unknownRole}"`);
    }
    const member: Member = {
      userId: entry.userId,
      name: entry.name,
      memberships: entry.memberships.map((m) => ({
        covenantId: m.covenant,
        partnerId: m.partner,
        roles: m.roles,
        status: 'active',
        approvedBy: 'demo configuration',
      })),
    };
    await members.put(member);
  }
  return parsed.members.length;
}
