// `/roi runway [YYYY]`: the year's Results Runway in words and as a chart. The chart is uploaded privately (the reply
// is ephemeral, so it is shared nowhere) and shown in the reply; Slack processes an upload before a message may show
// it, so a reply refused right after the upload is sent again a little later, and in the end with the chart's words.

import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { buildRunwayFallback } from '../src/charts/runway-fallback.js';
import { detectLeaks } from '../src/domain/leak.js';
import { computeRunway } from '../src/domain/runway.js';
import type { Runway } from '../src/domain/runway-types.js';
import { uploadPrivateChart } from '../src/slack/chart-upload.js';
import type { AppDeps } from '../src/slack/deps.js';
import { buildRunwayReply } from '../src/slack/views/runway-views.js';
import type { RoiCommand } from './grammar/roi-grammar.js';
import { sendReply, takeTurn } from './respond.js';

type RunwayCommand = Extract<RoiCommand, { verb: 'runway' }>;

/** Waits before sending the reply again while Slack is still processing the chart. */
export const RUNWAY_REPLY_RETRY_MS = [500, 1_000, 2_000] as const;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The runway as of now; each heavy step on a turn of its own, so acks of other commands slip in between. */
export async function computeRunwayNow(deps: AppDeps, year: number): Promise<Runway> {
  const data = deps.services.leads.dataset();
  await takeTurn();
  const asOf = deps.clock();
  const leak = detectLeaks(data, asOf, deps.settings);
  await takeTurn();
  return computeRunway({ data, year, asOf, timeZone: deps.settings.timeZone, leak });
}

async function uploadRunwayChart(deps: AppDeps, client: WebClient, runway: Runway, altText: string) {
  try {
    const png = deps.charts.renderRunway(runway);
    const file = { png, filename: `roi-runway-${runway.year}-runway.png`, title: `Results Runway ${runway.year}` };
    return await uploadPrivateChart(client, { ...file, altText }, deps.log);
  } catch (error) {
    deps.log.warn('The runway chart could not be drawn; its words stand in', { error });
    return null;
  }
}

/** Answers through the response_url itself (so it can retry), hence null for runAndReply. */
export async function answerRunway(
  deps: AppDeps,
  io: { client: WebClient; respond: RespondFn },
  command: RunwayCommand,
): Promise<null> {
  const runway = await computeRunwayNow(deps, command.year);
  const altText = buildRunwayFallback(runway);
  const fileId = await uploadRunwayChart(deps, io.client, runway, altText);
  if (fileId !== null) {
    for (const delay of [...RUNWAY_REPLY_RETRY_MS, null]) {
      try {
        await sendReply(io.respond, buildRunwayReply(runway, { fileId, altText }));
        return null;
      } catch (error) {
        if (delay === null) deps.log.warn('The runway reply with its chart was refused; sending its words', { error });
        else await sleep(delay);
      }
    }
  }
  await sendReply(io.respond, buildRunwayReply(runway, { fileId: null, altText }));
  return null;
}
