import * as AC from 'adaptivecards';

// Validates card JSON with the real Adaptive Cards SDK (under vitest; plain Node ESM cannot import
// it), at the version Teams renders: parse events and validateProperties() failures, plus the
// checks the SDK does not make (a version above 1.5, the size of the payload, types it drops).

const MAX_VERSION = 1.5;
const MAX_BYTES = 80 * 1024;

/** Properties the schema requires but the SDK does not check (Action.Execute's verb: AanZet routes on it). */
const REQUIRED: Record<string, string[]> = {
  TextBlock: ['text'],
  RichTextBlock: ['inlines'],
  TextRun: ['text'],
  FactSet: ['facts'],
  Container: ['items'],
  ColumnSet: [],
  Column: [],
  ActionSet: ['actions'],
  Image: ['url'],
  'Input.Text': ['id'],
  'Input.Number': ['id'],
  'Input.Date': ['id'],
  'Input.Time': ['id'],
  'Input.Toggle': ['id', 'title'],
  'Input.ChoiceSet': ['id', 'choices'],
  'Action.Execute': ['title', 'verb'],
  'Action.ShowCard': ['card'],
  'Action.OpenUrl': ['url'],
  'Action.Submit': [],
  'Action.ToggleVisibility': ['targetElements'],
  AdaptiveCard: ['body'],
};

/** Unknown types and missing required properties anywhere in the JSON tree. */
function structureProblems(value: unknown, path: string, problems: string[]): string[] {
  if (Array.isArray(value)) {
    value.forEach((item, i) => structureProblems(item, `${path}[${i}]`, problems));
    return problems;
  }
  if (value === null || typeof value !== 'object') return problems;
  const object = value as Record<string, unknown>;
  if (/\.facts\[\d+\]$/.test(path)) {
    for (const key of ['title', 'value'])
      if (typeof object[key] !== 'string') problems.push(`PropertyCantBeNull: fact ${key} at ${path}`);
    return problems;
  }
  const type = object.type;
  if (typeof type === 'string') {
    const required = REQUIRED[type];
    if (required === undefined) problems.push(`UnknownElementType: ${type} at ${path}`);
    for (const key of required ?? [])
      if (object[key] === undefined || object[key] === null || object[key] === '')
        problems.push(`PropertyCantBeNull: ${type}.${key} at ${path}`);
  }
  for (const [key, child] of Object.entries(object)) {
    // `data` is the bot's own payload, not card structure.
    if (key !== 'data') structureProblems(child, `${path}.${key}`, problems);
  }
  return problems;
}

function describe(event: AC.IValidationEvent): string {
  return `${AC.ValidationEvent[event.event]}: ${event.message}`;
}

/** Problems with the card, as readable lines; empty when Teams can render it at schema 1.5. */
export function validateCard(json: unknown): string[] {
  const errors: string[] = [];
  const size = Buffer.byteLength(JSON.stringify(json), 'utf8');
  if (size > MAX_BYTES) errors.push(`Size: ${size} bytes is over ${MAX_BYTES}`);

  const version = (json as { version?: unknown } | null)?.version;
  if (typeof version !== 'string' || !/^\d+\.\d+$/.test(version))
    errors.push(`Version: missing or malformed (${String(version)})`);
  else if (Number(version) > MAX_VERSION) errors.push(`Version: ${version} is above ${MAX_VERSION}`);

  errors.push(...structureProblems(json, '$', []));

  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const card = new AC.AdaptiveCard();
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) errors.push(describe(context.getEventAt(i)));
  const results = card.validateProperties();
  errors.push(...results.validationEvents.filter((e) => e.event !== AC.ValidationEvent.Hint).map(describe));
  return errors;
}
