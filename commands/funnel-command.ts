// `/funnel [period] [source:] [campaign:]`: the cohort funnel of the period, and the leak detector's verdict over the
// same window. The answer can be shared into the channel.

import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { resolveSource } from '../src/domain/catalog.js';
import {
  computeCohortInSteps,
  computeFunnelCountsInSteps,
  computeTimeToConvert,
  computeTransitionRates,
} from '../src/domain/funnel.js';
import { detectLeaksInSteps } from '../src/domain/leak.js';
import { DAY_MS } from '../src/domain/local-time.js';
import { computeLostReasons } from '../src/domain/lost-reasons.js';
import type { Steps } from '../src/domain/steps.js';
import type { Dataset, Lead, Period } from '../src/domain/types.js';
import { computeVisitorRatesInSteps, computeVisitsInPeriod } from '../src/domain/visits.js';
import type { AppDeps } from '../src/slack/deps.js';
import { buildFunnelReply, type FunnelVisits } from '../src/slack/views/funnel-views.js';
import { buildFunnelHelp } from '../src/slack/views/help-views.js';
import { buildErrorReply, type Reply } from '../src/slack/views/reply.js';
import { buildShareableReply } from '../src/slack/views/share.js';
import { buildUnknownSourceHint } from './closest-names.js';
import { type FunnelCommand, parseFunnelCommand } from './grammar/funnel-grammar.js';
import { runAndReply, runInTurns } from './respond.js';

/** An "all" period judges every lead ever created; a window of this many days is longer than any history here. */
const ALL_TIME_DAYS = 36_500;

/** Days from the period's start to the verdict's as-of (the period's end, or now for a running period). */
function computeWindowDays(command: FunnelCommand, asOf: number): number {
  const { start } = command.period;
  if (!Number.isFinite(start)) return ALL_TIME_DAYS;
  return Math.max(1, Math.ceil((asOf - start) / DAY_MS));
}

/**
 * Visits in the period (prorated from the recorded months) and visitor → lead per source; none for a campaign, as
 * visits are recorded per source, and none when no recorded month overlaps the period.
 */
function* computeFunnelVisitsInSteps(
  data: Dataset,
  period: Period,
  timeZone: string,
  source?: string,
): Steps<FunnelVisits | null> {
  const visits = data.visits ?? [];
  const total = computeVisitsInPeriod(visits, period, timeZone, source);
  if (total === null) return null;
  const rates = yield* computeVisitorRatesInSteps(data.leads, visits, period, timeZone);
  return { total, rates: source === undefined ? rates : rates.filter((rate) => rate.source === source) };
}

type FunnelAnswer = { reply: Reply; shareable: boolean };

/**
 * The answer in steps (src/domain/steps.ts): `/funnel all` judges every lead ever created, hundreds of ms at
 * 100k leads, and a handler runs a few milliseconds of it per turn of the event loop.
 */
function* buildFunnelAnswerInSteps(deps: AppDeps, command: FunnelCommand): Steps<FunnelAnswer> {
  const { leads } = deps.services;
  let source: string | undefined;
  if (command.source !== undefined) {
    const match = resolveSource(command.source, leads.customSources());
    if (match.kind === 'suggest') {
      const hint = buildUnknownSourceHint(match.suggestions);
      return {
        reply: buildErrorReply(`source: "${command.source}" is not a source I know. ${hint}`),
        shareable: false,
      };
    }
    source = match.slug;
  }
  const data = leads.dataset();
  yield;
  const { campaign } = command;
  const wanted = (lead: Lead) =>
    (source === undefined || lead.source === source) && (campaign === undefined || lead.campaign === campaign);
  const cohort = yield* computeCohortInSteps(data.leads, command.period, wanted);
  const funnel = yield* computeFunnelCountsInSteps(cohort);
  const asOf = Math.min(deps.clock(), command.period.end);
  const filters = { ...(source === undefined ? {} : { source }), ...(campaign === undefined ? {} : { campaign }) };
  const windowDays = computeWindowDays(command, asOf);
  const verdict = yield* detectLeaksInSteps(data, asOf, deps.settings, { windowDays, ...filters });
  const visits =
    campaign === undefined
      ? yield* computeFunnelVisitsInSteps(data, command.period, deps.settings.timeZone, source)
      : null;
  const reply = buildFunnelReply({
    period: command.period,
    ...filters,
    ...(visits === null ? {} : { visits }),
    funnel,
    transitions: computeTransitionRates(funnel),
    verdict,
    currency: deps.settings.currency,
    // The cohort's conversions up to now, like its counts (a past quarter's leads may have moved on since).
    timeToConvert: computeTimeToConvert(cohort, deps.clock()),
    lostReasons: computeLostReasons(cohort),
  });
  return { reply, shareable: true };
}

/** The answer to `/funnel <text>`, also what the share button posts, computed a few milliseconds per turn. */
export async function buildFunnelAnswerFromText(deps: AppDeps, text: string): Promise<FunnelAnswer> {
  const parsed = parseFunnelCommand(text, { now: deps.clock(), timeZone: deps.settings.timeZone });
  if (!parsed.ok) return { reply: buildErrorReply(parsed.error), shareable: false };
  if (parsed.value.verb === 'help') return { reply: buildFunnelHelp(), shareable: false };
  return runInTurns(buildFunnelAnswerInSteps(deps, parsed.value));
}

export function handleFunnelCommand(deps: AppDeps) {
  return async ({ ack, command, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await runAndReply(deps, respond, { what: '/funnel', userId: command.user_id }, async () => {
      const answer = await buildFunnelAnswerFromText(deps, command.text);
      return answer.shareable
        ? buildShareableReply(answer.reply, { command: '/funnel', text: command.text })
        : answer.reply;
    });
  };
}
