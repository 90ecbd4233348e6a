// The Notion sync's public face. `startNotionSync` is what the composition root calls when NOTION_TOKEN is set.

import type { NotionConfig } from '../config.js';
import type { Logger } from '../log.js';
import type { StoreServices } from '../store/index.js';
import { buildNotionApi, type NotionApiOptions } from './client.js';
import type { DataSourceIds } from './schema.js';
import { checkNotionSchema, REPAIR_COMMAND } from './schema-check.js';
import { createNotionSync, type NotionSync, type NotionSyncOptions } from './sync.js';

export { buildNotionApi, NOTION_VERSION, type NotionApi, type NotionApiOptions } from './client.js';
export type { NotionRefusal } from './context.js';
export { classifyNotionError, type NotionFailure } from './errors.js';
export { type BackoffOptions, DEFAULT_BACKOFF } from './health.js';
export { buildRateLimiter, DEFAULT_RATE_LIMIT, type RateLimiter, type RateLimitOptions } from './rate-limit.js';
export { type DataSourceIds, NOTION_DATABASES } from './schema.js';
export { checkNotionSchema, REPAIR_COMMAND, type SchemaCheck } from './schema-check.js';
export { NotionSetupError, runNotionSetup, type SetupOptions, type SetupResult } from './setup.js';
export { createNotionSync, type NotionSync, type NotionSyncOptions, type PushSummary } from './sync.js';

/** The configured databases do not match DESIGN.md's schema; `message` lists every problem and the fix. */
export class NotionSchemaError extends Error {
  override readonly name = 'NotionSchemaError';
  readonly code = 'notion_schema';
  constructor(
    readonly problems: readonly string[],
    message: string,
  ) {
    super(message);
  }
}

export interface StartNotionSyncDeps {
  services: StoreServices;
  log: Logger;
  clock?: () => number;
  api?: Partial<Omit<NotionApiOptions, 'log'>>;
  sync?: Partial<Omit<NotionSyncOptions, 'api' | 'dataSources' | 'services' | 'log' | 'clock'>>;
  /**
   * A start in the background (distribution mode): aborting it cuts the schema check's requests short, and a check
   * that ends after the abort throws before the sync is built, so nothing of it touches the store (closed by then).
   */
  signal?: AbortSignal;
  /** false: the sync is handed back built but not started; the caller starts it once it still wants it. */
  start?: boolean;
}

/** Checks the schema (throwing NotionSchemaError with every problem), then starts both workers. */
export async function startNotionSync(config: NotionConfig, deps: StartNotionSyncDeps): Promise<NotionSync> {
  const log = deps.log.child({ component: 'notion' });
  const signal = deps.signal === undefined ? {} : { signal: deps.signal };
  const api = buildNotionApi(config, { ...deps.api, log, ...signal });
  const check = await checkNotionSchema(api.client, config);
  deps.signal?.throwIfAborted();
  const { lead, spend, target, visit, number } = check.dataSourceIds;
  if (!check.ok || lead === undefined || spend === undefined || target === undefined) {
    throw new NotionSchemaError(check.problems, check.message);
  }
  // Without NOTION_VISITS_DB or NOTION_NUMBERS_DB, those records stay local: the sync leaves them out (their outbox
  // rows wait until the database is configured) and the bot starts as before.
  const dataSources: DataSourceIds = {
    ...{ lead, spend, target },
    ...(visit === undefined ? {} : { visit }),
    ...(number === undefined ? {} : { number }),
  };
  for (const [entity, names] of Object.entries(check.absentOptional)) {
    if (names.length > 0)
      log.warn(`Notion ${entity} database lacks optional properties; run ${REPAIR_COMMAND}`, { names });
  }
  const sync = createNotionSync({
    pollSeconds: config.pollSeconds,
    ...deps.sync,
    api,
    dataSources,
    absentOptional: check.absentOptional,
    services: deps.services,
    log,
    ...(deps.clock ? { clock: deps.clock } : {}),
  });
  if (deps.start !== false) sync.start();
  return sync;
}
