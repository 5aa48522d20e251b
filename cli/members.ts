import { userInfo } from 'node:os';
import { Casework } from '../casework/casework.js';
import type { Member } from '../casework/ports.js';
import { OutboxNotifier } from '../bot/notifier.js';
import { loadCovenants } from '../storage/covenant-files.js';
import { openStore } from '../storage/open-store.js';
import { readCommandLine, refuse } from './command-line.js';

// `npm run members -- list | approve`: the members of the store the bot uses (DATABASE_URL, else
// the lowdb file in AANZET_DATA_DIR), and the operator's approval that lets a covenant's first
// coordinator in — in a new tenant nobody holds the coordinator role yet, so nobody can approve
// in Teams. Audited under the operator; the member's notice goes through the outbox.

const USAGE = `usage: npm run members -- list [--covenant <id>]
       npm run members -- approve --user <userId> --covenant <id> [--partner <id>] [--role <id>]… [--by <name>]
  list      every member: user id, name, and per covenant the partner, roles and whether approved
  approve   approves someone who has written to AanZet (their id is in the list), with the roles
            given (e.g. --role coordinator for the first coordinator); --partner overrides the
            organisation they picked; --by names the operator (default: this machine's user)`;

const { values, positionals } = readCommandLine(
  'members',
  USAGE,
  process.argv.slice(2),
  {
    user: { type: 'string' },
    covenant: { type: 'string' },
    partner: { type: 'string' },
    role: { type: 'string', multiple: true },
    by: { type: 'string' },
  },
  { allowPositionals: true },
);
const [action, ...extra] = positionals;
if (action !== 'list' && action !== 'approve')
  refuse('members', USAGE, `say list or approve, not "${action ?? ''}"`);
if (extra.length > 0) refuse('members', USAGE, `unexpected "${extra.join(' ')}"`);

const covenants = loadCovenants();
let exitCode = 0;
// A refusal to open (the bot holds the lowdb file, the database is unreachable) is said in one line.
const store = await openStore(process.env).catch((error: Error) => {
  process.stderr.write(`members: ${error.message}\n`);
  process.exit(1);
});
try {
  if (action === 'list') {
    const members = await store.members.list(values.covenant);
    process.stdout.write(members.length === 0 ? 'no members yet\n' : members.map(describe).join(''));
  } else {
    const userId = values.user || refuse('members', USAGE, 'say whom with --user <userId> (see `list`)');
    const covenantId = values.covenant || refuse('members', USAGE, 'say which covenant with --covenant');
    const casework = new Casework({ covenants, ...store, clock: () => new Date() });
    const result = await casework.grantMembershipAsOperator(userId, covenantId, {
      ...(values.partner ? { partnerId: values.partner } : {}),
      roles: values.role ?? [],
      operator: values.by || userInfo().username,
    });
    // The bot delivers the notice ("approved") on its next outbox round; nothing to wake here.
    await new OutboxNotifier(casework, store, () => {}).tell(result.notices);
    const granted = result.member.memberships.find((m) => m.covenantId === covenantId)!;
    process.stdout.write(
      result.changed
        ? `approved: ${describe(result.member)}`
        : `already so, nothing changed: ${result.member.name} works for ${granted.partnerId} in ${covenantId} (roles: ${granted.roles.join(', ') || 'none'})\n`,
    );
  }
} catch (error) {
  process.stderr.write(`members: ${(error as Error).message}\n`);
  exitCode = 1;
} finally {
  await store.close();
}
process.exit(exitCode);

function describe(member: Member): string {
  const lines = member.memberships.map(
    (m) =>
      `  ${m.covenantId}: ${m.partnerId}, roles: ${m.roles.join(', ') || 'none'}, ${m.status === 'active' ? 'approved' : 'waiting for approval'}\n`,
  );
  return `${member.userId}  ${JSON.stringify(member.name)}\n${lines.join('')}`;
}
