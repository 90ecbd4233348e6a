// The fake workspace: its configuration with overridable defaults, and everything the fake records while tests run.

import { buildFakeOAuthState, type FakeOAuthState } from './oauth-state.js';
import { MANIFEST_BOT_SCOPES } from './scopes.js';
import type {
  FakeChannel,
  FakeSlackOptions,
  FakeUser,
  Fault,
  RecordedCall,
  RecordedFile,
  RecordedHomeView,
  RecordedMessage,
  RecordedView,
  UnackedEnvelope,
} from './types.js';

const DEFAULT_CHANNELS: FakeChannel[] = [
  { id: 'C0GENERAL', name: 'general', public: true, botIsMember: true, members: ['U0MANAGER', 'U0REP1', 'U0REP2'] },
  { id: 'C0MKT', name: 'marketing', public: true, botIsMember: false, members: ['U0MANAGER'] },
  { id: 'C0SALES', name: 'sales', public: true, botIsMember: true, members: ['U0MANAGER', 'U0REP1', 'U0REP2'] },
  { id: 'C0PRIVATE', name: 'leadership', public: false, botIsMember: false, members: ['U0MANAGER'] },
];

const DEFAULT_USERS: FakeUser[] = [
  { id: 'U0MANAGER', name: 'maria', realName: 'Maria Manager', tz: 'Europe/Berlin', tzOffset: 3600 },
  {
    id: 'U0REP1',
    name: 'ravi',
    realName: 'Ravi Rep',
    tz: 'America/New_York',
    tzOffset: -18000,
    email: 'ravi@example.com',
  },
  { id: 'U0REP2', name: 'rosa', realName: 'Rosa Rep', tz: 'Asia/Tokyo', tzOffset: 32400 },
];

export function buildFakeSlackOptions(overrides: Partial<FakeSlackOptions> = {}): FakeSlackOptions {
  const defaults = {
    botToken: 'xoxb-test',
    appToken: 'xapp-test',
    signingSecret: 'fake-signing-secret',
    teamId: 'T0001',
    teamDomain: 'roi-runway-test',
    appId: 'A0ROIRUNWAY',
    botUserId: 'U0BOT',
    botId: 'B0BOT',
    // Exactly what manifest.yml asks for: a call the app makes without its scope fails here as it would in Slack.
    botScopes: [...MANIFEST_BOT_SCOPES],
    channels: DEFAULT_CHANNELS,
    users: DEFAULT_USERS,
    rateLimits: { 'chat.postMessage': { perSecond: 1, burst: 3, per: 'channel' } },
    fileProcessingMs: 0,
    clock: () => Date.now(),
    ackTimeoutMs: 3000,
    triggerLifetimeMs: 3000,
    responseUrlMaxPosts: 5,
    responseUrlLifetimeMs: 30 * 60 * 1000,
    appUrl: undefined,
    clientId: '1111.2222',
    clientSecret: 'fake-client-secret-0123456789',
    redirectUrls: [],
    tokenExpiresIn: null,
    installer: { userId: 'U0MANAGER', teamId: 'T0001', teamName: 'ROI Runway Test' },
  } satisfies FakeSlackOptions;
  const merged = { ...defaults, ...overrides };
  // Copies, so a test that joins a channel cannot leak membership into the next fake.
  return { ...merged, channels: merged.channels.map((channel) => ({ ...channel, members: [...channel.members] })) };
}

export interface Trigger {
  id: string;
  userId: string;
  createdAt: number;
  used: boolean;
  /** The modal the interaction came from; views.push stacks onto it. */
  viewId?: string;
}

export interface ResponseUrl {
  id: string;
  url: string;
  channel: string;
  userId: string;
  createdAt: number;
  posts: RecordedMessage[];
}

export interface FakeSlackState {
  options: FakeSlackOptions;
  /** Set once the server listens: 'http://127.0.0.1:PORT/'. */
  baseUrl: string;
  messages: RecordedMessage[];
  files: Map<string, RecordedFile>;
  views: RecordedView[];
  /** Home tabs by user id. */
  homeViews: Map<string, RecordedHomeView>;
  calls: RecordedCall[];
  unackedEnvelopes: UnackedEnvelope[];
  faults: Map<string, Fault[]>;
  triggers: Map<string, Trigger>;
  responseUrls: Map<string, ResponseUrl>;
  buckets: Map<string, { tokens: number; updatedAt: number }>;
  /** One-use tickets handed out by apps.connections.open. */
  socketTickets: Set<string>;
  /** Called after every response_url POST so waiters can re-check. */
  onResponse: Set<() => void>;
  /** Web API methods (or 'response_url') whose calls are carried out at once but answered only once released. */
  holds: Map<string, Promise<void>>;
  counter: number;
  /** Codes, issued tokens and refresh tokens of installs made through the consent page. */
  oauth: FakeOAuthState;
}

export function buildFakeSlackState(options: FakeSlackOptions): FakeSlackState {
  return {
    options,
    baseUrl: '',
    messages: [],
    files: new Map(),
    views: [],
    homeViews: new Map(),
    calls: [],
    unackedEnvelopes: [],
    faults: new Map(),
    triggers: new Map(),
    responseUrls: new Map(),
    buckets: new Map(),
    socketTickets: new Set(),
    onResponse: new Set(),
    holds: new Map(),
    counter: 0,
    oauth: buildFakeOAuthState(),
  };
}

/** Slack-looking ids ('F0000001A'), unique within one fake. */
export function nextId(state: FakeSlackState, prefix: string): string {
  state.counter += 1;
  return `${prefix}${state.counter.toString(36).toUpperCase().padStart(8, '0')}`;
}

/** Message timestamps are unique per channel in Slack; a shared counter keeps ours unique and ordered. */
export function nextTs(state: FakeSlackState): string {
  state.counter += 1;
  return `${Math.floor(state.options.clock() / 1000)}.${String(state.counter).padStart(6, '0')}`;
}

export function buildTrigger(state: FakeSlackState, userId: string, viewId?: string): Trigger {
  const random = Math.random().toString(16).slice(2, 14);
  const id = `${Math.floor(state.options.clock() / 1000)}.${state.counter + 1}.${random}`;
  state.counter += 1;
  const trigger: Trigger = { id, userId, createdAt: state.options.clock(), used: false, viewId };
  state.triggers.set(id, trigger);
  return trigger;
}

/** Spends a trigger id the way views.open / views.push do: once, within its lifetime. */
export function consumeTrigger(state: FakeSlackState, triggerId: string): Trigger | 'invalid' | 'expired' {
  const trigger = state.triggers.get(triggerId);
  if (trigger === undefined) return 'invalid';
  const age = state.options.clock() - trigger.createdAt;
  if (trigger.used || age > state.options.triggerLifetimeMs) return 'expired';
  trigger.used = true;
  return trigger;
}

export function takeFault(state: FakeSlackState, key: string): Fault | undefined {
  return state.faults.get(key)?.shift();
}

export function findUser(state: FakeSlackState, userId: string): FakeUser | undefined {
  return state.options.users.find((user) => user.id === userId);
}

export type ChannelAccess = { ok: true; channelId: string } | { ok: false; error: string };

/**
 * Whether the bot may post into `channelId`; a user id or 'D…' id means that user's DM with the bot. chat:write.public
 * opens public channels to messages, not to file shares: those need the bot in the channel (`viaPublicScope` false).
 */
export function resolvePostTarget(
  state: FakeSlackState,
  channelId: string | undefined,
  viaPublicScope = true,
): ChannelAccess {
  if (channelId === undefined || channelId === '') return { ok: false, error: 'channel_not_found' };
  const dmUser = findUser(state, channelId.startsWith('D') ? `U${channelId.slice(1)}` : channelId);
  if (dmUser !== undefined) return { ok: true, channelId: `D${dmUser.id.slice(1)}` };
  const channel = state.options.channels.find((candidate) => candidate.id === channelId);
  if (channel === undefined) return { ok: false, error: 'channel_not_found' };
  if (channel.botIsMember) return { ok: true, channelId };
  // A private channel the bot is not in is invisible to it.
  if (!channel.public) return { ok: false, error: 'channel_not_found' };
  if (viaPublicScope && state.options.botScopes.includes('chat:write.public')) return { ok: true, channelId };
  return { ok: false, error: 'not_in_channel' };
}
