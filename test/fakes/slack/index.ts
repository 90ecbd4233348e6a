// A local Slack for tests and benchmarks. Point the real SDKs at `apiUrl` (clientOptions.slackApiUrl) and assert
// on what the fake recorded: messages, files, modals and every Web API call.

import { buildEventDeliveries, type EventDeliveries } from './events.js';
import { buildInteractions, type Interactions } from './interactions.js';
import type { IssuedToken } from './oauth-state.js';
import { startServer, stopServer } from './server.js';
import { buildSocketHub } from './socket-mode.js';
import { buildFakeSlackOptions, buildFakeSlackState } from './state.js';
import type {
  FakeSlackOptions,
  Fault,
  RecordedCall,
  RecordedFile,
  RecordedHomeView,
  RecordedMessage,
  RecordedView,
  UnackedEnvelope,
} from './types.js';

export { checkBlockKit, checkOptionsLoad, checkView } from './block-kit/index.js';
export type { SignedRequest } from './interactions.js';
export type { InstallTarget, IssuedToken } from './oauth-state.js';
export { MANIFEST_BOT_SCOPES } from './scopes.js';
export { buildSignedHeaders, escapeSlackText, post, signRequest } from './signing.js';
export { buildSilentSlackLogger } from './silent-logger.js';
export { buildFakeSlackOptions } from './state.js';
export type * from './types.js';

export interface FakeSlack extends Interactions, EventDeliveries {
  options: FakeSlackOptions;
  /** 'http://127.0.0.1:PORT/api/' */
  apiUrl: string;
  /** 'http://127.0.0.1:PORT/' */
  baseUrl: string;
  messages: RecordedMessage[];
  files: RecordedFile[];
  views: RecordedView[];
  /** Home tabs by user id, as views.publish last set them. */
  homeViews: ReadonlyMap<string, RecordedHomeView>;
  calls: RecordedCall[];
  unackedEnvelopes: UnackedEnvelope[];
  /**
   * A slow Slack: calls of a Web API method (or POSTs to response_urls, with 'response_url') are carried out and
   * recorded at once, but answered only once the returned function is called.
   */
  hold(target: string): () => void;
  /** Makes the next call of `method` fail; 'upload_url' and 'response_url' target those endpoints. Queues. */
  failNext(method: string, error: Fault): void;
  waitForSocketClient(minConnections?: number, timeoutMs?: number): Promise<void>;
  /** Total Socket Mode connections accepted so far (a reconnect adds one). */
  socketConnections(): number;
  disconnect(): void;
  /** Tokens the consent page's installs were issued (bot tokens, by value), to assert on and to expire. */
  issuedTokens(): IssuedToken[];
  /** refresh_token grants oauth.v2.access answered (successful rotations). */
  rotations(): number;
  close(): Promise<void>;
}

export async function startFakeSlack(overrides: Partial<FakeSlackOptions> = {}): Promise<FakeSlack> {
  const state = buildFakeSlackState(buildFakeSlackOptions(overrides));
  const hub = buildSocketHub(state);
  const server = await startServer(state, hub);
  return {
    ...buildInteractions(state, hub),
    ...buildEventDeliveries(state, hub),
    options: state.options,
    apiUrl: `${state.baseUrl}api/`,
    baseUrl: state.baseUrl,
    messages: state.messages,
    get files() {
      return [...state.files.values()];
    },
    views: state.views,
    homeViews: state.homeViews,
    calls: state.calls,
    unackedEnvelopes: state.unackedEnvelopes,
    hold(target) {
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = () => {
          if (state.holds.get(target) === held) state.holds.delete(target);
          resolve();
        };
      });
      state.holds.set(target, held);
      return release;
    },
    failNext(method, error) {
      state.faults.set(method, [...(state.faults.get(method) ?? []), error]);
    },
    waitForSocketClient: (minConnections, timeoutMs) => hub.waitForClient(minConnections, timeoutMs),
    socketConnections: () => hub.connectionCount(),
    disconnect: () => hub.disconnect(),
    issuedTokens: () => [...state.oauth.issued.values()],
    rotations: () =>
      state.calls.filter(
        (call) =>
          call.method === 'oauth.v2.access' && call.args.grant_type === 'refresh_token' && call.error === undefined,
      ).length,
    async close() {
      await hub.close();
      await stopServer(server);
    },
  };
}
