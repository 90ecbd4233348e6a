// A chart for one person's eyes: uploaded with files.uploadV2 into no channel (the file stays private to the app), so
// an ephemeral reply or the Home tab can show it as an image block without sharing it anywhere.

import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Logger } from '../log.js';

export interface ChartFile {
  png: Buffer;
  filename: string;
  title: string;
  altText: string;
}

/** files.getUploadURLExternal takes at most this much alt text. */
const UPLOAD_ALT_TEXT_MAX = 1_000;

const uploadAnswerSchema = z.object({
  files: z.array(z.object({ files: z.array(z.object({ id: z.string() })).optional() })),
});

/** The Slack file id of the uploaded chart, or null (logged) when Slack refused it: the caller shows words instead. */
export async function uploadPrivateChart(client: WebClient, chart: ChartFile, log: Logger): Promise<string | null> {
  try {
    const answer = await client.files.uploadV2({
      file_uploads: [
        {
          file: chart.png,
          filename: chart.filename,
          title: chart.title,
          alt_text: chart.altText.slice(0, UPLOAD_ALT_TEXT_MAX),
        },
      ],
    });
    const parsed = uploadAnswerSchema.safeParse(answer);
    const id = parsed.success ? parsed.data.files.flatMap((completion) => completion.files ?? [])[0]?.id : undefined;
    if (id === undefined)
      log.warn('Unexpected files.uploadV2 answer; the chart is shown in words', { chart: chart.filename });
    return id ?? null;
  } catch (error) {
    log.warn('Chart upload failed; the chart is shown in words', { chart: chart.filename, error });
    return null;
  }
}
