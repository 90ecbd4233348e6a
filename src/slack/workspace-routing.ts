// Distribution mode: each request is served by its own workspace's runtime. A global middleware reads the workspace
// from Bolt's context (the enterprise for an org-wide install, the team otherwise), leases that workspace's runtime
// from the registry for as long as the request runs, and hands its deps to the handlers through the context. A
// request from a workspace that has no runtime (never installed, or uninstalled) is acked with one line and touches
// no store: it is never served from another workspace's.

import type { AnyMiddlewareArgs, Authorize, Context, Middleware } from '@slack/bolt';
import type { Logger } from '../log.js';
import type { Installations, WorkspaceRegistry } from '../workspace-registry.js';
import { isWorkspaceKey } from '../workspace-store.js';
import type { AppDeps } from './deps.js';
import { FOREIGN_WORKSPACE_MESSAGE } from './workspace-check.js';

/** Where the routing middleware leaves the request's workspace deps for the handlers. */
const DEPS_KEY = 'roiRunwayWorkspaceDeps';

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

/** Events about the installation itself: Bolt authorizes none of them, and the directory handles them, no workspace. */
const INSTALLATION_EVENTS = new Set(['app_uninstalled', 'tokens_revoked']);

function isInstallationEvent(body: unknown): boolean {
  const type = (body as { event?: { type?: unknown } }).event?.type;
  return typeof type === 'string' && INSTALLATION_EVENTS.has(type);
}

export function buildWorkspaceRouting(registry: WorkspaceRegistry, log: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    if (isInstallationEvent(args.body)) return args.next();
    const key = readWorkspaceKey(args.context);
    // No bot token from authorize: the installation is gone even if its runtime is still open (not closed yet).
    const served =
      key === null || text(args.context.botToken) === null
        ? null
        : await registry.use(key, async (runtime) => {
            args.context[DEPS_KEY] = runtime.deps;
            await args.next();
          });
    if (served !== null) return;
    log.info('Refused a request from a workspace that is not installed', { workspace: key });
    if (!('ack' in args) || typeof args.ack !== 'function') return;
    const ack = args.ack as (response?: object) => Promise<void>;
    await ack('command' in args ? { response_type: 'ephemeral', text: FOREIGN_WORKSPACE_MESSAGE } : undefined);
  };
}
