// What an adoption writes into the store beside the data it moves: the environment's settings of the single mode (so
// the team's managers are asked nothing again) and its Notion connection (the same databases, so the sync links stay
// valid: no re-import, no second page for a lead). A setting or a connection the store already holds wins.

import type { Config, WorkspaceSettingName } from '../config.js';
import type { Logger } from '../log.js';
import { buildNotionApi } from '../notion/client.js';
import { describeConnectFailure } from '../notion/connect.js';
import { readDataSource } from '../notion/schema-check.js';
import type { Store } from '../store/open-store.js';
import { readStoredSettings } from '../store/workspace-settings.js';
import { type Adoption, recordAdoption } from '../store-owner.js';
import {
  NOTION_CONNECTION_SETTING,
  NOTION_TOKEN_SHAPE,
  type NotionConnection,
  parseNotionConnection,
} from '../workspace-notion.js';

/** Notion as the single mode had it: a connection to store, or why none can be (said to the operator). */
export type NotionCarry = { connection: NotionConnection } | { problem: string } | null;

export interface CarryOver {
  settings: Partial<Record<WorkspaceSettingName, string>>;
  notion: NotionCarry;
}

export type NotionOutcome = 'none' | 'stored' | 'kept' | { problem: string };

export interface CarriedOver {
  /** The settings copied from the environment (those the store did not hold). */
  settings: string[];
  notion: NotionOutcome;
}

/** The environment's workspace settings as the text /roi settings stores (read back with the same rules). */
export function buildEnvSettingTexts(config: Config): Partial<Record<WorkspaceSettingName, string>> {
  const texts: Partial<Record<WorkspaceSettingName, string>> = {
    DIGEST_CRON: config.digest.cron,
    DIGEST_TZ: config.digest.timeZone,
    CURRENCY: config.currency,
    GROSS_MARGIN: String(config.grossMargin),
    PURCHASES_PER_YEAR: String(config.clv.purchasesPerYear),
    RETENTION_YEARS: String(config.clv.retentionYears),
  };
  if (config.digest.channel !== undefined) texts.DIGEST_CHANNEL = config.digest.channel;
  // No managers in the environment: the installer becomes the first manager, as for any new workspace.
  if (config.managers.length > 0) texts.MANAGERS = config.managers.join(',');
  return texts;
}

/**
 * The environment's Notion as a workspace connection. A connection needs the page the databases sit on (what /roi
 * settings shows and a later setup searches under), which the environment never named: Notion tells it.
 */
export async function readEnvNotion(config: Config, log: Logger): Promise<NotionCarry> {
  const notion = config.notion;
  if (notion === null) return null;
  if (!NOTION_TOKEN_SHAPE.test(notion.token)) {
    return { problem: 'NOTION_TOKEN is not an internal integration secret (secret_… or ntn_…)' };
  }
  try {
    const { client } = buildNotionApi(notion, { log });
    const leads = await readDataSource(client, notion.leadsDb);
    if (leads?.parentPageId == null) return { problem: 'the Leads database does not sit on a page' };
    const databases = {
      leadsDb: notion.leadsDb,
      spendDb: notion.spendDb,
      targetsDb: notion.targetsDb,
      ...(notion.visitsDb === undefined ? {} : { visitsDb: notion.visitsDb }),
      ...(notion.numbersDb === undefined ? {} : { numbersDb: notion.numbersDb }),
    };
    const connection = parseNotionConnection({ token: notion.token, parentPageId: leads.parentPageId, databases });
    return connection === null ? { problem: 'the Notion settings are incomplete' } : { connection };
  } catch (error) {
    return { problem: describeConnectFailure(error) };
  }
}

/** Writes the adoption's note with what it carries over, in one transaction of the store being adopted. */
export function writeCarryOver(store: Store, carry: CarryOver, adoption: Adoption): CarriedOver {
  const stored = readStoredSettings(store);
  const texts: Record<string, string> = {};
  for (const [name, text] of Object.entries(carry.settings)) if (stored[name] === undefined) texts[name] = text;
  let notion: NotionOutcome = 'none';
  if (stored[NOTION_CONNECTION_SETTING] !== undefined) notion = 'kept';
  else if (carry.notion !== null && 'problem' in carry.notion) notion = { problem: carry.notion.problem };
  else if (carry.notion !== null) {
    texts[NOTION_CONNECTION_SETTING] = JSON.stringify(carry.notion.connection);
    notion = 'stored';
  }
  recordAdoption(store, adoption, texts);
  return { settings: Object.keys(texts).filter((name) => name !== NOTION_CONNECTION_SETTING), notion };
}
