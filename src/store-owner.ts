// Whose data a store holds. Single-workspace mode learns its workspace from auth.test at every start and notes it in
// the store (one row of the key-value settings table, so no migration), so that switching the deployment to
// distribution mode can hand the store to that workspace (`npm run workspaces -- adopt`). The adoption notes itself
// in the same table: the store then says which workspace took it, and a second adoption knows it is done.

import { z } from 'zod';
import type { Logger } from './log.js';
import type { WorkspaceIdentity } from './slack/workspace-check.js';
import type { Store } from './store/open-store.js';
import { readStoredSettings, writeStoredSettings } from './store/workspace-settings.js';

/** The settings row naming the workspace a single-mode bot served, as JSON. */
export const STORE_OWNER_SETTING = 'STORE_OWNER';
/** The settings row an adoption writes: the workspace key that took the store, and when. */
export const ADOPTION_SETTING = 'ADOPTED_AS';

const ownerSchema = z.object({
  teamId: z.string().nullable(),
  enterpriseId: z.string().nullable(),
  orgWide: z.boolean(),
});
export type StoreOwner = z.infer<typeof ownerSchema>;

const adoptionSchema = z.object({ key: z.string(), at: z.number() });
export type Adoption = z.infer<typeof adoptionSchema>;

function readJsonSetting<T>(store: Store, name: string, schema: z.ZodType<T>): T | null {
  const text = readStoredSettings(store)[name];
  if (text === undefined) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function readStoreOwner(store: Store): StoreOwner | null {
  return readJsonSetting(store, STORE_OWNER_SETTING, ownerSchema);
}

/** Notes the workspace the bot serves; a store that already names it is left untouched. Returns true when written. */
export function recordStoreOwner(store: Store, owner: StoreOwner, at: number): boolean {
  const text = JSON.stringify(ownerSchema.parse(owner));
  if (readStoredSettings(store)[STORE_OWNER_SETTING] === text) return false;
  writeStoredSettings(store, { [STORE_OWNER_SETTING]: text }, { actorId: 'auth.test', at });
  return true;
}

/** Single mode at start: notes the workspace auth.test named. A failure costs only the note, never the start. */
export function noteStoreOwner(store: Store, identity: WorkspaceIdentity | null, at: number, log: Logger): void {
  if (identity === null) return;
  const owner = { teamId: identity.teamId, enterpriseId: identity.enterpriseId, orgWide: identity.orgWide };
  try {
    if (recordStoreOwner(store, owner, at)) log.info('Noted the workspace this store belongs to', owner);
  } catch (error) {
    log.warn('Could not note the workspace this store belongs to', { error });
  }
}

/**
 * The workspace key distribution mode gives the owner's installation: Bolt keys an org-wide install by its
 * enterprise and any other install by its team.
 */
export function buildOwnerKey(owner: StoreOwner): string | null {
  return owner.orgWide ? owner.enterpriseId : owner.teamId;
}

export function readAdoption(store: Store): Adoption | null {
  return readJsonSetting(store, ADOPTION_SETTING, adoptionSchema);
}

/** The adoption's note and the settings it carries over, in one transaction. */
export function recordAdoption(store: Store, adoption: Adoption, settings: Record<string, string>): void {
  const texts = { ...settings, [ADOPTION_SETTING]: JSON.stringify(adoption) };
  writeStoredSettings(store, texts, { actorId: 'npm run workspaces -- adopt', at: adoption.at });
}
