import { z } from 'zod';
import { readTelemetrySettings, type TelemetrySettings } from './telemetry/settings.js';

// The bot's settings, from the environment, checked once at start-up with plain messages.

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  MicrosoftAppId: z.string().trim().default(''),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: z.string().trim().default(''),
  /** Comma-separated tenant ids; required with an app id; empty (local mode only) serves every tenant. */
  AANZET_ALLOWED_TENANTS: z.string().default(''),
  AANZET_DATA_DIR: z.string().default('./data'),
  /** Set: PostgreSQL (several instances); not set: the embedded lowdb file in AANZET_DATA_DIR. */
  DATABASE_URL: z.string().trim().optional(),
  AANZET_COVENANT_DIR: z.string().optional(),
  /** A YAML file mapping users to partners, e.g. bot/demo-members.yaml for the Agents Playground. */
  AANZET_DEMO_MEMBERS: z.string().optional(),
  /**
   * Local mode only: a year of anonymous Lekstroom history, seeded once into an empty store.
   * `npm start` sets it on unless it is set to "off"; off for everything else.
   */
  AANZET_DEMO_HISTORY: z.enum(['on', 'off']).default('off'),
  /** Proactive reminders, digests and the agenda: on unless set to "off". */
  AANZET_REMINDERS: z.enum(['on', 'off']).default('on'),
  /** The bot's public host name: the tab's token audience is api://<AANZET_DOMAIN>/<MicrosoftAppId>. */
  AANZET_DOMAIN: z.string().trim().default(''),
  /** Where the tab's sign-in finds Microsoft Entra's signing keys (tests: a local key set). */
  AANZET_TAB_JWKS_URL: z.url().default('https://login.microsoftonline.com/common/discovery/v2.0/keys'),
  /** Comma-separated issuers a tab token may carry; {tid} stands for the token's tenant id. */
  AANZET_TAB_ISSUERS: z
    .string()
    .default('https://login.microsoftonline.com/{tid}/v2.0,https://sts.windows.net/{tid}/'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().optional(),
});

/** Options a caller in code may pass; none of them can be set from the environment. */
export interface ConfigOptions {
  /**
   * Tests only: local mode (no app id, so no tokens) on a PostgreSQL database, so that tests can
   * run two instances on one database without a Bot Framework token signer.
   */
  localModeWithDatabaseForTests?: boolean;
}

export interface BotConfig {
  port: number;
  appId: string;
  appPassword: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  appTenantId: string;
  allowedTenants: string[];
  dataDir: string;
  databaseUrl: string | undefined;
  covenantDir: string | undefined;
  demoMembersFile: string | undefined;
  /** Seed the demo history into an empty store at start (local mode only, bot/demo-history). */
  demoHistory: boolean;
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  reminders: boolean;
  /** The personal tab's sign-in (bot/tab-api/sign-in.ts). */
  tabSignIn: { domain: string; jwksUrl: string; issuerTemplates: string[] };
  /** No app id: botbuilder checks no tokens at all. Only for a developer's machine. */
  localMode: boolean;
  /** OpenTelemetry over OTLP/HTTP (OTEL_EXPORTER_OTLP_ENDPOINT, …); undefined: none at all. */
  telemetry: TelemetrySettings | undefined;
}

export function readConfig(env: NodeJS.ProcessEnv, options: ConfigOptions = {}): BotConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`AanZet cannot start, the environment is not valid:\n${problems}`);
  }
  const e = parsed.data;
  if (e.MicrosoftAppId && e.MicrosoftAppType !== 'UserAssignedMSI' && !e.MicrosoftAppPassword)
    throw new Error('AanZet cannot start: MicrosoftAppId is set but MicrosoftAppPassword is empty');
  if (e.MicrosoftAppType === 'SingleTenant' && e.MicrosoftAppId && !e.MicrosoftAppTenantId)
    throw new Error('AanZet cannot start: a SingleTenant bot needs MicrosoftAppTenantId');
  const allowedTenants = e.AANZET_ALLOWED_TENANTS.split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  if (e.MicrosoftAppId) {
    if (allowedTenants.length === 0)
      throw new Error(
        'AanZet cannot start: AANZET_ALLOWED_TENANTS is empty; with a MicrosoftAppId it must name the tenant ids served',
      );
    if (e.AANZET_DEMO_MEMBERS)
      throw new Error('AanZet cannot start: AANZET_DEMO_MEMBERS is for local mode only (no MicrosoftAppId)');
  } else refuseLocalModeOutsideALaptop(env, e, options);
  let telemetry: TelemetrySettings | undefined;
  try {
    telemetry = readTelemetrySettings(env);
  } catch (error) {
    throw new Error(`AanZet cannot start, the environment is not valid:\n  - ${(error as Error).message}`);
  }
  return {
    port: e.PORT,
    appId: e.MicrosoftAppId,
    appPassword: e.MicrosoftAppPassword,
    appType: e.MicrosoftAppType,
    appTenantId: e.MicrosoftAppTenantId,
    allowedTenants,
    dataDir: e.AANZET_DATA_DIR,
    databaseUrl: e.DATABASE_URL || undefined,
    covenantDir: e.AANZET_COVENANT_DIR,
    demoMembersFile: e.AANZET_DEMO_MEMBERS,
    demoHistory: e.AANZET_DEMO_HISTORY === 'on' && e.MicrosoftAppId === '' && !e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    reminders: e.AANZET_REMINDERS === 'on',
    tabSignIn: {
      domain: e.AANZET_DOMAIN,
      jwksUrl: e.AANZET_TAB_JWKS_URL,
      issuerTemplates: e.AANZET_TAB_ISSUERS.split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    },
    localMode: e.MicrosoftAppId === '',
    telemetry,
  };
}

/**
 * Local mode checks no tokens at all, so it is for a developer's laptop only: anything that looks
 * like a server (production, a database, a Microsoft* setting that was meant to switch
 * authentication on, e.g. a misspelt MicrosoftAppId) stops the start instead.
 */
function refuseLocalModeOutsideALaptop(
  env: NodeJS.ProcessEnv,
  e: z.infer<typeof configSchema>,
  options: ConfigOptions,
): void {
  const why =
    'without MicrosoftAppId AanZet runs in local mode (no authentication), which is for a laptop only';
  if (e.NODE_ENV === 'production')
    throw new Error(`AanZet cannot start: NODE_ENV is production but MicrosoftAppId is empty; ${why}`);
  if (e.DATABASE_URL && !options.localModeWithDatabaseForTests)
    throw new Error(`AanZet cannot start: DATABASE_URL is set but MicrosoftAppId is empty; ${why}`);
  const stray = Object.keys(env)
    .filter((key) => /^microsoft/i.test(key) && key !== 'MicrosoftAppId' && (env[key] ?? '').trim() !== '')
    .sort();
  if (stray.length > 0)
    throw new Error(
      `AanZet cannot start: ${stray.join(', ')} ${stray.length === 1 ? 'is' : 'are'} set but MicrosoftAppId is empty ` +
        `(misspelt?); ${why}`,
    );
}
