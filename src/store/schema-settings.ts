// Migration 14 (issue 14): a workspace's own settings, changed by its managers with /roi settings (distribution mode).
// One row per setting, named after the environment variable it overrides, its value as the text a person typed: it
// is read back with the environment's own rules (config.ts), so a value stored by an older version that a newer rule
// refuses falls back to the environment's value instead of stopping the workspace.

function settingsSql(millis: 'INTEGER' | 'BIGINT'): string {
  return `
CREATE TABLE workspace_settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at ${millis} NOT NULL
);
`;
}

export const WORKSPACE_SETTINGS_SQL = settingsSql('INTEGER');
export const WORKSPACE_SETTINGS_POSTGRES = settingsSql('BIGINT');
