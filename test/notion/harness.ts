// A real store on a temp file, the fake Notion holding our three databases, and a
// sync wired to both through the real SDK client. Workers are not started: tests drive pushNow/pullNow themselves.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '../../src/domain/types.js';
import { createMemoryLogger } from '../../src/log.js';
import { type BackoffOptions, buildNotionApi, type NotionApi, type NotionApiOptions } from '../../src/notion/index.js';
import { buildSchemaConfig, type DataSourceIds, NOTION_DATABASES } from '../../src/notion/schema.js';
import { createNotionSync, type NotionSync, type NotionSyncOptions } from '../../src/notion/sync.js';
import { buildStoreServices, type StoreServices } from '../../src/store/index.js';
import { type FakeNotion, type FakeNotionOptions, startFakeNotion } from '../fakes/notion/index.js';

export const MARIA: Actor = { id: 'U0MARIA', name: 'Maria Lopez' };
export const DAVE: Actor = { id: 'U0DAVE', name: 'Dave Kowalski' };
export const FAST_BACKOFF: BackoffOptions = { baseMs: 20, maxMs: 200 };

export interface HarnessOptions {
  fake?: Partial<FakeNotionOptions>;
  api?: Partial<Omit<NotionApiOptions, 'log'>>;
  sync?: Partial<Omit<NotionSyncOptions, 'api' | 'dataSources' | 'services' | 'log'>>;
  /** An existing data folder (the SIGKILL test reopens one). */
  dir?: string;
  /** Also create the optional Visits database and sync it. */
  visits?: boolean;
}

export interface NotionHarness {
  fake: FakeNotion;
  api: NotionApi;
  services: StoreServices;
  sync: NotionSync;
  dataSources: DataSourceIds;
  databaseIds: { leadsDb: string; spendDb: string; targetsDb: string; visitsDb?: string };
  dir: string;
  storeFile: string;
  logLines: string[];
  /** Log records whose message starts with `prefix`. */
  logged(prefix: string): Record<string, unknown>[];
  close(): Promise<void>;
}

/**
 * Creates the three databases with the schema the setup command creates (setup.test.ts runs the command itself), but
 * without HTTP, so a rate-limited fake starts every test with a full bucket and zeroed stats. The optional Visits
 * database only with `visits: true`: by default the workspace looks like a deployment from before it.
 */
export function setUpNotionDatabases(fake: FakeNotion, options: { visits?: boolean } = {}) {
  const specs = NOTION_DATABASES.filter((spec) => !spec.optional || (spec.entity === 'visit' && options.visits));
  const [leads, spend, targets, visits] = specs.map((spec) =>
    fake.seedDatabase(spec.title, buildSchemaConfig(spec, 'USD')),
  );
  if (!leads || !spend || !targets) throw new Error('expected three databases');
  return {
    databaseIds: {
      leadsDb: leads.databaseId,
      spendDb: spend.databaseId,
      targetsDb: targets.databaseId,
      ...(visits ? { visitsDb: visits.databaseId } : {}),
    },
    dataSources: {
      lead: leads.dataSourceId,
      spend: spend.dataSourceId,
      target: targets.dataSourceId,
      ...(visits ? { visit: visits.dataSourceId } : {}),
    },
  };
}

export async function startNotionHarness(options: HarnessOptions = {}): Promise<NotionHarness> {
  const fake = await startFakeNotion({ rateLimit: false, ...options.fake });
  const { logger, lines } = createMemoryLogger('info', [fake.token]);
  const api = buildNotionApi(
    { token: fake.token, apiUrl: fake.url },
    { log: logger, rate: { perSecond: Number.POSITIVE_INFINITY, burst: 1 }, requestTimeoutMs: 2000, ...options.api },
  );
  const { databaseIds, dataSources } = setUpNotionDatabases(fake, { visits: options.visits ?? false });
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'roi-notion-'));
  const storeFile = join(dir, 'roi-runway.sqlite');
  const services = buildStoreServices(storeFile);
  const sync = createNotionSync({
    api,
    dataSources,
    services,
    log: logger,
    pollSeconds: 60,
    backoff: FAST_BACKOFF,
    pushIdleMs: 20,
    ...options.sync,
  });
  const parsed = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    fake,
    api,
    services,
    sync,
    dataSources,
    databaseIds,
    dir,
    storeFile,
    logLines: lines,
    logged: (prefix) => parsed().filter((record) => String(record.msg).startsWith(prefix)),
    async close() {
      await sync.stop();
      services.store.close();
      await fake.close();
      if (options.dir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Pushes until the outbox holds nothing due, riding out transient failures (their backoff is tens of ms here). */
export async function drainOutbox(h: NotionHarness, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const summary = await h.sync.pushNow();
    const due = h.services.outbox.pendingByEntity(1, Number.MAX_SAFE_INTEGER).length;
    if (summary.stoppedBy === null && due === 0) return;
    if (Date.now() > deadline) throw new Error(`outbox not drained: ${summary.stoppedBy ?? `${due} due`}`);
    await new Promise((resolve) => setTimeout(resolve, Math.max(10, summary.retryInMs)));
  }
}

/** The Leads rows of the fake as `{ property: plain value }`, by Lead ID (a duplicate Lead ID fails the test). */
export function readLeadRows(h: NotionHarness) {
  const rows = h.fake.plainRows(h.dataSources.lead);
  const byId = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const id = String(row['Lead ID']);
    if (byId.has(id)) throw new Error(`two Notion rows hold Lead ID ${id}`);
    byId.set(id, row);
  }
  return byId;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
