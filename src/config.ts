import { isSupportedCountry } from 'libphonenumber-js';
import { z } from 'zod';
import { EnvFileError, loadEnvFile } from './env-file.js';
import { BOT_SCOPES } from './slack/bot-scopes.js';

// The only file that reads process.env. Every problem is reported at once, so an admin fixes the
// environment in one go instead of one restart per mistake.

const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';
const DEFAULT_NOTION_API_URL = 'https://api.notion.com';

/** Empty strings count as unset: `FOO=` in a .env file means "not configured", not "configured as nothing". */
const optionalText = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.string().trim().optional(),
);

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function isValidCurrency(code: string): boolean {
  try {
    new Intl.NumberFormat('en-US', { style: 'currency', currency: code });
    return /^[A-Z]{3}$/.test(code);
  } catch {
    return false;
  }
}

// CLV inputs. A fraction is fine (0.5 purchases a year = one every two years); the ceilings only catch typos, such
// as a monthly figure typed as a count of days or a retention typed in months.
const MAX_PURCHASES_PER_YEAR = 365;
const MAX_RETENTION_YEARS = 50;

/** Where Slack sends the installer back; Bolt serves it (and /slack/install) in distribution mode. */
export const OAUTH_REDIRECT_PATH = '/slack/oauth_redirect';

/** Where Notion sends a manager back after "Sign in with Notion" (distribution mode, NOTION_CLIENT_ID set). */
export const NOTION_OAUTH_REDIRECT_PATH = '/notion/oauth_redirect';

/** What a script that works on one store says when SLACK_CLIENT_ID makes the install serve many workspaces. */
export const SINGLE_WORKSPACE_SCRIPT =
  'SLACK_CLIENT_ID is set: this install serves many workspaces, each with its own store, and the bot runs each ' +
  "workspace's digest and imports itself. This script works on a single-workspace install (SLACK_CLIENT_ID unset).";

/** The digest's schedule when DIGEST_CRON is unset: Mondays 09:00 in DIGEST_TZ. */
export const DEFAULT_DIGEST_CRON = '0 9 * * 1';

const CRON_FIELD = /^[\d*/,\-A-Za-z?LW#]+$/;

const envSchema = z.object({
  SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xoxb-'), 'must start with xoxb-'),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xapp-'), 'must start with xapp-'),
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText.refine(
    (v) => v === undefined || v.length >= 16,
    'must be at least 16 characters (e.g. openssl rand -hex 32)',
  ),
  SLACK_SCOPES: optionalText.pipe(
    z
      .string()
      .default(BOT_SCOPES.join(','))
      .transform((v) => v.split(/[\s,]+/).filter(Boolean)),
  ),
  SLACK_REDIRECT_URI: optionalText.pipe(
    z
      .url()
      .refine((v) => new URL(v).pathname === OAUTH_REDIRECT_PATH, `must end with ${OAUTH_REDIRECT_PATH}`)
      .optional(),
  ),
  PORT: optionalText.pipe(z.coerce.number<string | undefined>().int().min(0).max(65535).default(3000)),
  SLACK_API_URL: optionalText.pipe(z.url().default(DEFAULT_SLACK_API_URL)),
  NOTION_TOKEN: optionalText,
  NOTION_LEADS_DB: optionalText,
  NOTION_SPEND_DB: optionalText,
  NOTION_TARGETS_DB: optionalText,
  NOTION_VISITS_DB: optionalText,
  NOTION_NUMBERS_DB: optionalText,
  NOTION_API_URL: optionalText.pipe(z.url().default(DEFAULT_NOTION_API_URL)),
  NOTION_CLIENT_ID: optionalText,
  NOTION_CLIENT_SECRET: optionalText,
  NOTION_REDIRECT_URI: optionalText.pipe(
    z
      .url()
      .refine((v) => new URL(v).pathname === NOTION_OAUTH_REDIRECT_PATH, `must end with ${NOTION_OAUTH_REDIRECT_PATH}`)
      .optional(),
  ),
  NOTION_POLL_SECONDS: optionalText.pipe(z.coerce.number<string | undefined>().int().min(5).max(86_400).default(60)),
  DATA_DIR: optionalText.pipe(z.string().default('./data')),
  DATABASE_URL: optionalText.refine(
    (v) => v === undefined || /^postgres(ql)?:\/\/[^\s]+$/.test(v),
    'must be a Postgres address such as postgres://user:password@host:5432/roi (or unset for the SQLite file)',
  ),
  DRAIN_SECONDS: optionalText.pipe(z.coerce.number<string | undefined>().int().min(0).max(60).default(5)),
  JOB_EXPIRE_SECONDS: optionalText.pipe(z.coerce.number<string | undefined>().int().min(10).max(3_600).default(60)),
  WORKSPACE_CACHE_SIZE: optionalText.pipe(z.coerce.number<string | undefined>().int().min(1).max(1_000).default(16)),
  WORKSPACE_JOB_CONCURRENCY: optionalText.pipe(z.coerce.number<string | undefined>().int().min(1).max(64).default(4)),
  DIGEST_CHANNEL: optionalText,
  DIGEST_CRON: optionalText.pipe(
    z
      .string()
      .default(DEFAULT_DIGEST_CRON)
      .refine((v) => {
        const fields = v.split(/\s+/);
        return (fields.length === 5 || fields.length === 6) && fields.every((f) => CRON_FIELD.test(f));
      }, 'must be a cron expression such as "0 9 * * 1" (Monday 09:00)'),
  ),
  DIGEST_TZ: optionalText.pipe(
    z.string().default('UTC').refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Paris'),
  ),
  MANAGERS: optionalText.pipe(
    z
      .string()
      .default('')
      .transform((v) => v.split(/[\s,]+/).filter(Boolean))
      .refine(
        (ids) => ids.every((id) => /^[UW][A-Z0-9]{2,}$/.test(id)),
        'must be Slack user ids (U…) separated by commas',
      ),
  ),
  CURRENCY: optionalText.pipe(
    z
      .string()
      .default('USD')
      .transform((v) => v.toUpperCase())
      .refine(isValidCurrency, 'must be an ISO 4217 code such as USD or EUR'),
  ),
  GROSS_MARGIN: optionalText.pipe(
    z.coerce.number<string | undefined>().gt(0, 'must be above 0').max(1, 'must be at most 1').default(1),
  ),
  PURCHASES_PER_YEAR: optionalText.pipe(
    z.coerce
      .number<string | undefined>({ error: 'must be a number, e.g. 1 or 0.5' })
      .gt(0, 'must be above 0')
      .max(MAX_PURCHASES_PER_YEAR, `must be at most ${MAX_PURCHASES_PER_YEAR}`)
      .default(1),
  ),
  RETENTION_YEARS: optionalText.pipe(
    z.coerce
      .number<string | undefined>({ error: 'must be a number, e.g. 1 or 0.5' })
      .gt(0, 'must be above 0')
      .max(MAX_RETENTION_YEARS, `must be at most ${MAX_RETENTION_YEARS}`)
      .default(3),
  ),
  LOG_LEVEL: optionalText.pipe(z.enum(['debug', 'info', 'warn', 'error']).default('info')),
  INGEST_SECRET: optionalText.refine(
    (v) => v === undefined || v.length >= 16,
    'must be at least 16 characters (e.g. openssl rand -hex 32)',
  ),
  INQUIRY_CHANNEL: optionalText,
  FOLLOW_UP_HOURS: optionalText.pipe(
    z.coerce
      .number<string | undefined>({ error: 'must be a number of working hours, e.g. 4' })
      .gt(0, 'must be above 0')
      .max(200, 'must be at most 200 (five working weeks)')
      .default(4),
  ),
  PHONE_REGION: optionalText.pipe(
    z
      .string()
      .default('US')
      .transform((v) => v.toUpperCase())
      .refine(isSupportedCountry, 'must be a two-letter country code such as US or GB'),
  ),
});

/** The settings a workspace's managers may change in Slack (distribution mode), by their variable's name. */
export const WORKSPACE_SETTINGS = [
  'DIGEST_CHANNEL',
  'DIGEST_CRON',
  'DIGEST_TZ',
  'MANAGERS',
  'CURRENCY',
  'GROSS_MARGIN',
  'PURCHASES_PER_YEAR',
  'RETENTION_YEARS',
] as const;
export type WorkspaceSettingName = (typeof WORKSPACE_SETTINGS)[number];
export type WorkspaceSettingValues = Partial<Pick<z.output<typeof envSchema>, WorkspaceSettingName>>;

/**
 * Reads settings typed as text (a stored row, a modal field) with the very rules the environment's variables follow.
 * An empty text counts as unset; each problem names its setting.
 */
export function parseWorkspaceSettings(texts: Partial<Record<WorkspaceSettingName, string>>): {
  values: WorkspaceSettingValues;
  problems: { name: WorkspaceSettingName; message: string }[];
} {
  const values: Record<string, unknown> = {};
  const problems: { name: WorkspaceSettingName; message: string }[] = [];
  for (const name of WORKSPACE_SETTINGS) {
    const text = texts[name];
    if (text === undefined || text.trim() === '') continue;
    const parsed = envSchema.shape[name].safeParse(text);
    if (parsed.success) values[name] = parsed.data;
    else problems.push({ name, message: parsed.error.issues[0]?.message ?? 'is not valid' });
  }
  return { values: values as WorkspaceSettingValues, problems };
}

/** Every variable the configuration reads: `.env.example` and the README's table must list exactly these. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

export interface NotionConfig {
  token: string;
  apiUrl: string;
  leadsDb: string;
  spendDb: string;
  targetsDb: string;
  /** Optional: unset, visits stay in the local store only. */
  visitsDb?: string;
  /** Optional: unset, tracking numbers stay in the local store only. */
  numbersDb?: string;
  pollSeconds: number;
}

/** Distribution mode (SLACK_CLIENT_ID set): workspaces install the app from its link, tokens live in the store. */
export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  scopes: readonly string[];
  /** The public URL of /slack/oauth_redirect; unset: the first redirect URL of the app's settings. */
  redirectUri: string | undefined;
}

/** Notion's public OAuth ("Sign in with Notion" in /roi settings): distribution mode with NOTION_CLIENT_ID set. */
export interface NotionOAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Signs the sign-in link's state: SLACK_STATE_SECRET, which distribution mode requires anyway. */
  stateSecret: string;
  /** The public URL of /notion/oauth_redirect; unset: the one redirect URI the Notion integration's settings list. */
  redirectUri: string | undefined;
}

export interface Config {
  slack: {
    botToken: string | undefined;
    signingSecret: string | undefined;
    appToken: string | undefined;
    apiUrl: string;
    mode: 'socket' | 'http';
    /** Null: the single workspace whose SLACK_BOT_TOKEN is set (the mode before distribution). */
    oauth: OAuthConfig | null;
  };
  port: number;
  notion: NotionConfig | null;
  /** NOTION_API_URL and NOTION_POLL_SECONDS even without NOTION_TOKEN: distribution mode's workspaces connect their own. */
  notionApi: Pick<NotionConfig, 'apiUrl' | 'pollSeconds'>;
  /** Null unless NOTION_CLIENT_ID and NOTION_CLIENT_SECRET are set; single mode ignores it (and says so at start). */
  notionOAuth: NotionOAuthConfig | null;
  dataDir: string;
  /** postgres://… : the store is that database, shared by every instance; undefined: the SQLite file in dataDir. */
  databaseUrl: string | undefined;
  /**
   * On Postgres, the longest a digest or leak check run may take: past it the run is handed to another instance (a
   * killed instance's digest resumes about this long after it started).
   */
  jobExpireSeconds: number;
  /**
   * On Postgres, how long a stopping instance keeps serving after /healthz turns 503, so the load balancer notices
   * before the receiver closes and no command is sent to a closed port.
   */
  drainSeconds: number;
  /** With many workspaces (distribution mode): how many stay open at once in this process (an LRU). */
  workspaceCacheSize: number;
  /**
   * With many workspaces: how many workspaces' background jobs (digest, leak check, Notion push and pull, prompts) this
   * process runs at once; never more than workspaceCacheSize (each job keeps its workspace open).
   */
  workspaceJobConcurrency: number;
  digest: { channel: string | undefined; cron: string; timeZone: string };
  managers: readonly string[];
  currency: string;
  grossMargin: number;
  /** CLV = average won deal × purchases per year × retention years. */
  clv: { purchasesPerYear: number; retentionYears: number };
  /** The inquiry webhook (enabled by its secret) and the questions to reps. */
  ingest: {
    secret: string | undefined;
    inquiryChannel: string | undefined;
    followUpHours: number;
    /** Country of phone numbers written without a country code. */
    phoneRegion: string;
  };
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(readonly problems: readonly string[]) {
    super(`Configuration problems (${problems.length}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** What the caller is about to run decides which variables are required. */
export type ConfigPurpose = 'bot' | 'digest' | 'offline';

export function parseConfig(env: Record<string, string | undefined>, purpose: ConfigPurpose = 'bot'): Config {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  problems.push(...checkRequired(env, purpose), ...checkNotionClient(env));
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`,
      mode: e.SLACK_APP_TOKEN ? 'socket' : 'http',
      oauth:
        e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET
          ? {
              clientId: e.SLACK_CLIENT_ID,
              clientSecret: e.SLACK_CLIENT_SECRET,
              stateSecret: e.SLACK_STATE_SECRET,
              scopes: e.SLACK_SCOPES,
              redirectUri: e.SLACK_REDIRECT_URI,
            }
          : null,
    },
    port: e.PORT,
    notion: e.NOTION_TOKEN
      ? {
          token: e.NOTION_TOKEN,
          apiUrl: e.NOTION_API_URL,
          leadsDb: e.NOTION_LEADS_DB ?? '',
          spendDb: e.NOTION_SPEND_DB ?? '',
          targetsDb: e.NOTION_TARGETS_DB ?? '',
          ...(e.NOTION_VISITS_DB === undefined ? {} : { visitsDb: e.NOTION_VISITS_DB }),
          ...(e.NOTION_NUMBERS_DB === undefined ? {} : { numbersDb: e.NOTION_NUMBERS_DB }),
          pollSeconds: e.NOTION_POLL_SECONDS,
        }
      : null,
    notionApi: { apiUrl: e.NOTION_API_URL, pollSeconds: e.NOTION_POLL_SECONDS },
    notionOAuth:
      e.NOTION_CLIENT_ID && e.NOTION_CLIENT_SECRET
        ? {
            clientId: e.NOTION_CLIENT_ID,
            clientSecret: e.NOTION_CLIENT_SECRET,
            // Distribution mode requires SLACK_STATE_SECRET; the client secret, as secret, stands in without it.
            stateSecret: e.SLACK_STATE_SECRET ?? `notion-client-secret:${e.NOTION_CLIENT_SECRET}`,
            redirectUri: e.NOTION_REDIRECT_URI ?? deriveNotionRedirect(e.SLACK_REDIRECT_URI),
          }
        : null,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    jobExpireSeconds: e.JOB_EXPIRE_SECONDS,
    drainSeconds: e.DRAIN_SECONDS,
    workspaceCacheSize: e.WORKSPACE_CACHE_SIZE,
    workspaceJobConcurrency: e.WORKSPACE_JOB_CONCURRENCY,
    digest: { channel: e.DIGEST_CHANNEL, cron: e.DIGEST_CRON, timeZone: e.DIGEST_TZ },
    managers: e.MANAGERS,
    currency: e.CURRENCY,
    grossMargin: e.GROSS_MARGIN,
    clv: { purchasesPerYear: e.PURCHASES_PER_YEAR, retentionYears: e.RETENTION_YEARS },
    ingest: {
      secret: e.INGEST_SECRET,
      inquiryChannel: e.INQUIRY_CHANNEL,
      followUpHours: e.FOLLOW_UP_HOURS,
      phoneRegion: e.PHONE_REGION,
    },
    logLevel: e.LOG_LEVEL,
  };
}

function checkRequired(env: Record<string, string | undefined>, purpose: ConfigPurpose): string[] {
  const problems: string[] = [];
  if (purpose === 'offline') return problems;
  const e = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  if (e.SLACK_CLIENT_ID) problems.push(...checkDistribution(e));
  else if (!e.SLACK_BOT_TOKEN) problems.push('SLACK_BOT_TOKEN: required (the bot token, xoxb-…)');
  if (purpose === 'bot' && !e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    problems.push('SLACK_SIGNING_SECRET: required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  if (purpose === 'digest' && !e.DIGEST_CHANNEL) problems.push('DIGEST_CHANNEL: required to post the digest');
  if (e.NOTION_TOKEN) {
    for (const key of ['NOTION_LEADS_DB', 'NOTION_SPEND_DB', 'NOTION_TARGETS_DB'] as const) {
      if (!e[key])
        problems.push(`${key}: required when NOTION_TOKEN is set (run npm run setup:notion -- --parent <page-id>)`);
    }
  }
  return problems;
}

/** Notion's OAuth client is a pair: one half alone is a typo or a forgotten line, said at start, whatever the purpose. */
function checkNotionClient(env: Record<string, string | undefined>): string[] {
  const set = (name: string) => (env[name] ?? '').trim() !== '';
  if (set('NOTION_CLIENT_ID') && !set('NOTION_CLIENT_SECRET')) {
    return [
      "NOTION_CLIENT_SECRET: required when NOTION_CLIENT_ID is set (the public integration's OAuth client secret)",
    ];
  }
  if (set('NOTION_CLIENT_SECRET') && !set('NOTION_CLIENT_ID')) {
    return ["NOTION_CLIENT_ID: required when NOTION_CLIENT_SECRET is set (the public integration's OAuth client ID)"];
  }
  return [];
}

/** The app's public base is the one Slack's redirect names: Notion's redirect is beside it. */
function deriveNotionRedirect(slackRedirect: string | undefined): string | undefined {
  return slackRedirect === undefined ? undefined : new URL(NOTION_OAUTH_REDIRECT_PATH, slackRedirect).href;
}

/** Distribution mode: tokens come from installs, so no bot token; HTTP mode, as Slack lists no Socket Mode app. */
function checkDistribution(e: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (!e.SLACK_CLIENT_SECRET) problems.push('SLACK_CLIENT_SECRET: required when SLACK_CLIENT_ID is set');
  if (!e.SLACK_STATE_SECRET) {
    problems.push('SLACK_STATE_SECRET: required when SLACK_CLIENT_ID is set (e.g. openssl rand -hex 32)');
  }
  if (e.SLACK_APP_TOKEN) {
    problems.push(
      'SLACK_APP_TOKEN: must be unset when SLACK_CLIENT_ID is set: Slack does not list Socket Mode apps, so installing from a link needs HTTP mode',
    );
  }
  return problems;
}

/**
 * Reads the real environment, after `.env` (or the file ENV_FILE names) has filled in what it leaves unset. The
 * composition root and scripts call this; nothing else touches process.env.
 */
export function loadConfig(purpose: ConfigPurpose = 'bot'): Config {
  try {
    loadEnvFile(process.env.ENV_FILE);
  } catch (error) {
    if (error instanceof EnvFileError) throw new ConfigError(error.problems);
    throw error;
  }
  return parseConfig(process.env, purpose);
}
