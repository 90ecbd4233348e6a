// One hourly leak check: judge every transition with the digest's rule (in steps, so acks go out in between at 100k
// leads), let the state machine decide per transition (src/domain/leak-alerts.ts), post what is owed to the channel
// and record each post together with the state it announces. Nothing is judged while the first Notion import runs.

import type { WebClient } from '@slack/web-api';
import { runInTurns } from '../commands/respond.js';
import { detectLeaksInSteps } from '../src/domain/leak.js';
import { type AlertRecord, decideLeakAlert, RECOVERY_HOLD_MS } from '../src/domain/leak-alerts.js';
import type { TransitionAssessment, TransitionFrom } from '../src/domain/types.js';
import type { AppDeps, NotionSyncHandle } from '../src/slack/deps.js';
import type { AlertPost, AlertPostKind } from '../src/store/index.js';
import { buildLeakAlert, buildLeakRecovery } from './alert-messages.js';
import { buildChannelAccess, type ChannelCall, DigestChannelError, readSlackError } from './channel-access.js';

export interface AlertCheckDeps extends Pick<AppDeps, 'services' | 'settings' | 'log' | 'clock'> {
  client: WebClient;
  notion?: Pick<NotionSyncHandle, 'firstImport'> | null;
}

export interface AlertCheckResult {
  checked: boolean;
  /** What this check posted, in order. */
  posted: { transition: TransitionFrom; kind: AlertPostKind; ts: string }[];
  reason?: string;
  /** A post failed in a way that may pass (Slack down, a timeout): worth another check soon. */
  retryable?: boolean;
}

/**
 * Posts Slack accepted whose record could not be written (a full disk, a busy store): kept in memory and written
 * before the next check decides anything, so a failed write never makes the same post twice.
 */
export type UnsavedPosts = Map<TransitionFrom, AlertPost>;

interface OwedPost {
  assessment: TransitionAssessment;
  kind: AlertPostKind;
}

const IMPORTING = 'the first import from Notion is still running; leaks are judged once it has finished';

/** Writes the posts an earlier check could not record; false when the store still refuses. */
function saveUnsaved(deps: AlertCheckDeps, unsaved: UnsavedPosts): boolean {
  for (const [transition, post] of unsaved) {
    try {
      deps.services.alerts.recordPost(post);
      unsaved.delete(transition);
    } catch (error) {
      deps.log.error('A posted leak alert still cannot be recorded; nothing is posted until it is', { error });
      return false;
    }
  }
  return true;
}

/** Records what this check found for every transition, and answers the posts owed, muted ones held back. */
function decideAll(
  deps: AlertCheckDeps,
  channel: string,
  transitions: readonly TransitionAssessment[],
  now: number,
): OwedPost[] {
  const records = deps.services.alerts.readRecords(channel);
  const owed: OwedPost[] = [];
  for (const assessment of transitions) {
    const record: AlertRecord | undefined = records.get(assessment.from);
    if (record === undefined) continue;
    const decision = decideLeakAlert(record, assessment.significant, now);
    deps.services.alerts.recordCheck(channel, assessment.from, decision.clearSince);
    if (decision.heldByMute) {
      deps.log.debug('A leak alert is held back by a mute', {
        channel,
        transition: assessment.from,
        mutedUntil: record.mutedUntil,
      });
    }
    if (decision.post !== null) owed.push({ assessment, kind: decision.post });
  }
  return owed;
}

function buildOwedMessage(deps: AlertCheckDeps, channel: string, owed: OwedPost) {
  if (owed.kind === 'alert') return buildLeakAlert(owed.assessment, deps.settings);
  const alerted = deps.services.alerts.lastAlert(channel, owed.assessment.from);
  return buildLeakRecovery(owed.assessment, alerted?.postedAt ?? null, RECOVERY_HOLD_MS / 3_600_000, deps.settings);
}

interface PostTarget {
  channel: string;
  access: ChannelCall;
  unsaved: UnsavedPosts;
}

async function postOwed(deps: AlertCheckDeps, target: PostTarget, owed: OwedPost): Promise<string> {
  const { channel, access, unsaved } = target;
  const message = buildOwedMessage(deps, channel, owed);
  const answer = await access(() =>
    deps.client.chat.postMessage({ channel, text: message.text, blocks: message.blocks }),
  );
  if (answer.ts === undefined) throw new Error('chat.postMessage answered without a ts');
  const transition = owed.assessment.from;
  const post: AlertPost = {
    ...{ channel, channelId: answer.channel ?? channel, ts: answer.ts, transition, kind: owed.kind },
    ...{ postedAt: deps.clock(), text: message.text, blocks: message.blocks },
  };
  try {
    deps.services.alerts.recordPost(post);
  } catch (error) {
    unsaved.set(transition, post);
    deps.log.error('A leak alert was posted but could not be recorded; it is kept in memory', { error, transition });
  }
  deps.log.info(owed.kind === 'alert' ? 'Leak alert posted' : 'Leak recovery posted', {
    channel,
    transition,
    ts: answer.ts,
  });
  return answer.ts;
}

/** One check of every transition for `channel`; posts at most one message per transition. */
export async function runLeakAlertCheck(
  deps: AlertCheckDeps,
  channel: string,
  unsaved: UnsavedPosts = new Map(),
): Promise<AlertCheckResult> {
  const importing = deps.notion?.firstImport();
  if (importing !== undefined && !importing.done) return { checked: false, posted: [], reason: IMPORTING };
  if (!saveUnsaved(deps, unsaved)) {
    return { checked: false, posted: [], reason: 'a posted alert could not be recorded yet', retryable: true };
  }
  const now = deps.clock();
  const verdict = await runInTurns(detectLeaksInSteps(deps.services.leads.dataset(), now, deps.settings));
  const owed = decideAll(deps, channel, verdict.transitions, now);
  const result = await postAll(
    deps,
    { channel, access: buildChannelAccess(deps.client, channel, deps.log), unsaved },
    owed,
  );
  deps.services.alerts.markChecked(channel, now);
  deps.log.debug('Leak check finished', { channel, asOf: new Date(now).toISOString(), posted: result.posted.length });
  return result;
}

/** Posts in order; the first failure ends the check (Slack down fails them all) and is worth a retry. */
async function postAll(deps: AlertCheckDeps, target: PostTarget, owed: readonly OwedPost[]): Promise<AlertCheckResult> {
  const result: AlertCheckResult = { checked: true, posted: [] };
  for (const post of owed) {
    try {
      const ts = await postOwed(deps, target, post);
      result.posted.push({ transition: post.assessment.from, kind: post.kind, ts });
    } catch (error) {
      // Nothing was recorded for this post: the next check decides again and posts it then, once.
      const slackError = readSlackError(error);
      deps.log.error('Leak alert not posted', {
        channel: target.channel,
        transition: post.assessment.from,
        slackError,
        error,
      });
      const reason = slackError ?? (error instanceof Error ? error.message : String(error));
      return { ...result, reason, retryable: !(error instanceof DigestChannelError) };
    }
  }
  return result;
}
