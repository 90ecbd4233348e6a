// The Postgres side of the composition root (DATABASE_URL set): the shared store, without a DATA_DIR lock since every
// instance uses it, and the work every instance shares through the job queue (src/jobs/): the digest, the leak check,
// the Notion sync and the prompts to reps.

import { hostname } from 'node:os';
import { runLeakAlertCheck, type UnsavedPosts } from '../digests/alert-runner.js';
import { buildDigestPeriodKey, findMissedOccurrence, waitForFirstImport } from '../digests/index.js';
import { runWeeklyDigest } from '../digests/runner.js';
import type { Config } from './config.js';
import { type AppJobs, buildPostgresStaleClaimMs, startAppJobs } from './jobs/app-jobs.js';
import type { Logger } from './log.js';
import type { NotionSync } from './notion/index.js';
import type { AppDeps } from './slack/deps.js';
import { PROMPT_POLL_MS, type PromptWorker } from './slack/prompt-worker.js';
import { buildStoreServices } from './store/index.js';
import { redactPassword } from './store/open-store.js';
import { buildStoreLocation } from './store-location.js';

/** The Postgres store: no DATA_DIR lock, since every instance shares it; a digest claim lapses with its job. */
export function openSharedStore(config: Config, clock: () => number, log: Logger) {
  const url = config.databaseUrl!;
  const services = buildStoreServices(buildStoreLocation(config), clock, {
    staleClaimMs: buildPostgresStaleClaimMs(config.jobExpireSeconds),
  });
  log.info('Store on Postgres', { database: redactPassword(url) });
  return { lock: undefined, services };
}

export interface SharedJobsParts {
  deps: AppDeps;
  runner: () => Parameters<typeof runWeeklyDigest>[0];
  prompts: PromptWorker;
  notion: NotionSync | null;
  clock: () => number;
  log: Logger;
}

/** The digest, the leak check, the Notion sync and the prompts, as jobs every instance shares (src/jobs/). */
export function startSharedJobs(config: Config, parts: SharedJobsParts): Promise<AppJobs> {
  const { runner, prompts, notion, clock, log } = parts;
  const { channel, cron, timeZone } = config.digest;
  const unsaved: UnsavedPosts = new Map();
  const never = new Promise<never>(() => {});
  const digest =
    channel === undefined
      ? null
      : {
          cron,
          timeZone,
          periodKeyOf: (occurrence: number) => buildDigestPeriodKey(occurrence, timeZone),
          findMissed: () => findMissedOccurrence(runner(), { channel, cron, timeZone }),
          run: async (occurrence: number) => {
            const notReady = await waitForFirstImport(runner(), occurrence, never);
            return notReady ?? runWeeklyDigest(runner(), { mode: 'scheduled', channel, now: occurrence });
          },
          checkLeaks: () => runLeakAlertCheck(runner(), channel, unsaved),
        };
  const pollMs = (config.notion?.pollSeconds ?? 60) * 1000;
  return startAppJobs({
    url: config.databaseUrl!,
    log,
    instanceId: `${hostname()}:${process.pid}`,
    clock,
    periodExpireSeconds: config.jobExpireSeconds,
    digest,
    notion: notion === null ? null : { pollMs, ...pickSync(notion) },
    prompts: { pollMs: PROMPT_POLL_MS, runNow: () => prompts.runNow() },
  });
}

function pickSync(notion: NotionSync) {
  return {
    pushNow: () => notion.pushNow(),
    pullNow: () => notion.pullNow(),
    refreshFirstImport: () => notion.refreshFirstImport(),
  };
}
