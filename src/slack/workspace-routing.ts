// Distribution mode: each request is served by its own workspace's runtime. A global middleware reads the workspace
// from Bolt's context (the enterprise for an org-wide install, the team otherwise), leases that workspace's runtime
// from the registry for as long as the request runs, and hands its deps to the handlers through the context. A
// request from a workspace that has no runtime (never installed, or uninstalled) is acked with one line and touches
// no store: it is never served from another workspace's. A slash command whose workspace must be opened first, or
// whose company names are still to be built, is acked here at once, empty (Slack times the ack, and a closed workspace
// takes a fraction of a second to seconds to open), then answered through its response_url once it is ready; past
// OPENING_ACK_MS a line says the answer is coming.

import type { AnyMiddlewareArgs, Authorize, Context, Middleware, RespondFn } from '@slack/bolt';
import { releaseForBackground } from '../background-turns.js';
import type { Logger } from '../log.js';
import type { Installations, WorkspaceRegistry } from '../workspace-registry.js';
import type { WorkspaceRuntime } from '../workspace-runtime.js';
import { isWorkspaceKey } from '../workspace-store.js';
import type { AppDeps } from './deps.js';
import { FOREIGN_WORKSPACE_MESSAGE } from './workspace-check.js';

/** Where the routing middleware leaves the request's workspace deps for the handlers. */
const DEPS_KEY = 'roiRunwayWorkspaceDeps';

/** Where it notes that it acked a slash command itself, while the command's workspace was opening. */
const ACKED_KEY = 'roiRunwayAckedWhileOpening';

/**
 * How long a slash command acked while its workspace opens waits before it is told that the answer is coming: a closed
 * workspace of 100k leads takes one to three seconds to open on a busy machine.
 */
export const OPENING_ACK_MS = 2_000;

export const OPENING_MESSAGE = "One moment: your team's data is being opened. The answer follows here.";

export const OPENING_FAILED_MESSAGE =
  "Sorry, your team's data could not be opened just now, so nothing was done. Please try again in a minute.";

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/** Bolt's install key: the enterprise for an org-wide install, the team otherwise; null when the request names neither. */
export function readWorkspaceKey(context: {
  teamId?: unknown;
  enterpriseId?: unknown;
  isEnterpriseInstall?: unknown;
}): string | null {
  const enterprise = text(context.enterpriseId);
  const key = context.isEnterpriseInstall === true && enterprise !== null ? enterprise : text(context.teamId);
  return key !== null && isWorkspaceKey(key) ? key : null;
}

/** The handlers' deps for this request (registerCommands's DepsSource in distribution mode). */
export function readWorkspaceDeps(context: Context): AppDeps {
  const deps = context[DEPS_KEY] as AppDeps | undefined;
  // The routing middleware runs before every listener: without deps the request was never routed, a wiring bug.
  if (deps === undefined) throw new Error('A request reached a handler without its workspace');
  return deps;
}

/** Each request's bot token, from the installations; none for a workspace that is not installed (then refused). */
export function buildWorkspaceAuthorize(installations: Installations): Authorize<boolean> {
  return async (source) => {
    const key = readWorkspaceKey(source);
    const token = key === null ? null : await installations.botTokenFor(key);
    return token === null ? {} : { botToken: token };
  };
}

/** Commands that never look a company up: `/roi` (its campaigns come from the snapshot) and `/funnel`. */
const NAMELESS_COMMANDS = new Set(['/roi', '/funnel']);

function mayLookUpCompanies(args: AnyMiddlewareArgs): boolean {
  return !('command' in args && NAMELESS_COMMANDS.has(args.command.command));
}

/** Events about the installation itself: Bolt authorizes none of them, and the directory handles them, no workspace. */
const INSTALLATION_EVENTS = new Set(['app_uninstalled', 'tokens_revoked']);

function isInstallationEvent(body: unknown): boolean {
  const type = (body as { event?: { type?: unknown } }).event?.type;
  return typeof type === 'string' && INSTALLATION_EVENTS.has(type);
}

/**
 * The handler's args, with an ack that answers through the response_url when the routing middleware acked the slash
 * command already (its workspace was slow to open): what the handler would have acked is then posted instead.
 */
export function withLateAck<A extends { context: Context }>(args: A): A {
  const respond = (args as { respond?: RespondFn }).respond;
  if (args.context[ACKED_KEY] !== true || respond === undefined) return args;
  const ack = async (response?: string | Record<string, unknown>) => {
    if (response === undefined) return;
    const message = typeof response === 'string' ? { text: response } : response;
    await respond({ response_type: 'ephemeral', ...message } as Parameters<RespondFn>[0]);
  };
  return { ...args, ack };
}

/**
 * Acks a slash command whose workspace must be opened, at once and empty: the handler's answer goes to the
 * response_url (withLateAck). Answers the timer that says "one moment" if the open takes longer than `ms`.
 */
function ackWhileOpening(
  args: AnyMiddlewareArgs & { context: Context },
  ms: number,
  log: Logger,
): NodeJS.Timeout | undefined {
  const { context } = args;
  const respond = (args as { respond?: RespondFn }).respond;
  if (!('command' in args) || !('ack' in args) || respond === undefined) return undefined;
  context[ACKED_KEY] = true;
  const ack = args.ack as () => Promise<void>;
  ack().catch((error: unknown) => log.warn('Could not ack a command while its workspace opened', { error }));
  return setTimeout(() => {
    respond({ response_type: 'ephemeral', text: OPENING_MESSAGE }).catch((error: unknown) =>
      log.warn('Could not say that a workspace is opening', { error }),
    );
  }, ms);
}

/** A command acked while its workspace opened, whose workspace then failed to open, is told so (nothing was done). */
async function tellOpeningFailed(args: AnyMiddlewareArgs & { context: Context }, log: Logger): Promise<void> {
  const respond = (args as { respond?: RespondFn }).respond;
  if (args.context[ACKED_KEY] !== true || args.context[DEPS_KEY] !== undefined || respond === undefined) return;
  await respond({ response_type: 'ephemeral', text: OPENING_FAILED_MESSAGE }).catch((error: unknown) =>
    log.warn('Could not say that a workspace failed to open', { error }),
  );
}

export function buildWorkspaceRouting(
  registry: WorkspaceRegistry,
  log: Logger,
  openingAckMs = OPENING_ACK_MS,
): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    if (isInstallationEvent(args.body)) return args.next();
    const key = readWorkspaceKey(args.context);
    let opening: NodeJS.Timeout | undefined;
    const work = async (runtime: WorkspaceRuntime) => {
      clearTimeout(opening);
      args.context[DEPS_KEY] = runtime.deps;
      // The company names are built on demand (in steps): a request that may look a company up waits for them here
      // rather than building them in one go inside its handler. A slash command is acked first, as while opening: at
      // 5,000 leads the build takes tens of milliseconds of CPU, spread over turns that other requests share.
      const { leads } = runtime.deps.services;
      if (mayLookUpCompanies(args) && !leads.namesReady()) {
        releaseForBackground(args.context);
        if (args.context[ACKED_KEY] !== true) opening = ackWhileOpening(args, openingAckMs, log);
        await leads.prepareNames();
        clearTimeout(opening);
      }
      await args.next();
    };
    // No bot token from authorize: the installation is gone even if its runtime is still open (not closed yet).
    const botToken = text(args.context.botToken);
    const served =
      key === null || botToken === null
        ? null
        : await registry
            .use(
              key,
              work,
              () => {
                releaseForBackground(args.context);
                opening = ackWhileOpening(args, openingAckMs, log);
              },
              botToken,
            )
            .catch(async (error: unknown) => {
              await tellOpeningFailed(args, log);
              throw error;
            })
            .finally(() => clearTimeout(opening));
    if (served !== null) return;
    log.info('Refused a request from a workspace that is not installed', { workspace: key });
    if (!('ack' in args) || typeof args.ack !== 'function') return;
    const ack = args.ack as (response?: object) => Promise<void>;
    await ack('command' in args ? { response_type: 'ephemeral', text: FOREIGN_WORKSPACE_MESSAGE } : undefined);
  };
}
