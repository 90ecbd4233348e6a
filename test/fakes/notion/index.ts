import { buildNotionId } from './errors.js';
import { buildFaults, type FakeNotionFaults } from './faults.js';
import { buildInspectors, type FakeNotionInspectors } from './inspect.js';
import { buildTokenBucket, type RateLimit } from './rate-limit.js';
import { type FakeNotionStats, startHttpServer } from './server.js';
import { NotionStore } from './store.js';

export { FakeNotionError } from './errors.js';
export type { FakeNotionFaults, OutageStatus } from './faults.js';
export type { FakeNotionInspectors, PropertiesInput } from './inspect.js';
export type { PlainValue } from './properties.js';
export type { RateLimit } from './rate-limit.js';
export { type FakeNotionStats, NOTION_VERSION } from './server.js';

export interface FakeNotionOptions {
  /** The integration token the fake accepts (`Authorization: Bearer …`). */
  token: string;
  /** Where "now" comes from for created/edited times; `advance()` moves it further. */
  clock: () => number;
  /** Token bucket on real time; `false` turns the limit off (e.g. for bulk tests). */
  rateLimit: RateLimit | false;
  /** Rows one query may walk before Notion cuts it short with request_status incomplete. */
  maxQueryRows: number;
  maxBodyBytes: number;
  /** Title of the page shared with the integration, under which databases are created. */
  rootPageTitle: string;
}

export const DEFAULT_FAKE_NOTION_OPTIONS: FakeNotionOptions = {
  token: 'secret_test',
  clock: Date.now,
  rateLimit: { perSecond: 3, burst: 10 },
  maxQueryRows: 10_000,
  maxBodyBytes: 500 * 1024,
  rootPageTitle: 'ROI Runway',
};

export interface FakeNotion extends FakeNotionInspectors {
  url: string;
  token: string;
  rootPageId: string;
  /** The integration's bot user: author of every API write. */
  botUserId: string;
  /** A person in the workspace: author of `editPage` and `trash`. */
  humanUserId: string;
  clock(): number;
  advance(ms: number): void;
  readonly stats: FakeNotionStats;
  resetStats(): void;
  faults: FakeNotionFaults;
  close(): Promise<void>;
}

/** Starts a local Notion (API 2025-09-03) on 127.0.0.1 and a random port, for the real SDK to talk to. */
export async function startFakeNotion(overrides: Partial<FakeNotionOptions> = {}): Promise<FakeNotion> {
  const options = { ...DEFAULT_FAKE_NOTION_OPTIONS, ...overrides };
  let offset = 0;
  const clock = () => options.clock() + offset;
  const botUserId = buildNotionId();
  const humanUserId = buildNotionId();
  const store = new NotionStore(clock, options.rootPageTitle, botUserId);
  const faults = buildFaults();
  const stats: FakeNotionStats = { requests: 0, byRoute: {}, byStatus: {}, rateLimited: 0, dropped: 0 };
  const server = await startHttpServer({
    store,
    faults,
    bucket: buildTokenBucket(options.rateLimit),
    stats,
    clock,
    token: options.token,
    botUserId,
    maxQueryRows: options.maxQueryRows,
    maxBodyBytes: options.maxBodyBytes,
  });
  return {
    url: server.url,
    token: options.token,
    rootPageId: store.rootPageId,
    botUserId,
    humanUserId,
    clock,
    advance: (ms) => {
      offset += ms;
    },
    stats,
    resetStats: () => {
      Object.assign(stats, { requests: 0, byRoute: {}, byStatus: {}, rateLimited: 0, dropped: 0 });
    },
    faults,
    ...buildInspectors(store, botUserId, humanUserId),
    close: server.close,
  };
}
