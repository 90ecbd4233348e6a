// Putting one digest in the channel: draw its charts, upload them with files.uploadV2, then post the message with
// image blocks pointing at the files. Slack processes uploads asynchronously, so a post that comes too soon fails
// with invalid_blocks: it is retried with backoff, and in the end posted with the charts' words instead.

import { setImmediate as nextTurn } from 'node:timers/promises';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { ChartRenderer } from '../src/charts/renderer.js';
import type { Logger } from '../src/log.js';
import { type ChannelCall, DigestChannelError, readSlackError } from './channel-access.js';
import { withChartImages } from './chart-images.js';
import type { ChartId, DigestMessage } from './types.js';

/** Waits before each retry of a post whose images Slack has not processed yet. */
export const IMAGE_RETRY_DELAYS_MS = [500, 1_000, 2_000, 4_000] as const;

/** files.getUploadURLExternal takes at most this much alt text. */
const UPLOAD_ALT_TEXT_MAX = 1_000;

export interface PublishContext {
  client: WebClient;
  charts: ChartRenderer;
  log: Logger;
  channel: string;
  periodKey: string;
  access: ChannelCall;
  sleep: (ms: number) => Promise<void>;
}

const uploadAnswerSchema = z.object({
  files: z.array(z.object({ files: z.array(z.object({ id: z.string(), name: z.string().optional() })).optional() })),
});

interface RenderedChart {
  id: ChartId;
  filename: string;
  title: string;
  altText: string;
  png: Buffer;
}

async function renderCharts(message: DigestMessage, context: PublishContext): Promise<RenderedChart[]> {
  const rendered: RenderedChart[] = [];
  for (const [index, spec] of message.charts.entries()) {
    // A chart is drawn in one go (tens of milliseconds); the event loop runs between two, so a digest's four or five
    // charts never hold up other requests (another workspace's ack) for all of them at once.
    if (index > 0) await nextTurn();
    try {
      const png = spec.render(context.charts);
      const filename = `roi-runway-${context.periodKey}-${spec.id}.png`;
      rendered.push({ id: spec.id, filename, title: spec.title, altText: spec.altText, png });
    } catch (error) {
      context.log.warn('Chart could not be drawn; its text stands in', { chart: spec.id, error });
    }
  }
  return rendered;
}

/** Uploads every chart of one digest in one share; answers chart id → file id for those Slack accepted. */
export async function uploadCharts(
  message: DigestMessage,
  context: PublishContext,
): Promise<Partial<Record<ChartId, string>>> {
  const rendered = await renderCharts(message, context);
  if (rendered.length === 0) return {};
  const fileUploads = rendered.map((chart) => ({
    file: chart.png,
    filename: chart.filename,
    title: chart.title,
    alt_text: chart.altText.slice(0, UPLOAD_ALT_TEXT_MAX),
  }));
  const answer = await context.access(() =>
    context.client.files.uploadV2({ channel_id: context.channel, file_uploads: fileUploads }),
  );
  const parsed = uploadAnswerSchema.safeParse(answer);
  if (!parsed.success) {
    context.log.warn('Unexpected files.uploadV2 answer; charts fall back to text', { channel: context.channel });
    return {};
  }
  const files = parsed.data.files.flatMap((completion) => completion.files ?? []);
  const uploaded: Partial<Record<ChartId, string>> = {};
  for (const chart of rendered) {
    const file = files.find((candidate) => candidate.name === chart.filename);
    if (file !== undefined) uploaded[chart.id] = file.id;
  }
  return uploaded;
}

async function postBlocks(context: PublishContext, message: DigestMessage, uploaded: Partial<Record<ChartId, string>>) {
  const blocks = withChartImages(message, uploaded);
  const answer = await context.access(() =>
    context.client.chat.postMessage({ channel: context.channel, text: message.text, blocks }),
  );
  if (answer.ts === undefined) throw new Error('chat.postMessage answered without a ts');
  return answer.ts;
}

/** Posts the digest with its images, waiting for Slack to finish processing them; returns the message ts. */
export async function postDigestMessage(
  message: DigestMessage,
  uploaded: Partial<Record<ChartId, string>>,
  context: PublishContext,
): Promise<string> {
  if (Object.keys(uploaded).length > 0) {
    for (const delay of [...IMAGE_RETRY_DELAYS_MS, null]) {
      try {
        return await postBlocks(context, message, uploaded);
      } catch (error) {
        if (readSlackError(error) !== 'invalid_blocks') throw error;
        if (delay === null) break;
        await context.sleep(delay);
      }
    }
    context.log.warn('Charts were still processing; posting the digest with their text instead', {
      channel: context.channel,
      periodKey: context.periodKey,
    });
  }
  return postBlocks(context, message, {});
}

/** What an earlier, interrupted run already did for this message, and where to record what this run does. */
export interface PublishProgress {
  /** Charts uploaded by an earlier run: posted as they are, not uploaded (and shared) a second time. */
  uploaded: Partial<Record<ChartId, string>> | null;
  /** Called as soon as Slack accepted the charts, before the message is posted. */
  onUploaded: (uploaded: Partial<Record<ChartId, string>>) => void;
}

/** Charts, upload, post: a failed upload leaves the chart's words in place rather than failing the digest. */
export async function publishDigest(
  message: DigestMessage,
  context: PublishContext,
  progress?: PublishProgress,
): Promise<string> {
  if (progress?.uploaded) return postDigestMessage(message, progress.uploaded, context);
  let uploaded: Partial<Record<ChartId, string>> = {};
  try {
    uploaded = await uploadCharts(message, context);
  } catch (error) {
    if (error instanceof DigestChannelError) throw error;
    context.log.warn('Chart upload failed; the digest goes out with the charts as text', {
      channel: context.channel,
      slackError: readSlackError(error),
      error,
    });
  }
  progress?.onUploaded(uploaded);
  return postDigestMessage(message, uploaded, context);
}
