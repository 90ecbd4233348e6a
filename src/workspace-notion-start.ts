// Distribution mode: a workspace's Notion starts beside its open, not before it. The open waits only for the store; the
// schema check (several of Notion's round trips, longer when Notion is slow or rate limited) runs meanwhile, so a
// manager's /roi settings still opens its modal within Slack's 3 s and every other answer comes at once. Until the
// sync is ready the workspace runs as it does while Notion is down: changes wait in the outbox.

import type { Logger } from './log.js';
import { readRecordedFirstImport } from './notion/first-import.js';
import type { NotionSync, StartNotionSyncDeps } from './notion/index.js';
import type { FirstImportStatus, NotionSyncHandle } from './slack/deps.js';
import type { StoreServices } from './store/index.js';

/** What digests and leak checks ask of the first import: the same questions, asked before the sync is ready too. */
export type FirstImportHandle = Pick<NotionSyncHandle, 'firstImport' | 'whenImported'>;

export interface NotionStart {
  /** Digests and leak checks wait for the first import through this from the open on, not only once Notion is ready. */
  handle: FirstImportHandle;
  /** Resolves with the started sync, or null when it failed to start or the workspace closed first. */
  ready: Promise<NotionSync | null>;
  /**
   * The workspace is closing (called once, before its store closes). A start still under way gets `graceMs` to end,
   * so what waits in the outbox gets its last push as on any close: resolves with that sync, built but not started,
   * for the caller to push once. Past `graceMs` the start is cut short and nothing of it runs after (no sync, no log
   * line, nothing written to the store): resolves null, as it does when the sync was started already (the caller
   * stops that one) or failed.
   */
  close(graceMs: number): Promise<NotionSync | null>;
}

export interface NotionStartParts {
  /** startNotionSync with the given deps, the sync built but not started. */
  start: (extra: Pick<StartNotionSyncDeps, 'signal' | 'start'>) => Promise<NotionSync>;
  services: StoreServices;
  log: Logger;
  /** Told the started sync once, unless the workspace began closing first. */
  onReady: (sync: NotionSync) => void;
}

const DONE: FirstImportStatus = { done: true, leads: 0 };
/** A closing workspace's store is not read again; its digests are stopping. */
const CLOSING: FirstImportStatus = { done: false, leads: 0 };
const never = new Promise<void>(() => {});

export function startNotionAside(parts: NotionStartParts): NotionStart {
  const controller = new AbortController();
  let sync: NotionSync | null = null;
  let failed = false;
  let closing = false;
  const built = parts.start({ signal: controller.signal, start: false }).then(
    (made) => (controller.signal.aborted ? null : made),
    (error: unknown) => {
      if (controller.signal.aborted) return null;
      failed = true;
      parts.log.error('Notion could not start for this workspace; it runs without Notion until it reopens', { error });
      return null;
    },
  );
  const ready = built.then((made) => {
    if (made === null || closing) return null;
    made.start();
    sync = made;
    try {
      parts.onReady(made);
    } catch (error) {
      // Nobody awaits this chain but digests and jobs: a bug here is logged, not left as an unhandled rejection.
      parts.log.error('Using the started Notion sync failed', { error });
    }
    return made;
  });
  return {
    handle: {
      // Before the sync has read it, the store's record answers: a workspace imported long ago runs its digest at
      // once, one whose import is still owed waits for it. A Notion that failed to start is left out, as before.
      firstImport() {
        if (sync !== null) return sync.firstImport();
        if (failed) return DONE;
        return closing ? CLOSING : readRecordedFirstImport(parts.services);
      },
      // Closed before Notion was ready: a digest waiting for the import is ended by its schedule's stop instead.
      whenImported: () => ready.then((started) => started?.whenImported() ?? (failed ? undefined : never)),
    },
    ready,
    async close(graceMs) {
      closing = true;
      if (sync !== null) return null;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), graceMs);
      });
      const outcome = await Promise.race([built, late]);
      clearTimeout(timer);
      if (outcome !== 'late') return outcome;
      controller.abort();
      return null;
    },
  };
}
