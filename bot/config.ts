import { z } from 'zod';

// The bot's settings, from the environment, checked once at start-up with plain messages.

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  MicrosoftAppId: z.string().trim().default(''),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: z.string().trim().default(''),
  /** Comma-separated tenant ids; empty serves every tenant. */
  AANZET_ALLOWED_TENANTS: z.string().default(''),
  AANZET_DATA_DIR: z.string().default('./data'),
  /** Set: PostgreSQL (several instances); not set: the embedded lowdb file in AANZET_DATA_DIR. */
  DATABASE_URL: z.string().trim().optional(),
  AANZET_COVENANT_DIR: z.string().optional(),
  /** A YAML file mapping users to partners, e.g. bot/demo-members.yaml for the Agents Playground. */
  AANZET_DEMO_MEMBERS: z.string().optional(),
  /** Proactive reminders, digests and the agenda: on unless set to "off". */
  AANZET_REMINDERS: z.enum(['on', 'off']).default('on'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

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
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  reminders: boolean;
  /** No app id: botbuilder checks no tokens at all. Only for a developer's machine. */
  localMode: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv): BotConfig {
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
  return {
    port: e.PORT,
    appId: e.MicrosoftAppId,
    appPassword: e.MicrosoftAppPassword,
    appType: e.MicrosoftAppType,
    appTenantId: e.MicrosoftAppTenantId,
    allowedTenants: e.AANZET_ALLOWED_TENANTS.split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    dataDir: e.AANZET_DATA_DIR,
    databaseUrl: e.DATABASE_URL || undefined,
    covenantDir: e.AANZET_COVENANT_DIR,
    demoMembersFile: e.AANZET_DEMO_MEMBERS,
    logLevel: e.LOG_LEVEL,
    reminders: e.AANZET_REMINDERS === 'on',
    localMode: e.MicrosoftAppId === '',
  };
}
