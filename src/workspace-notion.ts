// Distribution mode: each workspace's own Notion connection, stored by its managers with /roi settings in the
// workspace's own store (one row of the key-value settings table, so no migration), never in the environment. The
// environment's NOTION_TOKEN is never used for a workspace: one Notion shared by every workspace would mix their rows.

import { z } from 'zod';
import type { Config, NotionConfig } from './config.js';
import type { Logger } from './log.js';
import { runTransaction } from './store/change-feed.js';
import type { Store } from './store/open-store.js';
import { readStoredSettings, writeStoredSettings } from './store/workspace-settings.js';

/** The settings row holding the connection, as JSON. */
export const NOTION_CONNECTION_SETTING = 'NOTION_CONNECTION';

/** An internal integration's secret: `secret_…` (older) or `ntn_…`, letters and digits. */
export const NOTION_TOKEN_SHAPE = /^(secret|ntn)_[A-Za-z0-9]{20,120}$/;

const databasesSchema = z.object({
  leadsDb: z.string().min(1),
  spendDb: z.string().min(1),
  targetsDb: z.string().min(1),
  visitsDb: z.string().min(1).optional(),
  numbersDb: z.string().min(1).optional(),
});

// A row stored before "Sign in with Notion" existed has no kind: it is an internal integration's token.
const internalSchema = z.object({
  kind: z.literal('internal').optional(),
  token: z.string().regex(NOTION_TOKEN_SHAPE),
  parentPageId: z.string().min(1),
  databases: databasesSchema,
});

/** Connected through Notion's public OAuth: the access token Notion issued, and who Notion said it is. */
const oauthSchema = z.object({
  kind: z.literal('oauth'),
  token: z.string().min(1),
  refreshToken: z.string().min(1).nullable(),
  botId: z.string().min(1),
  workspaceName: z.string().nullable(),
  parentPageId: z.string().min(1),
  databases: databasesSchema,
});

const connectionSchema = z.union([oauthSchema, internalSchema]);

export type NotionConnection = z.infer<typeof connectionSchema>;
export type NotionOAuthConnection = z.infer<typeof oauthSchema>;

/** The secrets a connection holds, for the logger to mask. */
export function listConnectionSecrets(connection: NotionConnection | null): string[] {
  if (connection === null) return [];
  return connection.kind === 'oauth' && connection.refreshToken !== null
    ? [connection.token, connection.refreshToken]
    : [connection.token];
}

/** A connection read from JSON or built from a setup's outcome; null when it lacks what the sync needs. */
export function parseNotionConnection(value: unknown): NotionConnection | null {
  const parsed = connectionSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The stored connection, or null when none is stored (or the row cannot be read: the workspace runs without Notion). */
export function readNotionConnection(store: Store, log: Logger): NotionConnection | null {
  return parseStoredNotionConnection(readStoredSettings(store), log);
}

/** The same, from the workspace's stored settings already read (an open reads them once). */
export function parseStoredNotionConnection(stored: Record<string, string>, log: Logger): NotionConnection | null {
  const text = stored[NOTION_CONNECTION_SETTING];
  if (text === undefined) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const connection = parseNotionConnection(json);
  if (connection !== null) return connection;
  log.warn('The stored Notion connection is not valid; the workspace runs without Notion until a manager reconnects');
  return null;
}

/** Stores the connection (null: removes it); the caller reopens the workspace so it counts. */
export function writeNotionConnection(
  store: Store,
  connection: NotionConnection | null,
  change: { actorId: string; at: number },
): void {
  const text = connection === null ? '' : JSON.stringify(connection);
  writeStoredSettings(store, { [NOTION_CONNECTION_SETTING]: text }, change);
}

/**
 * Stores `next` in place of the stored connection (null: removes it) and answers the one it replaced, read in the same
 * transaction, so a token renewed meanwhile is the one answered. With `when`, stores only if the stored connection
 * passes it (a renewal stores its new token only over the one it renewed). The caller reopens the workspace.
 */
export function swapNotionConnection(
  store: Store,
  next: NotionConnection | null,
  change: { actorId: string; at: number },
  log: Logger,
  when: (current: NotionConnection | null) => boolean = () => true,
): { previous: NotionConnection | null; stored: boolean } {
  return runTransaction(store.db, () => {
    const previous = readNotionConnection(store, log);
    if (!when(previous)) return { previous, stored: false };
    writeNotionConnection(store, next, change);
    return { previous, stored: true };
  });
}

/** The workspace's Notion settings: its stored connection on the environment's API address and poll interval. */
export function buildWorkspaceNotion(env: Config, connection: NotionConnection | null): NotionConfig | null {
  if (connection === null) return null;
  return {
    token: connection.token,
    ...env.notionApi,
    ...connection.databases,
  };
}

/** How a token is named once stored: its last four characters only. */
export function describeTokenEnd(token: string): string {
  return `…${token.slice(-4)}`;
}
