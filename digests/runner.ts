// One run of the Monday digest: compute the week, then post the ROI digest and the funnel-leak digest to the
// channel, exactly once per reported week and channel (the ledger is claimed before posting, each message recorded
// as Slack accepts it, the week marked at the end). Nothing is built while the first import from Notion runs.

import type { WebClient } from '@slack/web-api';
import { computeWeeklyDigestDataInSteps } from '../src/domain/digest-data.js';
import { computeInquiryMix } from '../src/domain/inquiry-mix.js';
import { runAllSteps, type Steps } from '../src/domain/steps.js';
import type { Lead, WeeklyDigestData } from '../src/domain/types.js';
import type {
  AppDeps,
  DigestRunRequest,
  DigestRunResult,
  FirstImportStatus,
  NotionSyncHandle,
} from '../src/slack/deps.js';
import type { PartKey } from '../src/store/index.js';
import { buildChannelAccess, DigestChannelError, readSlackError } from './channel-access.js';
import { withChartImages } from './chart-images.js';
import { buildLeakDigest } from './leak-digest.js';
import { withNotionLinks } from './notion-links.js';
import { buildNoActivityNote, type PartsContext, postDigestParts } from './post-parts.js';
import { buildWeeklyDigest } from './weekly-digest.js';

export { buildNoActivityNote, NO_ACTIVITY_NOTE } from './post-parts.js';

export interface DigestRunnerDeps
  extends Pick<AppDeps, 'config' | 'services' | 'settings' | 'charts' | 'log' | 'clock'> {
  client: WebClient;
  /** Waits between retries; tests pass one that moves a simulated clock instead. */
  sleep?: (ms: number) => Promise<void>;
  /** The Notion sync when it is configured: no digest is built before its first import has finished. */
  notion?: Pick<NotionSyncHandle, 'firstImport' | 'whenImported'> | null;
  /**
   * Runs the digest's figures (half a second at 100k leads) in steps; the bot passes one that takes a few
   * milliseconds per turn of the event loop, so requests keep being acked meanwhile. Default: all at once.
   */
  runSteps?: <T>(steps: Steps<T>) => Promise<T>;
  /** Called once a digest (or its correction) is in the channel: the bot refreshes the Home tabs opened lately. */
  afterPost?: () => void;
}

export interface DigestRunOptions extends DigestRunRequest {
  /** The instant the digest reports as of: its reported week is the full week before it. */
  now: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Both digests as plain text, the charts in words: what `npm run digest -- --preview` prints. */
export function buildPreviewText(data: WeeklyDigestData): string {
  if (!data.hadActivity) return buildNoActivityNote(data);
  return [buildWeeklyDigest(data).text, buildLeakDigest(data).text].join('\n\n');
}

export function buildImportingReason(status: FirstImportStatus): string {
  const leads = `${status.leads.toLocaleString('en-US')} lead${status.leads === 1 ? '' : 's'} so far`;
  return `the first import from Notion is still running (${leads}); the digest waits for it so that it shows all your data`;
}

export async function runWeeklyDigest(deps: DigestRunnerDeps, request: DigestRunOptions): Promise<DigestRunResult> {
  const importing = deps.notion?.firstImport();
  if (importing !== undefined && !importing.done) {
    return { posted: false, reason: buildImportingReason(importing), importing };
  }
  const asOf = request.correction?.asOf ?? request.now;
  const { leads, links } = deps.services;
  const runSteps = deps.runSteps ?? (async <T>(steps: Steps<T>) => runAllSteps(steps));
  const dataset = leads.dataset();
  const figures = await runSteps(computeWeeklyDigestDataInSteps(dataset, asOf, deps.settings));
  // One pass over the leads (a few milliseconds at 100k), so it needs no steps of its own.
  const computed = withInquiryMix(figures, dataset.leads, deps);
  const data = withNotionLinks(computed, (id) => links.getLink('lead', id)?.pageId ?? null);
  if (request.mode === 'preview') return runPreview(deps, data, request.userId);
  const channel = request.channel ?? deps.config.digest.channel;
  if (channel === undefined) return { posted: false, reason: 'no digest channel: set DIGEST_CHANNEL' };
  if (request.correction !== undefined) return runCorrection(deps, data, channel, request.correction.periodKey);
  return runFirstPost(deps, data, channel, request);
}

/**
 * The quarter's inquiries by channel and tracked vs said, once the team uses the inquiry webhook (a digest of a team
 * that logs every lead by hand stays as it was).
 */
function withInquiryMix(data: WeeklyDigestData, leads: readonly Lead[], deps: DigestRunnerDeps): WeeklyDigestData {
  const inquiries = deps.services.inquiries.listInquiries(data.quarter.start);
  const mix = computeInquiryMix(leads, inquiries, { ...data.quarter, end: data.asOf });
  return inquiries.length > 0 || mix.both > 0 ? { ...data, inquiryMix: mix } : data;
}

async function runFirstPost(
  deps: DigestRunnerDeps,
  data: WeeklyDigestData,
  channel: string,
  request: DigestRunOptions,
): Promise<DigestRunResult> {
  const periodKey = data.week.key;
  const { ledger } = deps.services;
  if (!ledger.isPosted(periodKey, channel) && !ledger.claim(periodKey, channel, deps.clock())) {
    const entry = ledger.readEntry(periodKey, channel);
    if (entry?.state === 'claimed') {
      const retryAt = entry.claimedAt + ledger.staleClaimMs;
      return { posted: false, reason: `another run is posting ${periodKey} right now`, retryAt };
    }
  }
  const entry = ledger.readEntry(periodKey, channel);
  if (entry?.state === 'posted') return buildAlreadyPosted(deps, periodKey, channel, entry.messageTs, request.now);
  return postClaimed(deps, data, { periodKey, channel, revision: entry?.revision ?? 0 }, request.mode);
}

async function runCorrection(
  deps: DigestRunnerDeps,
  data: WeeklyDigestData,
  channel: string,
  periodKey: string,
): Promise<DigestRunResult> {
  if (data.week.key !== periodKey) return { posted: false, reason: `the correction is not for ${periodKey}` };
  const { ledger } = deps.services;
  const revision = ledger.claimCorrection(periodKey, channel, deps.clock());
  if (revision !== null) return postClaimed(deps, data, { periodKey, channel, revision }, 'correction');
  return ledger.readEntry(periodKey, channel)?.state === 'claimed'
    ? { posted: false, reason: `another run is posting ${periodKey} right now` }
    : { posted: false, reason: `the digest for ${periodKey} has not been posted yet, so there is nothing to correct` };
}

async function buildAlreadyPosted(
  deps: DigestRunnerDeps,
  periodKey: string,
  channel: string,
  ts: string | null,
  asOf: number,
): Promise<DigestRunResult> {
  const permalink = ts === null ? null : await readPermalink(deps, channel, ts);
  return {
    posted: false,
    reason: `already posted for ${periodKey}`,
    already: { periodKey, channel, ts, permalink, asOf },
  };
}

/** The link to a posted message; null (and a log line) when Slack will not give one. */
async function readPermalink(deps: DigestRunnerDeps, channel: string, ts: string): Promise<string | null> {
  try {
    return (await deps.client.chat.getPermalink({ channel, message_ts: ts })).permalink ?? null;
  } catch (error) {
    deps.log.warn('No permalink for the posted digest', { channel, ts, slackError: readSlackError(error) });
    return null;
  }
}

async function postClaimed(
  deps: DigestRunnerDeps,
  data: WeeklyDigestData,
  key: PartKey,
  mode: DigestRunRequest['mode'],
): Promise<DigestRunResult> {
  const { ledger } = deps.services;
  const { periodKey, channel, revision } = key;
  try {
    const ts = await postDigestParts(data, buildPartsContext(deps, key));
    ledger.markPosted(periodKey, channel, ts, deps.clock());
    deps.afterPost?.();
    const { hadActivity } = data;
    deps.log.info(revision === 0 ? 'Digest posted' : 'Corrected digest posted', {
      ...{ periodKey, channel, ts, mode, revision, hadActivity },
    });
    if (revision > 0) return { posted: true, ts, permalink: await readPermalink(deps, channel, ts) };
    return hadActivity ? { posted: true, ts } : { posted: true, ts, reason: 'no activity last week' };
  } catch (error) {
    releaseClaim(deps, key);
    if (error instanceof DigestChannelError) return { posted: false, reason: error.message };
    const slackError = readSlackError(error);
    deps.log.error('Digest failed', { periodKey, channel, slackError, error });
    const reason = slackError ?? (error instanceof Error ? error.message : String(error));
    return { posted: false, reason, retryable: true };
  }
}

/** Gives the claim back so a retry need not wait for it to lapse; the parts already posted stay recorded. */
function releaseClaim(deps: DigestRunnerDeps, key: PartKey): void {
  try {
    deps.services.ledger.release(key.periodKey, key.channel);
  } catch (error) {
    deps.log.error('Could not give the digest claim back; a retry takes it over when it lapses', { ...key, error });
  }
}

function buildPartsContext(deps: DigestRunnerDeps, key: PartKey): PartsContext {
  const { client, charts, log, clock } = deps;
  const { channel, periodKey } = key;
  const access = buildChannelAccess(client, channel, log);
  const { ledger } = deps.services;
  return { client, charts, log, channel, periodKey, access, sleep: deps.sleep ?? realSleep, key, ledger, clock };
}

/**
 * A preview goes to the asker alone, as a direct message from the bot, with each chart's words in place of its
 * image: nothing is shared into a channel before a manager has seen it, and the ledger is left alone.
 */
async function runPreview(
  deps: DigestRunnerDeps,
  data: WeeklyDigestData,
  userId: string | undefined,
): Promise<DigestRunResult> {
  if (userId === undefined) return { posted: false, reason: 'a preview needs the user who asked for it' };
  if (!data.hadActivity) {
    const answer = await deps.client.chat.postMessage({ channel: userId, text: buildNoActivityNote(data) });
    return { posted: true, ts: answer.ts, reason: 'no activity last week' };
  }
  let ts: string | undefined;
  for (const message of [buildWeeklyDigest(data), buildLeakDigest(data)]) {
    const blocks = withChartImages(message, {});
    const answer = await deps.client.chat.postMessage({ channel: userId, text: message.text, blocks });
    ts ??= answer.ts;
  }
  deps.log.info('Digest preview sent', { periodKey: data.week.key, userId, ts });
  return { posted: true, ts };
}
