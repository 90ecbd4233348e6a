// One run of the Monday digest: compute the week, then post the ROI digest and the funnel-leak digest to the
// channel, exactly once per reported week and channel (the ledger is claimed before posting and marked after).

import type { WebClient } from '@slack/web-api';
import { runInTurns } from '../commands/respond.js';
import { computeWeeklyDigestData } from '../src/domain/digest-data.js';
import { computeBookDuplicatesInSteps } from '../src/domain/duplicates.js';
import type { WeeklyDigestData } from '../src/domain/types.js';
import type { AppDeps, DigestRunRequest, DigestRunResult } from '../src/slack/deps.js';
import { buildChannelAccess, DigestChannelError, readSlackError } from './channel-access.js';
import { withChartImages } from './chart-images.js';
import { buildLeakDigest } from './leak-digest.js';
import { withNotionLinks } from './notion-links.js';
import { type PublishContext, publishDigest } from './publish.js';
import { buildWeeklyDigest } from './weekly-digest.js';

export const NO_ACTIVITY_NOTE = 'No activity last week — digest skipped';

export interface DigestRunnerDeps
  extends Pick<AppDeps, 'config' | 'services' | 'settings' | 'charts' | 'log' | 'clock'> {
  client: WebClient;
  /** Waits between retries; tests pass one that moves a simulated clock instead. */
  sleep?: (ms: number) => Promise<void>;
}

export interface DigestRunOptions extends DigestRunRequest {
  /** The instant the digest reports as of: its reported week is the full week before it. */
  now: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function buildNoActivityNote(data: WeeklyDigestData): string {
  return `${NO_ACTIVITY_NOTE} (${data.week.label}).`;
}

/** Both digests as plain text, the charts in words: what `npm run digest -- --preview` prints. */
export function buildPreviewText(data: WeeklyDigestData): string {
  if (!data.hadActivity) return buildNoActivityNote(data);
  return [buildWeeklyDigest(data).text, buildLeakDigest(data).text].join('\n\n');
}

export async function runWeeklyDigest(deps: DigestRunnerDeps, request: DigestRunOptions): Promise<DigestRunResult> {
  const { leads, links } = deps.services;
  const dataset = leads.dataset();
  // The duplicate scan is the longest part of the digest at 100k leads: done in steps first (the snapshot keeps the
  // result for computeWeeklyDigestData), so the bot keeps answering meanwhile.
  await runInTurns(computeBookDuplicatesInSteps(dataset));
  const computed = computeWeeklyDigestData(dataset, request.now, deps.settings);
  const data = withNotionLinks(computed, (id) => links.getLink('lead', id)?.pageId ?? null);
  if (request.mode === 'preview') return runPreview(deps, data, request.userId);
  const channel = request.channel ?? deps.config.digest.channel;
  if (channel === undefined) return { posted: false, reason: 'no digest channel: set DIGEST_CHANNEL' };
  const periodKey = data.week.key;
  const { ledger } = deps.services;
  if (ledger.isPosted(periodKey, channel)) return { posted: false, reason: `already posted for ${periodKey}` };
  if (!ledger.claim(periodKey, channel, deps.clock())) {
    return { posted: false, reason: `another run is posting ${periodKey} right now` };
  }
  try {
    const ts = await postToChannel(deps, data, channel);
    ledger.markPosted(periodKey, channel, ts, deps.clock());
    deps.log.info('Digest posted', { periodKey, channel, ts, mode: request.mode, hadActivity: data.hadActivity });
    return data.hadActivity ? { posted: true, ts } : { posted: true, ts, reason: 'no activity last week' };
  } catch (error) {
    // Giving the claim back lets the next run (or a manager's "now") try again at once.
    ledger.release(periodKey, channel);
    if (error instanceof DigestChannelError) return { posted: false, reason: error.message };
    const slackError = readSlackError(error);
    deps.log.error('Digest failed', { periodKey, channel, slackError, error });
    return { posted: false, reason: slackError ?? (error instanceof Error ? error.message : String(error)) };
  }
}

/** Posts both digests (or the one-line note); answers the ts of the first message, the one the ledger keeps. */
async function postToChannel(deps: DigestRunnerDeps, data: WeeklyDigestData, channel: string): Promise<string> {
  const access = buildChannelAccess(deps.client, channel, deps.log);
  if (!data.hadActivity) {
    const answer = await access(() => deps.client.chat.postMessage({ channel, text: buildNoActivityNote(data) }));
    if (answer.ts === undefined) throw new Error('chat.postMessage answered without a ts');
    return answer.ts;
  }
  const context: PublishContext = {
    client: deps.client,
    charts: deps.charts,
    log: deps.log,
    channel,
    periodKey: data.week.key,
    access,
    sleep: deps.sleep ?? realSleep,
  };
  const first = await publishDigest(buildWeeklyDigest(data), context);
  try {
    await publishDigest(buildLeakDigest(data), context);
  } catch (error) {
    // The ROI digest is out: marking the week posted beats posting it a second time on the next run.
    if (error instanceof DigestChannelError) throw error;
    deps.log.error('Funnel-leak digest failed after the ROI digest was posted', {
      periodKey: data.week.key,
      channel,
      slackError: readSlackError(error),
      error,
    });
  }
  return first;
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
