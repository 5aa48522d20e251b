/**
 * Validation of the Teams app manifest and its localization files against the official JSON
 * schemas that ship offline in @microsoft/app-manifest (no network).
 *
 * The schemas are draft-04; they are checked with ajv-draft-04 and ajv-formats, the very
 * validator and formats that @microsoft/app-manifest's own `AppManifestUtils.validateAgainstSchema`
 * uses (resolved from that package, so the versions match). We call them directly because
 * that helper is async, may fall back to fetching a schema over the network, and cannot
 * compile the localization schema (its key patterns are not valid under the `u` regex flag).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

interface SchemaError {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}
interface ValidateFunction {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}
interface Ajv {
  compile(schema: object): ValidateFunction;
}
type AjvConstructor = new (options: Record<string, unknown>) => Ajv;
type AddFormats = (ajv: Ajv, formats: string[]) => Ajv;
type CommonJsModule<T> = T | { default: T };

const requireFromAppManifest = createRequire(
  createRequire(import.meta.url).resolve('@microsoft/app-manifest'),
);
const TEAMS_SCHEMAS = join(
  dirname(requireFromAppManifest.resolve('@microsoft/app-manifest')),
  'json-schemas',
  'teams',
);

function defaultExport<T>(module: CommonJsModule<T>): T {
  return typeof module === 'object' && module !== null && 'default' in module ? module.default : module;
}

const SCHEMA_FILES = {
  manifest: 'MicrosoftTeams.schema.json',
  localization: 'MicrosoftTeams.Localization.schema.json',
} as const;
type SchemaKind = keyof typeof SCHEMA_FILES;

/** The `$schema` URL of a manifest or localization file for a manifest version such as "1.30". */
export function schemaUrl(kind: SchemaKind, version: string): string {
  return `https://developer.microsoft.com/json-schemas/teams/v${version}/${SCHEMA_FILES[kind]}`;
}

/** The numbered manifest versions whose schemas @microsoft/app-manifest bundles, oldest first. */
export function bundledManifestVersions(): string[] {
  return readdirSync(TEAMS_SCHEMAS)
    .filter(
      (entry) => /^v\d+\.\d+$/.test(entry) && existsSync(join(TEAMS_SCHEMAS, entry, SCHEMA_FILES.manifest)),
    )
    .map((entry) => entry.slice(1))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

const compiled = new Map<string, ValidateFunction>();

function validatorFor(kind: SchemaKind, version: string): ValidateFunction | undefined {
  const file = join(TEAMS_SCHEMAS, `v${version}`, SCHEMA_FILES[kind]);
  const cached = compiled.get(file);
  if (cached) return cached;
  if (!existsSync(file)) return undefined;
  const AjvDraft04 = defaultExport(requireFromAppManifest('ajv-draft-04') as CommonJsModule<AjvConstructor>);
  const addFormats = defaultExport(requireFromAppManifest('ajv-formats') as CommonJsModule<AddFormats>);
  // Same options as AppManifestUtils.validateAgainstSchema, plus unicodeRegExp: false because the
  // schemas' patterns are written for plain (non-unicode) regular expressions.
  const ajv = new AjvDraft04({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const validate = ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object);
  compiled.set(file, validate);
  return validate;
}

/** One readable line per schema error, naming the field as a JSON pointer, e.g. `/name/short`. */
function describe(error: SchemaError): string {
  const { keyword, params } = error;
  const at = (path: string): string => (path === '' ? '/' : path);
  if (keyword === 'required')
    return `${at(`${error.instancePath}/${String(params.missingProperty)}`)}: is required`;
  if (keyword === 'additionalProperties') {
    return `${at(`${error.instancePath}/${String(params.additionalProperty)}`)}: is not a property the schema allows here`;
  }
  if (keyword === 'enum' && Array.isArray(params.allowedValues)) {
    const allowed = params.allowedValues.map((value) => JSON.stringify(value)).join(', ');
    return `${at(error.instancePath)}: must be one of ${allowed}`;
  }
  return `${at(error.instancePath)}: ${error.message ?? keyword}`;
}

function run(kind: SchemaKind, version: string, document: Record<string, unknown>): string[] {
  const validate = validatorFor(kind, version);
  if (!validate) {
    return [
      `/manifestVersion: "${version}" has no schema in @microsoft/app-manifest (bundled: ${bundledManifestVersions().join(', ')})`,
    ];
  }
  const errors: string[] = [];
  const expectedUrl = schemaUrl(kind, version);
  if (document.$schema !== expectedUrl) {
    errors.push(`/$schema: must be "${expectedUrl}" for manifest version ${version}`);
  }
  if (!validate(document)) errors.push(...(validate.errors ?? []).map(describe));
  return [...new Set(errors)];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates a Teams app manifest against the official schema of its `manifestVersion`.
 * Returns readable errors, one per problem, each starting with the field's JSON pointer;
 * an empty list means the manifest is valid.
 */
export function validateManifest(manifest: unknown): string[] {
  if (!isObject(manifest)) return ['/: the manifest must be a JSON object'];
  if (typeof manifest.manifestVersion !== 'string')
    return ['/manifestVersion: is required and must be a string'];
  return run('manifest', manifest.manifestVersion, manifest);
}

/**
 * Validates a localization file (e.g. en.json) against the official localization schema that
 * belongs to the manifest version it is shipped with.
 */
export function validateLocalization(file: unknown, manifestVersion: string): string[] {
  if (!isObject(file)) return ['/: a localization file must be a JSON object'];
  return run('localization', manifestVersion, file);
}
