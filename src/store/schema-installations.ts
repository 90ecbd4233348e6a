// Migration 13 (issue 14): Slack installations, one row per workspace (or per Enterprise Grid organisation for an
// org-wide install) that added the app from its "Add to Slack" link, and the OAuth states already used. Both live in
// the directory store (DATA_DIR's file or DATABASE_URL's schema), beside no workspace's data.
//
// `install_key` is 'T:<team id>' or 'E:<enterprise id>': Bolt asks for an org install by its enterprise id alone.
// Tokens are secrets: they are read only to call Slack and never logged. An uninstalled row keeps no token; its
// `uninstalled_at` starts the 30 days after which the row and the workspace's data are deleted. `refreshing_until` is
// the lease of the one instance refreshing the row's token (token rotation), so two never spend one refresh token.

function installationsSql(millis: 'INTEGER' | 'BIGINT'): string {
  return `
CREATE TABLE slack_installations (
  install_key TEXT PRIMARY KEY,
  team_id TEXT,
  team_name TEXT,
  enterprise_id TEXT,
  enterprise_name TEXT,
  enterprise_url TEXT,
  is_enterprise_install INTEGER NOT NULL DEFAULT 0,
  app_id TEXT,
  bot_token TEXT,
  bot_id TEXT,
  bot_user_id TEXT,
  bot_scopes TEXT NOT NULL DEFAULT '',
  refresh_token TEXT,
  expires_at ${millis},
  installer_user_id TEXT,
  installed_at ${millis} NOT NULL,
  uninstalled_at ${millis},
  refreshing_until ${millis}
);
CREATE INDEX slack_installations_uninstalled ON slack_installations (uninstalled_at);
CREATE TABLE slack_oauth_states (
  state_id TEXT PRIMARY KEY,
  used_at ${millis} NOT NULL
);
CREATE INDEX slack_oauth_states_used ON slack_oauth_states (used_at);
`;
}

export const INSTALLATIONS = installationsSql('INTEGER');
export const INSTALLATIONS_POSTGRES = installationsSql('BIGINT');
