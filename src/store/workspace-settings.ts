// The rows of migration 14: a workspace's settings as its managers typed them. Read as text; config.ts's rules decide
// what each means, so this file knows no setting.

import { runTransaction } from './change-feed.js';
import { prepareCached, type Store } from './open-store.js';
import { allAsync } from './read-async.js';

interface SettingRow {
  name: string;
  value: string;
}

const SELECT_SETTINGS = 'SELECT name, value FROM workspace_settings ORDER BY name';

/** Every stored setting by name. */
export function readStoredSettings(store: Store): Record<string, string> {
  const rows = prepareCached(store.db, SELECT_SETTINGS).all() as SettingRow[];
  return Object.fromEntries(rows.map((row) => [row.name, row.value]));
}

/** readStoredSettings with the event loop free meanwhile (an open reads them: read-async.ts). */
export async function readStoredSettingsAsync(store: Store): Promise<Record<string, string>> {
  const rows = await allAsync<SettingRow>(store.db, SELECT_SETTINGS);
  return Object.fromEntries(rows.map((row) => [row.name, row.value]));
}

/** Stores the given settings in one transaction; an empty text removes the setting (the environment's value again). */
export function writeStoredSettings(
  store: Store,
  texts: Record<string, string>,
  change: { actorId: string; at: number },
): void {
  const upsert = prepareCached(
    store.db,
    `INSERT INTO workspace_settings (name, value, updated_by, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by,
       updated_at = excluded.updated_at`,
  );
  const remove = prepareCached(store.db, 'DELETE FROM workspace_settings WHERE name = ?');
  runTransaction(store.db, () => {
    for (const [name, value] of Object.entries(texts)) {
      if (value.trim() === '') remove.run(name);
      else upsert.run(name, value.trim(), change.actorId, change.at);
    }
  });
}
