// Distribution mode: the open workspaces of this process, each a workspace runtime over its own store, opened on first
// use and kept in a bounded LRU (a hard bound: a request waits for room rather than opening one more). Evicting one stops its workers and closes its store; nothing is lost, since what is
// owed to Notion waits in the store's outbox and goes out when the workspace opens again.

import { backgroundTurn } from './background-turns.js';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import { buildInFlight, type InFlight } from './slack/in-flight.js';
import { runShutdown } from './slack/shutdown.js';
import type { WorkspaceRuntime } from './workspace-runtime.js';
import type { WorkspaceSettings } from './workspace-settings.js';

/**
 * The installed workspaces, as the OAuth installation service knows them. A workspace key is Bolt's install key: the
 * enterprise id for an org-wide install, the team id otherwise.
 */
export interface Installations {
  isInstalled(key: string): Promise<boolean>;
  /** The bot token of an installed workspace; null when it has none (uninstalled, revoked). */
  botTokenFor(key: string): Promise<string | null>;
  /** Every installed workspace: their digests and leak checks are scheduled even while they are closed. */
  installedKeys(): Promise<string[]>;
  /** Who installed the workspace (its first manager); null or unset when nobody is known. */
  installerOf?(key: string): Promise<string | null>;
}

/** Open workspaces kept at most (WORKSPACE_CACHE_SIZE's default): README, "Many workspaces", for the figures. */
export const DEFAULT_WORKSPACE_CACHE_SIZE = 16;

/**
 * How many workspaces open at once in this process. An open holds the event loop in pieces (its store's round trips,
 * its first snapshot, its name index in steps): ten opening together put ten pieces between two acks. Two keep one
 * open's reads from Postgres beside the other's work, and the rest wait their turn — a request's open before a job's.
 */
export const OPENS_AT_ONCE = 2;

/** How long an evicted workspace's background work (a digest post, a Home tab republish) may take to finish. */
const EVICTION_DRAIN_MS = 10_000;

/** What the registry needs to open one workspace; the distribution runtime (src/distribution-runtime.ts) builds it. */
export type OpenWorkspace = (
  key: string,
  token: string,
  track: <T>(work: Promise<T>) => Promise<T>,
) => Promise<WorkspaceRuntime>;

/**
 * The workspace's settings: the environment's with those stored in its store on top. Without `stored` (the wake-up
 * timers, which read no store) the environment's alone.
 */
export type WorkspaceConfigSource = (key: string, env: Config, stored?: WorkspaceSettings) => Config;

export interface WorkspaceRegistry {
  /**
   * Runs `work` with the workspace's runtime, opening it first if need be, and keeps it open until `work` settles.
   * Resolves null, without touching any store, when the workspace is not installed.
   */
  use<T>(
    key: string,
    work: (runtime: WorkspaceRuntime) => Promise<T>,
    /** Called when the installed workspace is not open yet and `work` waits for it to open. */
    onOpening?: () => void,
    /** A request's bot token, as Bolt's authorize read it just now: the installation is not read again to open. */
    botToken?: string,
  ): Promise<{ value: T } | null>;
  /** The keys of the open workspaces, least recently used first. */
  openKeys(): string[];
  /**
   * Closes the workspace now if it is open, once the requests it serves have finished: its installation was removed
   * (the OAuth service's onUninstalled hook calls this), so its next request is refused instead of served.
   */
  close(key: string): Promise<void>;
  /** Closes every open workspace (the process is stopping). */
  stopAll(): Promise<void>;
}

interface Entry {
  key: string;
  opening: Promise<WorkspaceRuntime>;
  runtime: WorkspaceRuntime | null;
  inFlight: InFlight;
  leases: number;
}

export function createWorkspaceRegistry(parts: {
  installations: Installations;
  open: OpenWorkspace;
  capacity: number;
  log: Logger;
  /** OPENS_AT_ONCE unless given. */
  opensAtOnce?: number;
}): WorkspaceRegistry {
  const { installations, capacity, log } = parts;
  // A Map keeps insertion order: a use moves its entry to the end, so the first entries are the least recently used.
  const entries = new Map<string, Entry>();
  const closing = new Set<Promise<void>>();
  // Workspaces closed on purpose (close(key)) while their requests finish: only their own next request waits.
  const closingKeys = new Map<string, Promise<void>>();
  let stopped = false;

  const turns = createOpenTurns(parts.opensAtOnce ?? OPENS_AT_ONCE);

  const openEntry = (key: string, token: string, urgent: boolean): Entry => {
    const inFlight = buildInFlight();
    const entry: Entry = { key, runtime: null, inFlight, leases: 0, opening: Promise.resolve(null as never) };
    entry.opening = turns
      .run(urgent, async () => {
        // Its first piece (a client, its store's connection) waits like its later ones for the requests being read.
        await backgroundTurn();
        return parts.open(key, token, (work) => inFlight.track(work));
      })
      .then((runtime) => {
        entry.runtime = runtime;
        return runtime;
      });
    // A workspace that failed to open is forgotten, so the next request tries again.
    entry.opening.catch(() => {
      if (entries.get(key) === entry) entries.delete(key);
      signalRoom();
    });
    return entry;
  };

  const close = async (entry: Entry) => {
    const runtime = await entry.opening.catch(() => null);
    if (runtime === null) return;
    // Evicted as a request opens another: the requests read meanwhile are acked before this work.
    await backgroundTurn();
    await runtime.quiesce();
    const work = { stop: () => entry.inFlight.drain(EVICTION_DRAIN_MS).then(() => undefined) };
    await runShutdown({ ...runtime.shutdownParts(), slack: work, log: runtime.deps.log });
    log.info('Workspace closed', { workspace: entry.key });
  };

  // Requests waiting for room to open their workspace (every open one is serving or opening), woken when one may
  // have been freed: a lease released, a workspace closed or failed to open, the process stopping.
  let waitingForRoom: (() => void)[] = [];
  const signalRoom = () => {
    const waiting = waitingForRoom;
    waitingForRoom = [];
    for (const wake of waiting) wake();
  };

  /** Closes the least recently used idle workspace; false when every open one is serving a request or opening. */
  const evictOne = (): boolean => {
    for (const entry of entries.values()) {
      if (entry.leases > 0 || entry.runtime === null) continue;
      entries.delete(entry.key);
      const closed = close(entry).catch((error: unknown) => log.error('Closing a workspace failed', { error }));
      closing.add(closed);
      void closed.finally(() => closing.delete(closed));
      return true;
    }
    return false;
  };

  const evictOverCapacity = () => {
    while (entries.size > capacity && evictOne());
  };

  /**
   * The workspace's entry, opening it if need be. The bound is hard: each open workspace holds a store (on Postgres a
   * connection), so a request for a closed workspace while all `capacity` are serving waits for one to be free rather
   * than opening one more; `onOpening` is told before any such wait.
   */
  const acquire = async (
    key: string,
    onOpening: () => void,
    urgent: boolean,
    botToken: string | undefined,
  ): Promise<Entry | null> => {
    const known = entries.get(key);
    if (known !== undefined) return known;
    if (botToken === undefined && !(await installations.isInstalled(key))) return null;
    const token = botToken ?? (await installations.botTokenFor(key));
    let told = false;
    for (;;) {
      if (token === null || stopped) return null;
      // Two requests for a workspace that is opening share the one opening.
      const raced = entries.get(key);
      if (raced !== undefined) return raced;
      if (!told) onOpening();
      told = true;
      if (entries.size >= capacity && !evictOne()) {
        await new Promise<void>((resolve) => waitingForRoom.push(resolve));
        continue;
      }
      // Its own earlier instance, or the one just evicted, may still be closing: its store is shut first.
      await Promise.allSettled([...closing, closingKeys.get(key)]);
      if (entries.has(key) || entries.size >= capacity) continue;
      const entry = openEntry(key, token, urgent);
      entries.set(key, entry);
      return entry;
    }
  };

  return {
    async use(key, work, onOpening, botToken) {
      let told = false;
      // A request waiting for its workspace (it says so with onOpening) opens before a background job's workspace.
      const entry = await acquire(
        key,
        () => {
          told = true;
          onOpening?.();
        },
        onOpening !== undefined,
        botToken,
      );
      if (entry === null) return null;
      entry.leases += 1;
      if (entry.runtime === null && !told) onOpening?.();
      try {
        const runtime = await entry.opening;
        if (entries.get(key) === entry) {
          entries.delete(key);
          entries.set(key, entry);
        }
        return { value: await work(runtime) };
      } finally {
        entry.leases -= 1;
        evictOverCapacity();
        signalRoom();
      }
    },
    openKeys: () => [...entries.keys()],
    async close(key) {
      const entry = entries.get(key);
      if (entry === undefined) return;
      entries.delete(key);
      signalRoom();
      // Requests in flight keep their lease: the store closes after them (they hold the runtime, not the entry).
      // A request for it arriving meanwhile waits in acquire (closingKeys), so the workspace is never open twice at once —
      // new settings (/roi settings) reopen it right away.
      const closed = (async () => {
        while (entry.leases > 0) await new Promise((resolve) => setTimeout(resolve, 10));
        await close(entry);
      })();
      closingKeys.set(key, closed);
      void closed
        .catch(() => undefined)
        .finally(() => {
          if (closingKeys.get(key) === closed) closingKeys.delete(key);
        });
      await closed;
    },
    async stopAll() {
      stopped = true;
      signalRoom();
      const open = [...entries.values()];
      entries.clear();
      await Promise.allSettled([...closing, ...open.map(close)]);
    },
  };
}

/** Opens taking turns: `count` at once, a request's (urgent) before any job's, each in the order they came. */
function createOpenTurns(count: number) {
  let free = count;
  const urgent: (() => void)[] = [];
  const later: (() => void)[] = [];
  const give = () => {
    // The turn passes straight to the next in line, so a newcomer cannot overtake it.
    const next = urgent.shift() ?? later.shift();
    if (next === undefined) free += 1;
    else next();
  };
  return {
    async run<T>(isUrgent: boolean, work: () => Promise<T>): Promise<T> {
      if (free > 0) free -= 1;
      else await new Promise<void>((resolve) => (isUrgent ? urgent : later).push(resolve));
      try {
        return await work();
      } finally {
        give();
      }
    },
  };
}
