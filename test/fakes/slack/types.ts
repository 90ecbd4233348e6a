// The shapes the fake Slack is configured with and the state it records for tests to assert on.
// Field names follow Slack's wire names (thread_ts, response_type) where a test compares them to a payload.

import type { InstallTarget } from './oauth-state.js';

export interface FakeChannel {
  id: string;
  name: string;
  /** A public channel accepts posts without joining when the bot holds `chat:write.public`. */
  public: boolean;
  botIsMember: boolean;
  /** Human members; `chat.postEphemeral` needs the target user to be one. */
  members: string[];
}

export interface FakeUser {
  id: string;
  name: string;
  realName: string;
  tz: string;
  /** Seconds east of UTC, as Slack reports it in `users.info`. */
  tzOffset: number;
  /** The profile email `users.lookupByEmail` finds the user by. */
  email?: string;
}

/** A token bucket: `burst` calls at once, refilled at `perSecond`; keyed per channel or per method. */
export interface RateLimitRule {
  perSecond: number;
  burst: number;
  per: 'channel' | 'method';
}

export interface FakeSlackOptions {
  botToken: string;
  appToken: string;
  signingSecret: string;
  teamId: string;
  teamDomain: string;
  appId: string;
  botUserId: string;
  botId: string;
  botScopes: string[];
  channels: FakeChannel[];
  users: FakeUser[];
  rateLimits: Record<string, RateLimitRule>;
  /** Delay after `files.completeUploadExternal` before a file may be referenced from an image block. */
  fileProcessingMs: number;
  /** Simulated time for trigger ids, response_url expiry, rate limits and file processing. */
  clock: () => number;
  /** How long an interaction waits for the app's acknowledgement (Slack gives up after 3 s). */
  ackTimeoutMs: number;
  triggerLifetimeMs: number;
  responseUrlMaxPosts: number;
  responseUrlLifetimeMs: number;
  /** Where HTTP-mode interactions are delivered unless a call names its own `url`. */
  appUrl: string | undefined;
  /** The app's OAuth credentials, as its settings page shows them. */
  clientId: string;
  clientSecret: string;
  /** The app's redirect URLs (manifest `oauth_config.redirect_urls`); an install goes back to one of them. */
  redirectUrls: string[];
  /** Token rotation: how long an issued bot token lives, in seconds; null: issued tokens never expire. */
  tokenExpiresIn: number | null;
  /** Who clicks Allow on the consent page, and which workspace (or organisation) installs. */
  installer: InstallTarget;
}

export type MessageKind = 'chat.postMessage' | 'chat.postEphemeral' | 'response_url' | 'file_share';

export interface RecordedMessage {
  kind: MessageKind;
  channel: string;
  /** The ephemeral message's recipient, or the user whose interaction produced the response_url. */
  user?: string;
  text?: string;
  blocks?: unknown[];
  ts: string;
  thread_ts?: string;
  response_type?: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
  delete_original?: boolean;
  /** Ids of the files a `files.completeUploadExternal` shared with this message. */
  files?: string[];
  responseUrl?: string;
  /** How many `chat.update` calls changed this message since it was posted. */
  edits: number;
}

export interface RecordedFile {
  id: string;
  filename: string;
  title?: string;
  /** The byte count promised to `files.getUploadURLExternal`; the upload must match it. */
  length: number;
  bytes: Buffer;
  uploaded: boolean;
  completed: boolean;
  completedAt?: number;
  channel?: string;
}

export interface RecordedView {
  id: string;
  userId: string;
  callbackId?: string;
  /** The view as Slack would return it now (the last open/update/push applied). */
  view: Record<string, unknown>;
  hash: string;
  rootViewId: string;
  openedWith: 'views.open' | 'views.push';
  updates: number;
  /** True once a submission was acknowledged without a response_action that keeps the modal open. */
  closed: boolean;
}

/** A user's Home tab as views.publish last set it. */
export interface RecordedHomeView {
  id: string;
  view: Record<string, unknown>;
  hash: string;
  publishes: number;
}

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  token?: string;
  status: number;
  error?: string;
  at: number;
}

/**
 * What the next call of a method meets instead of a normal answer: a Slack error code, an HTTP status, `hang` (the
 * request is taken and never answered, as a process killed mid-call sees it) or `pass` (answered normally, so a
 * fault can be aimed at a later call). `hang` and `pass` apply to Web API methods only.
 */
export type Fault = string | { status: number; retryAfter?: number } | 'hang' | 'pass';

export interface UnackedEnvelope {
  envelopeId: string;
  type: string;
  payload: Record<string, unknown>;
}

export type Delivery = 'http' | 'socket';

export interface InteractionResult {
  /** The HTTP status of the app's answer (200 for an acknowledged Socket Mode envelope, 0 if none came). */
  status: number;
  timedOut: boolean;
  /** The immediate answer: a JSON body, `{ text }` for a plain-text one, `{}` for an empty ack. */
  ackBody: Record<string, unknown>;
  triggerId: string;
  responseUrl?: string;
  /** Resolves with the first `n` POSTs made to this interaction's response_url. */
  waitForResponses(n: number, timeoutMs?: number): Promise<RecordedMessage[]>;
}

export interface CommandResult extends InteractionResult {
  responseUrl: string;
}
