import { AppManifestUtils } from '@microsoft/app-manifest';
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { crc32, inflateRawSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SEARCH_COMMAND_ID, SEARCH_PARAMETER } from '../bot/compose-box.js';
import { BOT_COMMANDS, MAX_COMMANDS_PER_LIST } from '../manifest/commands.js';
import { drawColorIcon, drawOutlineIcon } from '../manifest/make-icons.js';
import { encodePng } from '../manifest/png.js';
import {
  assemblePackage,
  buildZip,
  fillTemplate,
  OUTPUT_FILE,
  PackageConfigError,
  readPackageEnv,
} from '../manifest/package.js';
import {
  bundledManifestVersions,
  schemaUrl,
  validateLocalization,
  validateManifest,
} from '../manifest/validate.js';

const ROOT = resolve(import.meta.dirname, '..');
const MANIFEST_DIR = join(ROOT, 'manifest');
const APP_ID = '3f9a1c2e-7b4d-4e8f-a1b2-c3d4e5f6a7b8';
const DOMAIN = 'aanzet.example.org';
const ENV = { MicrosoftAppId: APP_ID, AANZET_DOMAIN: DOMAIN };

const template = readFileSync(join(MANIFEST_DIR, 'manifest.template.json'), 'utf8');
const english = JSON.parse(readFileSync(join(MANIFEST_DIR, 'en.json'), 'utf8')) as Record<string, string>;

interface Command {
  title: string;
  description?: string;
}
interface CommandList {
  scopes: string[];
  commands: Command[];
}
interface Manifest {
  $schema: string;
  manifestVersion: string;
  id: string;
  name: { short: string; full?: string };
  developer: Record<string, string>;
  validDomains: string[];
  permissions: string[];
  localizationInfo: {
    defaultLanguageTag: string;
    additionalLanguages: { languageTag: string; file: string }[];
  };
  staticTabs: { entityId: string; name: string; contentUrl: string; websiteUrl: string; scopes: string[] }[];
  webApplicationInfo: { id: string; resource: string };
  composeExtensions: {
    botId: string;
    commands: {
      id: string;
      type: string;
      title: string;
      description: string;
      initialRun?: boolean;
      context?: string[];
      parameters: { name: string; title: string; description: string; inputType: string }[];
    }[];
    messageHandlers: { type: string; value: { domains: string[] } }[];
  }[];
  bots: {
    botId: string;
    scopes: string[];
    supportsFiles: boolean;
    isNotificationOnly: boolean;
    commandLists: CommandList[];
  }[];
}

function filled(): Manifest {
  return fillTemplate(template, ENV) as unknown as Manifest;
}

function firstBot(manifest: Manifest): Manifest['bots'][number] {
  const bot = manifest.bots[0];
  if (!bot) throw new Error('the manifest has no bot');
  return bot;
}

function versionAtLeast(version: string, minimum: string): boolean {
  return version.localeCompare(minimum, 'en', { numeric: true }) >= 0;
}

// ---- a PNG decoder, independent of manifest/png.ts ----

interface DecodedPng {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  pixels: Uint8Array;
}

function decodePng(png: Buffer): DecodedPng {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let header: Buffer | undefined;
  const idat: Buffer[] = [];
  for (;;) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length), `CRC of ${type}`).toBe(
      crc32(png.subarray(offset + 4, offset + 8 + length)),
    );
    offset += 12 + length;
    if (type === 'IHDR') header = data;
    if (type === 'IDAT') idat.push(data);
    if (type === 'IEND') break;
  }
  if (!header) throw new Error('no IHDR chunk');
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const bitDepth = header[8] ?? 0;
  const colourType = header[9] ?? 0;
  expect(header[12], 'interlace').toBe(0);
  expect(bitDepth).toBe(8);
  expect(colourType).toBe(6);

  const bpp = 4;
  const stride = width * bpp;
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe((stride + 1) * height);
  const pixels = new Uint8Array(stride * height);
  const at = (array: Uint8Array, index: number): number => (index >= 0 ? (array[index] ?? 0) : 0);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const i = y * stride + x;
      const left = x >= bpp ? at(pixels, i - bpp) : 0;
      const up = y > 0 ? at(pixels, i - stride) : 0;
      const upLeft = x >= bpp && y > 0 ? at(pixels, i - stride - bpp) : 0;
      let predictor: number;
      switch (filter) {
        case 0:
          predictor = 0;
          break;
        case 1:
          predictor = left;
          break;
        case 2:
          predictor = up;
          break;
        case 3:
          predictor = Math.floor((left + up) / 2);
          break;
        case 4: {
          const p = left + up - upLeft;
          const pa = Math.abs(p - left);
          const pb = Math.abs(p - up);
          const pc = Math.abs(p - upLeft);
          predictor = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
          break;
        }
        default:
          throw new Error(`unknown PNG filter ${String(filter)} on row ${y}`);
      }
      pixels[i] = (value + predictor) & 0xff;
    }
  }
  return { width, height, bitDepth, colourType, pixels };
}

function pixelsOf(image: DecodedPng): [number, number, number, number][] {
  const result: [number, number, number, number][] = [];
  for (let i = 0; i < image.pixels.length; i += 4) {
    const [r = 0, g = 0, b = 0, a = 0] = image.pixels.subarray(i, i + 4);
    result.push([r, g, b, a]);
  }
  return result;
}

// ---- a zip reader, independent of manifest/zip.ts: end record, central directory, local headers ----

function readZip(zip: Buffer): Map<string, Buffer> {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('no end-of-central-directory record');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    expect(zip.readUInt32LE(offset)).toBe(0x02014b50);
    const method = zip.readUInt16LE(offset + 10);
    const crc = zip.readUInt32LE(offset + 16);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;

    expect(zip.readUInt32LE(localOffset)).toBe(0x04034b50);
    expect(
      zip.toString('utf8', localOffset + 30, localOffset + 30 + zip.readUInt16LE(localOffset + 26)),
    ).toBe(name);
    const dataStart =
      localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const body = zip.subarray(dataStart, dataStart + compressedSize);
    expect([0, 8]).toContain(method);
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body);
    expect(data.length, `size of ${name}`).toBe(size);
    expect(crc32(data), `CRC of ${name}`).toBe(crc);
    files.set(name, data);
  }
  return files;
}

const hasUnzip = spawnSync('unzip', ['-v']).status === 0;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run package` from the project root with exactly the given package variables. */
function npmRunPackage(env: Partial<typeof ENV>): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  delete childEnv.MicrosoftAppId;
  delete childEnv.AANZET_DOMAIN;
  Object.assign(childEnv, env);
  return new Promise((done) => {
    execFile('npm', ['run', 'package'], { cwd: ROOT, env: childEnv }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

describe('the Teams app manifest', () => {
  it('filled with an app id and a domain, validates against the official bundled schema with no errors', () => {
    const manifest = filled();
    expect(versionAtLeast(manifest.manifestVersion, '1.19')).toBe(true);
    expect(bundledManifestVersions()).toContain(manifest.manifestVersion);
    expect(manifest.$schema).toBe(schemaUrl('manifest', manifest.manifestVersion));
    expect(validateManifest(manifest)).toEqual([]);
  });

  it("passes @microsoft/app-manifest's own validateAgainstSchema too", async () => {
    const manifest = filled();
    const schemaFile = join(
      dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest')),
      'json-schemas',
      'teams',
      `v${manifest.manifestVersion}`,
      'MicrosoftTeams.schema.json',
    );
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Parameters<
      typeof AppManifestUtils.validateAgainstSchema
    >[1];
    const input = manifest as unknown as Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];
    expect(await AppManifestUtils.validateAgainstSchema(input, schema)).toEqual([]);
  });

  it('a bot scope "everywhere" is reported at that scope, with the allowed values', () => {
    const manifest = filled();
    firstBot(manifest).scopes = ['personal', 'everywhere'];
    const errors = validateManifest(manifest);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^\/bots\/0\/scopes\/1: must be one of .*"personal"/);
  });

  it('a 100-character short name is reported at /name/short', () => {
    const manifest = filled();
    manifest.name.short = 'A'.repeat(100);
    expect(validateManifest(manifest)).toEqual(['/name/short: must NOT have more than 30 characters']);
  });

  it('a missing required field and a field the schema does not know are each named', () => {
    const manifest = filled() as Manifest & Record<string, unknown>;
    delete manifest.developer.privacyUrl;
    manifest.colour = 'teal';
    const errors = validateManifest(manifest);
    expect(errors).toContain('/developer/privacyUrl: is required');
    expect(errors).toContain('/colour: is not a property the schema allows here');
  });

  it('an app id that is not a GUID is reported at /id and /bots/0/botId', () => {
    const manifest = filled();
    manifest.id = 'aanzet';
    firstBot(manifest).botId = 'aanzet';
    const errors = validateManifest(manifest);
    expect(errors.some((error) => error.startsWith('/id: must match pattern'))).toBe(true);
    expect(errors.some((error) => error.startsWith('/bots/0/botId: must match pattern'))).toBe(true);
  });

  it('a manifest version without a bundled schema, or a $schema of another version, is refused', () => {
    expect(validateManifest({ ...filled(), manifestVersion: '0.9' })[0]).toMatch(
      /^\/manifestVersion: "0\.9" has no schema/,
    );
    const manifest = filled();
    manifest.$schema = schemaUrl('manifest', '1.19');
    expect(validateManifest(manifest)).toEqual([
      `/$schema: must be "${schemaUrl('manifest', manifest.manifestVersion)}" for manifest version ${manifest.manifestVersion}`,
    ]);
  });

  it('is in Dutch by default and names an English language file that validates against the localization schema', () => {
    const manifest = filled();
    expect(manifest.localizationInfo.defaultLanguageTag).toBe('nl-NL');
    expect(manifest.localizationInfo.additionalLanguages).toEqual([{ languageTag: 'en', file: 'en.json' }]);
    expect(english.$schema).toBe(schemaUrl('localization', manifest.manifestVersion));
    expect(validateLocalization(english, manifest.manifestVersion)).toEqual([]);
  });

  it('an English short description over 80 characters is reported by the localization schema', () => {
    const tooLong = { ...english, 'description.short': 'x'.repeat(81) };
    expect(validateLocalization(tooLong, filled().manifestVersion)).toEqual([
      '/description.short: must NOT have more than 80 characters',
    ]);
  });

  it('translates every command description in the manifest, and only those', () => {
    const manifest = filled();
    const keys = firstBot(manifest).commandLists.flatMap((list, i) =>
      list.commands.map((_, j) => `bots[0].commandLists[${i}].commands[${j}].description`),
    );
    const commandKeys = Object.keys(english).filter((key) => key.startsWith('bots['));
    expect(commandKeys.sort()).toEqual([...keys].sort());
    firstBot(manifest).commandLists.forEach((list, i) =>
      list.commands.forEach((command, j) => {
        const known = BOT_COMMANDS.find((c) => c.title === command.title);
        expect(english[`bots[0].commandLists[${i}].commands[${j}].description`]).toBe(known?.description.en);
      }),
    );
  });
});

describe('the personal tab in the manifest', () => {
  it('pins "Mijn taken" and "Monitoring" as personal tabs on the tab pages of the bot\'s domain', () => {
    expect(filled().staticTabs).toEqual([
      {
        entityId: 'tasks',
        name: 'Mijn taken',
        contentUrl: `https://${DOMAIN}/tab/?view=tasks`,
        websiteUrl: `https://${DOMAIN}/tab/?view=tasks`,
        scopes: ['personal'],
      },
      {
        entityId: 'monitoring',
        name: 'Monitoring',
        contentUrl: `https://${DOMAIN}/tab/?view=monitoring`,
        websiteUrl: `https://${DOMAIN}/tab/?view=monitoring`,
        scopes: ['personal'],
      },
    ]);
  });

  it('names the tabs in English in en.json', () => {
    expect(english['staticTabs[0].name']).toBe('My tasks');
    expect(english['staticTabs[1].name']).toBe('Monitoring');
  });

  it("offers single sign-on for the bot's app id at api://<domain>/<app id>", () => {
    expect(filled().webApplicationInfo).toEqual({ id: APP_ID, resource: `api://${DOMAIN}/${APP_ID}` });
  });

  it('a tab with an entity id over 64 characters is reported by the schema at that tab', () => {
    const manifest = filled();
    const [tasks] = manifest.staticTabs;
    if (!tasks) throw new Error('no tasks tab');
    tasks.entityId = 'x'.repeat(65);
    expect(validateManifest(manifest)).toEqual([
      '/staticTabs/0/entityId: must NOT have more than 64 characters',
    ]);
  });
});

describe('the compose box in the manifest', () => {
  it("searches cases with the bot's one query command, run once without text, by the parameter the bot reads", () => {
    const [extension, ...others] = filled().composeExtensions;
    expect(others).toEqual([]);
    expect(extension?.botId).toBe(APP_ID);
    expect(extension?.commands).toEqual([
      {
        id: SEARCH_COMMAND_ID,
        type: 'query',
        title: 'Casus zoeken',
        description: expect.stringContaining('postcode') as unknown as string,
        initialRun: true,
        context: ['compose', 'commandBox'],
        parameters: [
          {
            name: SEARCH_PARAMETER,
            title: 'Casus, partner of postcode',
            description: expect.stringContaining('LEK-2026-0031') as unknown as string,
            inputType: 'text',
          },
        ],
      },
    ]);
  });

  it("unfurls links on the bot's own domain, and only there", () => {
    expect(filled().composeExtensions[0]?.messageHandlers).toEqual([
      { type: 'link', value: { domains: [DOMAIN] } },
    ]);
  });

  it('says the command and its parameter in English in en.json', () => {
    expect(english['composeExtensions[0].commands[0].title']).toBe('Find a case');
    expect(english['composeExtensions[0].commands[0].description']).toMatch(/^Find a case by number/);
    expect(english['composeExtensions[0].commands[0].parameters[0].title']).toBe('Case, partner or postcode');
    expect(english['composeExtensions[0].commands[0].parameters[0].description']).toContain('LEK-2026-0031');
  });

  it('a command title over 32 characters is reported by the schema at that command', () => {
    const manifest = filled();
    const command = manifest.composeExtensions[0]?.commands[0];
    if (!command) throw new Error('no search command');
    command.title = 'x'.repeat(33);
    expect(validateManifest(manifest)).toEqual([
      '/composeExtensions/0/commands/0/title: must NOT have more than 32 characters',
    ]);
  });
});

describe('the bot in the manifest', () => {
  it('the app id and the bot id are both the given MicrosoftAppId', () => {
    const manifest = filled();
    expect(manifest.id).toBe(APP_ID);
    expect(firstBot(manifest).botId).toBe(manifest.id);
  });

  it('the domain is a valid domain and the developer pages are https URLs on it', () => {
    const manifest = filled();
    expect(manifest.validDomains).toEqual([DOMAIN]);
    expect(manifest.developer).toMatchObject({
      name: 'AanZet',
      websiteUrl: `https://${DOMAIN}/`,
      privacyUrl: `https://${DOMAIN}/privacy`,
      termsOfUseUrl: `https://${DOMAIN}/terms`,
    });
    expect(JSON.stringify(manifest)).not.toContain('{{');
  });

  it('works in personal chat, teams and group chats, conversational and without files', () => {
    const manifest = filled();
    expect(firstBot(manifest)).toMatchObject({
      scopes: ['personal', 'team', 'groupChat'],
      supportsFiles: false,
      isNotificationOnly: false,
    });
    expect(manifest.permissions).toEqual(['identity', 'messageTeamMembers']);
  });

  it('offers every command in personal chat and the channel commands in teams and group chats', () => {
    const lists = firstBot(filled()).commandLists;
    const forScope = (scope: string): Command[] => {
      const matching = lists.filter((list) => list.scopes.includes(scope));
      expect(matching, `one command list for ${scope}`).toHaveLength(1);
      return matching[0]?.commands ?? [];
    };
    const describedInDutch = (
      commands: readonly { title: string; description: { nl: string } }[],
    ): Command[] =>
      commands.map((command) => ({ title: command.title, description: command.description.nl }));

    expect(forScope('personal')).toEqual(describedInDutch(BOT_COMMANDS));
    const channelCommands = describedInDutch(BOT_COMMANDS.filter((command) => command.inChannels));
    expect(channelCommands.map((command) => command.title)).toEqual([
      'help',
      'mijn taken',
      'status',
      'wie is aan zet',
      'overzicht',
    ]);
    expect(forScope('team')).toEqual(channelCommands);
    expect(forScope('groupChat')).toEqual(channelCommands);
  });

  it('every command the bot knows appears in a command list, and no list holds more than 10', () => {
    const lists = firstBot(filled()).commandLists;
    const offered = new Set(lists.flatMap((list) => list.commands.map((command) => command.title)));
    expect([...offered].sort()).toEqual(BOT_COMMANDS.map((command) => command.title).sort());
    expect(BOT_COMMANDS.map((command) => command.title)).toEqual([
      'help',
      'nieuw signaal',
      'mijn taken',
      'status',
      'wie is aan zet',
      'contact',
      'uitkomst',
      'overzicht',
      'rapportage',
    ]);
    for (const list of lists) expect(list.commands.length).toBeLessThanOrEqual(MAX_COMMANDS_PER_LIST);
  });
});

describe('filling the template from the environment', () => {
  it('without MicrosoftAppId is refused with a message naming MicrosoftAppId', () => {
    expect(() => fillTemplate(template, { AANZET_DOMAIN: DOMAIN })).toThrow(/MicrosoftAppId is not set/);
  });

  it('an app id that is not a GUID and a domain with a scheme are both refused, each by name', () => {
    let problems: readonly string[] = [];
    try {
      readPackageEnv({ MicrosoftAppId: 'my-bot', AANZET_DOMAIN: 'https://aanzet.example.org' });
    } catch (error) {
      if (error instanceof PackageConfigError) problems = error.problems;
    }
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^MicrosoftAppId "my-bot" is not a GUID/);
    expect(problems[1]).toMatch(/^AANZET_DOMAIN "https:\/\/aanzet\.example\.org" is not a bare host name/);
  });

  it.each(['aanzet.example.org', 'AanZet.Gemeente.NL', 'bot-3978.euw.devtunnels.ms'])(
    'accepts the host name %s (lower-cased)',
    (domain) => {
      expect(readPackageEnv({ MicrosoftAppId: APP_ID, AANZET_DOMAIN: domain }).AANZET_DOMAIN).toBe(
        domain.toLowerCase(),
      );
    },
  );

  it.each([
    '',
    'https://aanzet.example.org',
    'aanzet.example.org/bot',
    'aanzet.example.org:443',
    'localhost',
    '-a.org',
  ])('refuses AANZET_DOMAIN=%j with a message naming AANZET_DOMAIN', (domain) => {
    expect(() => readPackageEnv({ MicrosoftAppId: APP_ID, AANZET_DOMAIN: domain })).toThrow(/AANZET_DOMAIN/);
  });

  it('a placeholder the package does not fill is an error, not left in the manifest', () => {
    expect(() => fillTemplate('{"id": "{{TeamsAppId}}"}', ENV)).toThrow(/\{\{TeamsAppId\}\}/);
  });
});

describe('the icons', () => {
  const color = decodePng(readFileSync(join(MANIFEST_DIR, 'color.png')));
  const outline = decodePng(readFileSync(join(MANIFEST_DIR, 'outline.png')));

  it('the colour icon is a 192×192 RGBA PNG in more than one colour', () => {
    expect([color.width, color.height, color.colourType]).toEqual([192, 192, 6]);
    const opaque = new Set(
      pixelsOf(color)
        .filter(([, , , a]) => a === 255)
        .map((p) => p.join(',')),
    );
    expect(opaque.has('255,255,255,255')).toBe(true);
    expect(opaque.has('0,121,107,255')).toBe(true);
  });

  it('the outline icon is a 32×32 RGBA PNG with only white or fully transparent pixels, and some white', () => {
    expect([outline.width, outline.height, outline.colourType]).toEqual([32, 32, 6]);
    const pixels = pixelsOf(outline);
    const offending = pixels.filter(([r, g, b, a]) => a !== 0 && (r !== 255 || g !== 255 || b !== 255));
    expect(offending).toEqual([]);
    expect(pixels.filter(([, , , a]) => a === 255).length).toBeGreaterThan(100);
    expect(pixels.filter(([, , , a]) => a === 0).length).toBeGreaterThan(100);
  });

  it('the committed PNGs hold exactly what make-icons draws', () => {
    expect(color.pixels).toEqual(drawColorIcon().pixels);
    expect(outline.pixels).toEqual(drawOutlineIcon().pixels);
  });

  it('encodePng writes what an independent decoder reads back', () => {
    const pixels = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256);
    expect(decodePng(encodePng({ width: 3, height: 2, pixels })).pixels).toEqual(pixels);
  });
});

describe('buildZip', () => {
  const files = [
    { name: 'manifest.json', data: Buffer.from('{"a":1}'.repeat(100)) },
    { name: 'random.bin', data: Uint8Array.from({ length: 300 }, (_, i) => (i * 7919) % 251) },
    { name: 'empty.txt', data: new Uint8Array() },
  ];

  it('writes an archive whose central directory lists every file with its exact bytes', () => {
    const contents = readZip(buildZip(files));
    expect([...contents.keys()]).toEqual(files.map((file) => file.name));
    for (const file of files)
      expect(new Uint8Array(contents.get(file.name) ?? [])).toEqual(new Uint8Array(file.data));
  });

  it('writes the same bytes for the same files', () => {
    expect(buildZip(files).equals(buildZip(files))).toBe(true);
  });

  it('refuses duplicate names and names that climb out of the archive', () => {
    const data = new Uint8Array([1]);
    expect(() =>
      buildZip([
        { name: 'a', data },
        { name: 'a', data },
      ]),
    ).toThrow(/duplicate/);
    expect(() => buildZip([{ name: '../a', data }])).toThrow(/invalid entry name/);
    expect(() => buildZip([{ name: '/a', data }])).toThrow(/invalid entry name/);
  });
});

describe('npm run package', () => {
  it('assembles manifest.json, en.json and the two icons with nothing to report', () => {
    const appPackage = assemblePackage(ENV);
    expect(appPackage.errors).toEqual([]);
    expect(appPackage.entries.map((entry) => entry.name)).toEqual([
      'manifest.json',
      'en.json',
      'color.png',
      'outline.png',
    ]);
  });

  it('reports a schema error and a missing icon in a broken manifest directory, each by file and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aanzet-manifest-'));
    try {
      const broken = JSON.parse(template) as Manifest;
      broken.name.short = 'AanZet, wie is aan zet bij huurachterstanden';
      writeFileSync(join(dir, 'manifest.template.json'), JSON.stringify(broken));
      for (const file of ['en.json', 'color.png']) copyFileSync(join(MANIFEST_DIR, file), join(dir, file));
      const { errors } = assemblePackage(ENV, dir);
      expect(errors).toHaveLength(2);
      expect(errors[0]).toBe('manifest.json /name/short: must NOT have more than 30 characters');
      expect(errors[1]).toMatch(/^outline\.png: referenced by the manifest but not found/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('with the environment set, writes manifest/build/aanzet.zip holding the four files at its root', async () => {
    const run = await npmRunPackage(ENV);
    expect(run.code, run.stderr).toBe(0);
    expect(OUTPUT_FILE).toBe(join(ROOT, 'manifest', 'build', 'aanzet.zip'));
    expect(run.stdout).toContain('manifest/build/aanzet.zip');

    const contents = readZip(readFileSync(OUTPUT_FILE));
    expect([...contents.keys()].sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(contents.get('manifest.json')?.toString('utf8') ?? '') as Manifest;
    expect(manifest.id).toBe(APP_ID);
    expect(firstBot(manifest).botId).toBe(APP_ID);
    expect(manifest.validDomains).toEqual([DOMAIN]);
    expect(validateManifest(manifest)).toEqual([]);
    expect(contents.get('outline.png')?.equals(readFileSync(join(MANIFEST_DIR, 'outline.png')))).toBe(true);

    if (hasUnzip) {
      const listing = spawnSync('unzip', ['-l', OUTPUT_FILE], { encoding: 'utf8' });
      expect(listing.status).toBe(0);
      for (const name of ['manifest.json', 'en.json', 'color.png', 'outline.png']) {
        expect(listing.stdout).toMatch(new RegExp(`\\s${name.replace('.', '\\.')}\\n`));
      }
      expect(spawnSync('unzip', ['-tq', OUTPUT_FILE]).status).toBe(0);
    }
  });

  it('without MicrosoftAppId exits with an error naming MicrosoftAppId', async () => {
    const run = await npmRunPackage({ AANZET_DOMAIN: DOMAIN });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('MicrosoftAppId is not set');
    expect(run.stdout).not.toContain('aanzet.zip');
  });

  it('with a URL instead of a host name in AANZET_DOMAIN exits with an error naming AANZET_DOMAIN', async () => {
    const run = await npmRunPackage({ MicrosoftAppId: APP_ID, AANZET_DOMAIN: `https://${DOMAIN}/` });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('AANZET_DOMAIN "https://aanzet.example.org/" is not a bare host name');
  });

  it('writes under manifest/build/, which git ignores', () => {
    const ignored = spawnSync('git', ['check-ignore', '-q', 'manifest/build/aanzet.zip'], { cwd: ROOT });
    expect(ignored.status).toBe(0);
  });
});
