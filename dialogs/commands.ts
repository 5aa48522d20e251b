// Text commands, Dutch with English aliases. Pure: text in, command out.

export const COMMANDS = [
  { name: 'help', words: ['help', 'hulp', '?'], takesCaseId: false },
  { name: 'nieuw signaal', words: ['nieuw signaal', 'new signal', 'signaal'], takesCaseId: false },
  { name: 'mijn taken', words: ['mijn taken', 'my tasks', 'taken', 'tasks'], takesCaseId: false },
  { name: 'status', words: ['status'], takesCaseId: true },
  { name: 'wie is aan zet', words: ['wie is aan zet', 'who is responsible', 'wie'], takesCaseId: true },
  { name: 'contact', words: ['contact', 'contactpoging'], takesCaseId: true },
  { name: 'uitkomst', words: ['uitkomst', 'outcome'], takesCaseId: true },
  { name: 'overzicht', words: ['overzicht', 'overview'], takesCaseId: false },
  { name: 'rapportage', words: ['rapportage', 'report', 'monitoring'], takesCaseId: false },
  { name: 'agenda', words: ['agenda', 'casuistiek', 'casuïstiek'], takesCaseId: false },
  { name: 'koppel kanaal', words: ['koppel kanaal', 'link channel'], takesCaseId: false },
] as const;

export type CommandName = (typeof COMMANDS)[number]['name'];

export type ParsedCommand =
  | { kind: 'command'; name: CommandName; argument: string }
  | { kind: 'unknown'; text: string; suggestion: CommandName };

/** Longest alias first, so "wie is aan zet" wins over "wie". */
const ALIASES = COMMANDS.flatMap((c) => c.words.map((word) => ({ word, name: c.name as CommandName }))).sort(
  (a, b) => b.word.length - a.word.length,
);

export function parseCommand(raw: string): ParsedCommand {
  const text = raw.replace(/\s+/g, ' ').trim();
  const lower = text.toLowerCase();
  for (const { word, name } of ALIASES) {
    if (lower === word || lower.startsWith(`${word} `))
      return { kind: 'command', name, argument: text.slice(word.length).trim() };
  }
  return { kind: 'unknown', text, suggestion: closestCommand(lower) };
}

function closestCommand(text: string): CommandName {
  const head = text.split(' ').slice(0, 4).join(' ');
  let best: { name: CommandName; distance: number } = { name: 'help', distance: Infinity };
  for (const { word, name } of ALIASES) {
    const candidate = head.slice(0, Math.max(word.length, 1));
    const distance = levenshtein(candidate, word) / word.length;
    if (distance < best.distance) best = { name, distance };
  }
  return best.distance <= 0.5 ? best.name : 'help';
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
