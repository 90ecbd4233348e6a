// `/roi runway [YYYY]`: the year's Results Runway in words and as a chart. The chart is uploaded privately (the reply
// is ephemeral, so it is shared nowhere) and shown in the reply; Slack processes an upload before a message may show
// it, so a reply refused right after the upload is sent again a little later, and in the end with the chart's words.

import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { buildRunwayFallback } from '../src/charts/runway-fallback.js';
import { detectLeaksInSteps } from '../src/domain/leak.js';
import { computeRunwayInSteps } from '../src/domain/runway.js';
import type { Runway } from '../src/domain/runway-types.js';
import type { Steps } from '../src/domain/steps.js';
import { uploadPrivateChart } from '../src/slack/chart-upload.js';
import type { AppDeps } from '../src/slack/deps.js';
import { buildRunwayReply } from '../src/slack/views/runway-views.js';
import type { RoiCommand } from './grammar/roi-grammar.js';
import { runInTurns, sendReply } from './respond.js';

type RunwayCommand = Extract<RoiCommand, { verb: 'runway' }>;

/** Waits before sending the reply again while Slack is still processing the chart. */
export const RUNWAY_REPLY_RETRY_MS = [500, 1_000, 2_000] as const;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The runway as of now, in steps (src/domain/steps.ts): the leak verdict and the runway's counts walk every lead, and
 * a few milliseconds of them run per turn of the event loop, so acks of other commands slip in between.
 */
function* computeRunwayNowInSteps(deps: AppDeps, year: number): Steps<Runway> {
  const data = deps.services.leads.dataset();
  yield;
  const asOf = deps.clock();
  const leak = yield* detectLeaksInSteps(data, asOf, deps.settings);
  return yield* computeRunwayInSteps({ data, year, asOf, timeZone: deps.settings.timeZone, leak });
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
  const runway = await runInTurns(computeRunwayNowInSteps(deps, command.year));
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
