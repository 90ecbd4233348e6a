// Distribution mode: a workspace's settings are the environment's, overridden by what its managers stored with
// /roi settings (migration 14). A stored value the rules refuse (typed into the database by hand, or stored by a
// version with looser rules) is skipped with a warning: the workspace opens with the environment's value instead.

import {
  type Config,
  parseWorkspaceSettings,
  WORKSPACE_SETTINGS,
  type WorkspaceSettingName,
  type WorkspaceSettingValues,
} from './config.js';
import type { Logger } from './log.js';
import type { Store } from './store/open-store.js';
import { readStoredSettings, readStoredSettingsAsync } from './store/workspace-settings.js';
import { type NotionConnection, parseStoredNotionConnection } from './workspace-notion.js';

/** What a workspace stored, read and checked, and who installed it (its first manager). */
export interface WorkspaceSettings {
  values: WorkspaceSettingValues;
  installerUserId: string | null;
  /** The workspace's own Notion connection (workspace-notion.ts); absent or null: no Notion. */
  notion?: NotionConnection | null;
}

/** The stored rows as text, only the known settings (a row of a later version's setting is left alone). */
export function readSettingTexts(store: Store): Partial<Record<WorkspaceSettingName, string>> {
  return pickSettingTexts(readStoredSettings(store));
}

function pickSettingTexts(rows: Record<string, string>): Partial<Record<WorkspaceSettingName, string>> {
  const known = WORKSPACE_SETTINGS.filter((name) => rows[name] !== undefined);
  return Object.fromEntries(known.map((name) => [name, rows[name]]));
}

export function readWorkspaceSettings(store: Store, installerUserId: string | null, log: Logger): WorkspaceSettings {
  return parseStoredSettings(readStoredSettings(store), installerUserId, log);
}

/** readWorkspaceSettings with the event loop free while the rows are read (what an open calls). */
export async function readWorkspaceSettingsAsync(
  store: Store,
  installerUserId: string | null,
  log: Logger,
): Promise<WorkspaceSettings> {
  return parseStoredSettings(await readStoredSettingsAsync(store), installerUserId, log);
}

function parseStoredSettings(
  stored: Record<string, string>,
  installerUserId: string | null,
  log: Logger,
): WorkspaceSettings {
  const { values, problems } = parseWorkspaceSettings(pickSettingTexts(stored));
  for (const problem of problems) {
    log.warn('A stored setting is not valid; the environment value is used instead', {
      setting: problem.name,
      problem: problem.message,
    });
  }
  return { values, installerUserId, notion: parseStoredNotionConnection(stored, log) };
}

/** The environment's settings with the workspace's stored ones on top; the installer manages until managers are stored. */
export function applyWorkspaceSettings(env: Config, settings: WorkspaceSettings): Config {
  const v = settings.values;
  const installer = settings.installerUserId;
  const defaultManagers =
    installer === null || env.managers.includes(installer) ? env.managers : [...env.managers, installer];
  return {
    ...env,
    digest: {
      ...env.digest,
      channel: v.DIGEST_CHANNEL ?? env.digest.channel,
      cron: v.DIGEST_CRON ?? env.digest.cron,
      timeZone: v.DIGEST_TZ ?? env.digest.timeZone,
    },
    managers: v.MANAGERS ?? defaultManagers,
    currency: v.CURRENCY ?? env.currency,
    grossMargin: v.GROSS_MARGIN ?? env.grossMargin,
    clv: {
      purchasesPerYear: v.PURCHASES_PER_YEAR ?? env.clv.purchasesPerYear,
      retentionYears: v.RETENTION_YEARS ?? env.clv.retentionYears,
    },
  };
}
