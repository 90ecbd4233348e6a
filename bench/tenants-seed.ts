// The tenants benchmark's setup (timed, but not what it measures): workspaces installed as the OAuth install stores
// them (Bolt's Installation through our installation store into the directory), each with its own Postgres schema
// (migrated as the app opens it) holding its own draw of sample leads, and last week's digest already in its ledger,
// as for a deployment that has been running: only the digest the benchmark makes due is owed.

import type { Installation } from '@slack/bolt';
import type { Config } from '../src/config.js';
import { openDirectoryStore } from '../src/distribution-oauth.js';
import { createLogger } from '../src/log.js';
import { generateSampleData, loadSample } from '../src/sample/generate.js';
import { buildInstallationStore } from '../src/slack/installation-store.js';
import { buildInstallations } from '../src/slack/oauth.js';
import { openWorkspaceStore } from '../src/workspace-store.js';
import { MANIFEST_BOT_SCOPES } from '../test/fakes/slack/index.js';

export interface SeedParts {
  config: Config;
  teams: readonly string[];
  botTokens: ReadonlyMap<string, string>;
  leads: number;
  /** The sample's last day, and the time the rows are written. */
  asOf: number;
  /** Last week's digest period, recorded as posted in every workspace's digest channel. */
  postedPeriod: { key: string; channel: string };
}

export interface SeedFigures {
  installMs: number;
  leadsMs: number;
}

/** What oauth.v2.access answers for a workspace install, as Bolt hands it to the installation store. */
function buildInstallation(team: string, token: string): Installation<'v2', false> {
  return {
    team: { id: team, name: `Tenant ${team}` },
    enterprise: undefined,
    user: { id: 'U0MANAGER', token: undefined, scopes: undefined },
    bot: { token, scopes: [...MANIFEST_BOT_SCOPES], id: `B${team}`, userId: `U${team}BOT` },
    appId: 'A0ROIRUNWAY',
    isEnterpriseInstall: false,
    tokenType: 'bot',
    authVersion: 'v2',
  };
}

export async function seedTenants(parts: SeedParts): Promise<SeedFigures> {
  const { config, teams, leads, asOf, postedPeriod } = parts;
  const oauth = config.slack.oauth;
  if (oauth === null) throw new Error('the tenants benchmark runs in distribution mode (SLACK_CLIENT_ID)');
  const clock = () => asOf;
  let began = performance.now();
  const directory = openDirectoryStore(config);
  try {
    const log = createLogger({ level: 'error' });
    const installations = buildInstallations(oauth, directory, { clock, log, clientOptions: {} });
    const store = buildInstallationStore(installations, clock);
    for (const team of teams) await store.storeInstallation(buildInstallation(team, parts.botTokens.get(team)!));
  } finally {
    directory.close();
  }
  const installMs = performance.now() - began;
  began = performance.now();
  for (const [i, team] of teams.entries()) {
    const { services } = openWorkspaceStore(config, team, clock);
    try {
      // One transaction of multi-row inserts per workspace (load-sample.ts); a seed of its own for each.
      loadSample(services.store, generateSampleData({ seed: 1_000 + i, asOf, leads, timeZone: 'UTC' }));
      services.ledger.claim(postedPeriod.key, postedPeriod.channel, asOf);
      services.ledger.markPosted(postedPeriod.key, postedPeriod.channel, '1700000000.000100', asOf);
    } finally {
      services.store.close();
    }
  }
  return { installMs, leadsMs: performance.now() - began };
}
