import { buildNotionId } from './errors.js';
import { buildFaults, type FakeNotionFaults } from './faults.js';
import { buildInspectors, type FakeNotionInspectors } from './inspect.js';
import { type FakeNotionOAuth, type FakeOAuthClient, OAuthServer } from './oauth.js';
import { buildRateLimits, type RateLimit, type RequestBudget } from './rate-limit.js';
import { type FakeNotionStats, startHttpServer } from './server.js';
import { NotionStore } from './store.js';

export { FakeNotionError } from './errors.js';
export type { FakeNotionFaults, OutageStatus } from './faults.js';
export type { FakeNotionInspectors, PropertiesInput } from './inspect.js';
export type { FakeNotionOAuth, FakeOAuthClient, FakeOAuthGrant } from './oauth.js';
export type { PlainValue } from './properties.js';
export {
  CONNECTION_LIMIT_REASON,
  type RateLimit,
  type RequestBudget,
  WORKSPACE_LIMIT_REASON,
} from './rate-limit.js';
export { type FakeNotionStats, NOTION_VERSION } from './server.js';

export interface FakeNotionOptions {
  /** The integration token the fake accepts (`Authorization: Bearer …`). */
  token: string;
  /** Where "now" comes from for created/edited times; `advance()` moves it further. */
  clock: () => number;
  /** Each connection's average-rate token bucket, on real time; `false` turns it off (e.g. for bulk tests). */
  rateLimit: RateLimit | false;
  /** Each connection's budget per window (Notion: per 60 s, by plan), on the fake clock; off by default. */
  connectionBudget: RequestBudget | false;
  /** The budget every integration of the workspace shares, on the fake clock; off by default. */
  workspaceBudget: RequestBudget | false;
  /** Tokens of other integrations in the same workspace: accepted, and counted against the workspace budget. */
  otherTokens: string[];
  /** Rows one query may walk before Notion cuts it short with request_status incomplete. */
  maxQueryRows: number;
  maxBodyBytes: number;
  /** Title of the page shared with the integration, under which databases are created. */
  rootPageTitle: string;
  /** A registered public integration: /v1/oauth/* answer for it; off (false) by default. */
  oauth: FakeOAuthClient | false;
}

export const DEFAULT_FAKE_NOTION_OPTIONS: FakeNotionOptions = {
  token: 'secret_test',
  clock: Date.now,
  rateLimit: { perSecond: 3, burst: 10 },
  connectionBudget: false,
  workspaceBudget: false,
  otherTokens: ['secret_other_integration'],
  maxQueryRows: 10_000,
  maxBodyBytes: 500 * 1024,
  rootPageTitle: 'ROI Runway',
  oauth: false,
};

export interface FakeNotion extends FakeNotionInspectors {
  url: string;
  token: string;
  /** Another integration of the workspace: its requests spend the shared workspace budget. */
  otherTokens: readonly string[];
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
  /** The public OAuth side (null unless `oauth` was given). */
  oauth: FakeNotionOAuth | null;
  /** Whether a bearer token is one this Notion workspace accepts (its integrations' or a live OAuth grant's). */
  acceptsToken(token: string): boolean;
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
  const stats = buildEmptyStats();
  const rootPage = () => [{ id: store.rootPageId, title: options.rootPageTitle }];
  const oauth = options.oauth === false ? null : new OAuthServer(options.oauth, rootPage, clock);
  const tokens = [options.token, ...options.otherTokens];
  const server = await startHttpServer({
    oauth,
    store,
    faults,
    limits: buildRateLimits(
      { bucket: options.rateLimit, connection: options.connectionBudget, workspace: options.workspaceBudget },
      clock,
    ),
    stats,
    clock,
    tokens,
    botUserId,
    maxQueryRows: options.maxQueryRows,
    maxBodyBytes: options.maxBodyBytes,
  });
  return {
    url: server.url,
    token: options.token,
    otherTokens: options.otherTokens,
    rootPageId: store.rootPageId,
    botUserId,
    humanUserId,
    clock,
    advance: (ms) => {
      offset += ms;
    },
    stats,
    resetStats: () => {
      Object.assign(stats, buildEmptyStats());
    },
    faults,
    oauth,
    acceptsToken: (token) => tokens.includes(token) || oauth?.grantFor(token) !== undefined,
    ...buildInspectors(store, botUserId, humanUserId),
    close: server.close,
  };
}

function buildEmptyStats(): FakeNotionStats {
  return { requests: 0, byRoute: {}, byStatus: {}, rateLimited: 0, overloaded: 0, dropped: 0, timeline: [] };
}
