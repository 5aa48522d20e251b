/**
 * `npm run package`: builds the Teams app package manifest/build/aanzet.zip.
 *
 *   MicrosoftAppId=<bot app id> AANZET_DOMAIN=<host name> npm run package
 *
 * Fills manifest.template.json from the environment, validates the manifest and its language
 * files against the official schemas, and writes the zip only when there is nothing to report.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateLocalization, validateManifest } from './validate.js';
import { buildZip, type ZipEntry } from './zip.js';

export { buildZip, type ZipEntry } from './zip.js';

export const MANIFEST_DIR = import.meta.dirname;
export const TEMPLATE_FILE = 'manifest.template.json';
export const OUTPUT_FILE = join(MANIFEST_DIR, 'build', 'aanzet.zip');

/** The environment variables the template's `{{Name}}` placeholders are filled from. */
export interface PackageEnv {
  MicrosoftAppId: string;
  AANZET_DOMAIN: string;
}

/** The environment is missing a value or holds one the package cannot use; one line per problem. */
export class PackageConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'PackageConfigError';
  }
}

const GUID = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
const HOST_NAME = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/i;

/** Reads and checks MicrosoftAppId and AANZET_DOMAIN; throws PackageConfigError naming each bad one. */
export function readPackageEnv(env: Readonly<Record<string, string | undefined>>): PackageEnv {
  const problems: string[] = [];
  const appId = env.MicrosoftAppId?.trim() ?? '';
  if (appId === '') {
    problems.push(
      "MicrosoftAppId is not set: set it to the bot's Microsoft App ID, a GUID such as 8c5a4b1e-3f2d-4e6a-9b7c-0d1e2f3a4b5c.",
    );
  } else if (!GUID.test(appId)) {
    problems.push(
      `MicrosoftAppId "${appId}" is not a GUID: use the bot's Microsoft App ID, e.g. 8c5a4b1e-3f2d-4e6a-9b7c-0d1e2f3a4b5c.`,
    );
  }
  const domain = env.AANZET_DOMAIN?.trim() ?? '';
  if (domain === '') {
    problems.push(
      "AANZET_DOMAIN is not set: set it to the bot's public host name, e.g. aanzet.example.org (no https://, no path).",
    );
  } else if (!HOST_NAME.test(domain)) {
    problems.push(
      `AANZET_DOMAIN "${domain}" is not a bare host name: use e.g. aanzet.example.org (no https://, no path, no port).`,
    );
  }
  if (problems.length > 0) throw new PackageConfigError(problems);
  return { MicrosoftAppId: appId, AANZET_DOMAIN: domain.toLowerCase() };
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function fill(value: Json, values: PackageEnv): Json {
  if (typeof value === 'string') {
    return value.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
      if (!Object.hasOwn(values, name)) throw new Error(`the template uses {{${name}}}, which is not filled`);
      return values[name as keyof PackageEnv];
    });
  }
  if (Array.isArray(value)) return value.map((item) => fill(item, values));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item, values)]));
  }
  return value;
}

/**
 * Fills the `{{MicrosoftAppId}}` and `{{AANZET_DOMAIN}}` placeholders in every string of the
 * template (JSON text) from `env`, after checking those values. Returns the manifest object.
 */
export function fillTemplate(
  template: string,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, unknown> {
  const values = readPackageEnv(env);
  const filled = fill(JSON.parse(template) as Json, values);
  if (filled === null || typeof filled !== 'object' || Array.isArray(filled)) {
    throw new Error('the manifest template must be a JSON object');
  }
  return filled;
}

function languageFiles(manifest: Record<string, unknown>): string[] {
  const info = manifest.localizationInfo as { additionalLanguages?: { file?: unknown }[] } | undefined;
  return (info?.additionalLanguages ?? [])
    .map((language) => language.file)
    .filter((f) => typeof f === 'string');
}

function iconFiles(manifest: Record<string, unknown>): string[] {
  const icons = manifest.icons as Record<string, unknown> | undefined;
  return Object.values(icons ?? {}).filter((f) => typeof f === 'string');
}

/** What goes into the zip, and everything that is wrong with it (empty when it may be written). */
export interface AppPackage {
  manifest: Record<string, unknown>;
  entries: ZipEntry[];
  errors: string[];
}

/**
 * Assembles the package from a manifest directory: the filled manifest.json plus every language
 * file and icon it references, each at the zip root. Validates the manifest and the language files
 * against the official schemas and reports referenced files that are missing.
 */
export function assemblePackage(
  env: Readonly<Record<string, string | undefined>>,
  dir = MANIFEST_DIR,
): AppPackage {
  const manifest = fillTemplate(readFileSync(join(dir, TEMPLATE_FILE), 'utf8'), env);
  const errors = validateManifest(manifest).map((error) => `manifest.json ${error}`);
  const entries: ZipEntry[] = [
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
  ];
  const version = String(manifest.manifestVersion);
  const read = (file: string): Buffer | undefined => {
    if (file.includes('/') || file.includes('\\')) {
      errors.push(`${file}: referenced files must sit next to manifest.json, at the zip root`);
      return undefined;
    }
    try {
      return readFileSync(join(dir, file));
    } catch {
      errors.push(
        `${file}: referenced by the manifest but not found in ${relative(process.cwd(), dir) || '.'}`,
      );
      return undefined;
    }
  };
  for (const file of languageFiles(manifest)) {
    const data = read(file);
    if (!data) continue;
    try {
      const parsed: unknown = JSON.parse(data.toString('utf8'));
      errors.push(...validateLocalization(parsed, version).map((error) => `${file} ${error}`));
    } catch (error) {
      errors.push(`${file}: is not valid JSON (${(error as Error).message})`);
    }
    entries.push({ name: file, data });
  }
  for (const file of iconFiles(manifest)) {
    const data = read(file);
    if (data) entries.push({ name: file, data });
  }
  return { manifest, entries, errors };
}

/** Writes via a temporary file and a rename, so nobody ever sees half a zip. */
function writeAtomically(path: string, data: Buffer): void {
  mkdirSync(resolve(path, '..'), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, path);
}

function main(): number {
  let appPackage: AppPackage;
  try {
    appPackage = assemblePackage(process.env);
  } catch (error) {
    if (error instanceof PackageConfigError) {
      const problems = error.problems.map((problem) => `  ${problem}`).join('\n');
      console.error(`npm run package: cannot build the Teams app package:\n${problems}`);
      return 1;
    }
    throw error;
  }
  if (appPackage.errors.length > 0) {
    console.error(
      `npm run package: the Teams app package is not written, ${appPackage.errors.length} problem(s):\n` +
        appPackage.errors.map((error) => `  ${error}`).join('\n'),
    );
    return 1;
  }
  const zip = buildZip(appPackage.entries);
  writeAtomically(OUTPUT_FILE, zip);
  const files = appPackage.entries.map((entry) => entry.name).join(', ');
  console.log(`${relative(process.cwd(), OUTPUT_FILE)} (${zip.length} bytes: ${files})`);
  return 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
