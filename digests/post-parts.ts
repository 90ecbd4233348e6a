// Posting one claimed digest as its parts — the ROI digest and the funnel-leak digest, or the note of a quiet week —
// recording each part in the ledger the moment Slack accepts it. A run that takes over from one that died mid-post
// skips what is already in the channel: charts already uploaded are not uploaded again, messages not posted twice.

import type { WeeklyDigestData } from '../src/domain/types.js';
import type { DigestPart, PartKey, RecordedPart } from '../src/store/index.js';
import { buildLeakDigest } from './leak-digest.js';
import { type PublishContext, publishDigest } from './publish.js';
import type { DigestMessage } from './types.js';
import { buildWeeklyDigest } from './weekly-digest.js';

export const NO_ACTIVITY_NOTE = 'No activity last week — digest skipped';

export function buildNoActivityNote(data: WeeklyDigestData): string {
  return `${NO_ACTIVITY_NOTE} (${data.week.label}).`;
}

/**
 * The parts this post consists of. A post that began as a note stays a note, and one that began as a digest stays a
 * digest: data that moved meanwhile must not add a second kind of message to the first.
 */
export function choosePartPlan(data: WeeklyDigestData, recorded: ReadonlyMap<DigestPart, RecordedPart>): DigestPart[] {
  if (recorded.has('note')) return ['note'];
  if (recorded.has('weekly') || recorded.has('leak')) return ['weekly', 'leak'];
  return data.hadActivity ? ['weekly', 'leak'] : ['note'];
}

function buildPartMessage(part: Exclude<DigestPart, 'note'>, data: WeeklyDigestData): DigestMessage {
  return part === 'weekly' ? buildWeeklyDigest(data) : buildLeakDigest(data);
}

export interface PartsContext extends PublishContext {
  key: PartKey;
  ledger: {
    readParts(key: PartKey): Map<DigestPart, RecordedPart>;
    recordPart(key: PartKey, part: DigestPart, recorded: Partial<RecordedPart>, now: number): void;
  };
  clock: () => number;
}

async function postNote(data: WeeklyDigestData, context: PartsContext): Promise<string> {
  const { client, channel } = context;
  const answer = await context.access(() => client.chat.postMessage({ channel, text: buildNoActivityNote(data) }));
  if (answer.ts === undefined) throw new Error('chat.postMessage answered without a ts');
  return answer.ts;
}

/** Posts the parts not yet in the channel; answers the ts of the first message, the one the ledger keeps. */
export async function postDigestParts(data: WeeklyDigestData, context: PartsContext): Promise<string> {
  const { key, ledger, clock } = context;
  const recorded = ledger.readParts(key);
  let first: string | undefined;
  for (const part of choosePartPlan(data, recorded)) {
    const earlier = recorded.get(part);
    if (earlier?.messageTs) {
      context.log.info('Digest part already posted; not posting it again', { ...key, part, ts: earlier.messageTs });
      first ??= earlier.messageTs;
      continue;
    }
    const ts =
      part === 'note'
        ? await postNote(data, context)
        : await publishDigest(buildPartMessage(part, data), context, {
            uploaded: earlier?.files ?? null,
            onUploaded: (files) => {
              // Nothing uploaded means nothing shared: a resumed run may as well try the upload again.
              if (Object.keys(files).length > 0) ledger.recordPart(key, part, { files: { ...files } }, clock());
            },
          });
    ledger.recordPart(key, part, { messageTs: ts }, clock());
    first ??= ts;
  }
  if (first === undefined) throw new Error('a digest without any part');
  return first;
}
