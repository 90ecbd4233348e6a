// `/funnel [period] [source:] [campaign:]`: the cohort funnel of the period, and the leak detector's verdict over the
// same window. The answer can be shared into the channel.

import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { resolveSource } from '../src/domain/catalog.js';
import { computeCohort, computeFunnelCounts, computeTransitionRates } from '../src/domain/funnel.js';
import { detectLeaks } from '../src/domain/leak.js';
import { DAY_MS } from '../src/domain/local-time.js';
import type { Dataset, Lead, Period } from '../src/domain/types.js';
import { computeVisitorRates, computeVisitsInPeriod } from '../src/domain/visits.js';
import type { AppDeps } from '../src/slack/deps.js';
import { buildFunnelReply, type FunnelVisits } from '../src/slack/views/funnel-views.js';
import { buildFunnelHelp } from '../src/slack/views/help-views.js';
import { buildErrorReply, type Reply } from '../src/slack/views/reply.js';
import { buildShareableReply } from '../src/slack/views/share.js';
import { buildUnknownSourceHint } from './closest-names.js';
import { type FunnelCommand, parseFunnelCommand } from './grammar/funnel-grammar.js';
import { runAndReply } from './respond.js';

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
function computeFunnelVisits(data: Dataset, period: Period, timeZone: string, source?: string): FunnelVisits | null {
  const visits = data.visits ?? [];
  const total = computeVisitsInPeriod(visits, period, timeZone, source);
  if (total === null) return null;
  const rates = computeVisitorRates(data.leads, visits, period, timeZone);
  return { total, rates: source === undefined ? rates : rates.filter((rate) => rate.source === source) };
}

function buildFunnelAnswer(deps: AppDeps, command: FunnelCommand): { reply: Reply; shareable: boolean } {
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
  const { campaign } = command;
  const wanted = (lead: Lead) =>
    (source === undefined || lead.source === source) && (campaign === undefined || lead.campaign === campaign);
  const funnel = computeFunnelCounts(computeCohort(data.leads.filter(wanted), command.period));
  const asOf = Math.min(deps.clock(), command.period.end);
  const filters = { ...(source === undefined ? {} : { source }), ...(campaign === undefined ? {} : { campaign }) };
  const verdict = detectLeaks(data, asOf, deps.settings, { windowDays: computeWindowDays(command, asOf), ...filters });
  const visits =
    campaign === undefined ? computeFunnelVisits(data, command.period, deps.settings.timeZone, source) : null;
  const reply = buildFunnelReply({
    period: command.period,
    ...filters,
    ...(visits === null ? {} : { visits }),
    funnel,
    transitions: computeTransitionRates(funnel),
    verdict,
    currency: deps.settings.currency,
  });
  return { reply, shareable: true };
}

/** The answer to `/funnel <text>`, also what the share button posts. */
export function buildFunnelAnswerFromText(deps: AppDeps, text: string): { reply: Reply; shareable: boolean } {
  const parsed = parseFunnelCommand(text, { now: deps.clock(), timeZone: deps.settings.timeZone });
  if (!parsed.ok) return { reply: buildErrorReply(parsed.error), shareable: false };
  if (parsed.value.verb === 'help') return { reply: buildFunnelHelp(), shareable: false };
  return buildFunnelAnswer(deps, parsed.value);
}

export function handleFunnelCommand(deps: AppDeps) {
  return async ({ ack, command, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await runAndReply(deps, respond, { what: '/funnel', userId: command.user_id }, () => {
      const answer = buildFunnelAnswerFromText(deps, command.text);
      return answer.shareable
        ? buildShareableReply(answer.reply, { command: '/funnel', text: command.text })
        : answer.reply;
    });
  };
}
