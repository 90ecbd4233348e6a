// The read-only `/roi` answers (ranking, campaign card, source card). They can be shared into a channel, so they are
// built from the command text alone: the share button recomputes the same answer from it.

import { resolveSource } from '../src/domain/catalog.js';
import { computeCampaignCardInSteps, computeKpisInSteps, computeRoiRowsInSteps } from '../src/domain/roi.js';
import {
  computeProjectionMoment,
  computeRoiProjectionInSteps,
  computeRoiProjectionsInSteps,
  type ProjectionQuery,
} from '../src/domain/roi-projection.js';
import type { Steps } from '../src/domain/steps.js';
import { computeCampaignEconomicsInSteps } from '../src/domain/unit-economics.js';
import type { AppDeps } from '../src/slack/deps.js';
import { buildErrorReply, type Reply } from '../src/slack/views/reply.js';
import { buildRoiCard, buildRoiRanking } from '../src/slack/views/roi-views.js';
import { buildUnknownSourceHint, computeClosestNames } from './closest-names.js';
import type { RoiCommand } from './grammar/roi-grammar.js';

export type RoiReadCommand = Extract<RoiCommand, { verb: 'ranking' | 'campaign' | 'source' }>;

/** A reply, and whether it is a real answer worth a share button (a "did you mean" is not). */
export interface RoiAnswer {
  reply: Reply;
  shareable: boolean;
}

export function isRoiReadCommand(command: RoiCommand): command is RoiReadCommand {
  return command.verb === 'ranking' || command.verb === 'campaign' || command.verb === 'source';
}

function buildUnknownCampaign(campaign: string, known: readonly string[]): Reply {
  const closest = computeClosestNames(campaign, known);
  const hint =
    closest.length > 0
      ? `Closest: ${closest.join(', ')}.`
      : known.length > 0
        ? `Campaigns so far: ${known.slice(0, 15).join(', ')}${known.length > 15 ? ', …' : ''}.`
        : 'No campaign has been recorded yet: /lead campaign and /roi cost name them.';
  return buildErrorReply(`I have no campaign "${campaign}". ${hint}`);
}

/**
 * The answer in steps (see src/domain/steps.ts): right after a change, the snapshot, the funnel timeline and the
 * rows of 100k leads each take tens of milliseconds, and a handler runs one step per turn of the event loop.
 */
export function* buildRoiAnswerInSteps(deps: AppDeps, command: RoiReadCommand): Steps<RoiAnswer> {
  const { leads } = deps.services;
  const { settings } = deps;
  const asOf = computeProjectionMoment(deps.clock());
  const query = (kind: ProjectionQuery['kind']): ProjectionQuery => {
    const { period, model } = command;
    return { period, asOf, settings, model, kind };
  };
  if (command.verb === 'ranking') {
    const data = leads.dataset();
    yield;
    const projections = yield* computeRoiProjectionsInSteps(data, query('campaign'));
    yield;
    const kpis = yield* computeKpisInSteps(data, command.period, settings, deps.clock());
    const reply = buildRoiRanking(projections, command.period, command.model, settings, kpis);
    return { reply, shareable: true };
  }
  if (command.verb === 'campaign') {
    const known = leads.campaigns();
    if (!known.includes(command.campaign))
      return { reply: buildUnknownCampaign(command.campaign, known), shareable: false };
    yield;
    const data = leads.dataset();
    yield;
    const { campaign, period, model } = command;
    const card = yield* computeCampaignCardInSteps(data, campaign, period, settings, model);
    const economics = yield* computeCampaignEconomicsInSteps(data, card.row, settings, deps.clock());
    const projection = yield* computeRoiProjectionInSteps(data, campaign, query('campaign'));
    return { reply: buildRoiCard(card.row, period, settings, card.funnel, economics, projection), shareable: true };
  }
  const match = resolveSource(command.source, leads.customSources());
  if (match.kind === 'suggest') {
    const hint = buildUnknownSourceHint(match.suggestions);
    return { reply: buildErrorReply(`"${command.source}" is not a source I know. ${hint}`), shareable: false };
  }
  const data = leads.dataset();
  yield;
  const rows = yield* computeRoiRowsInSteps(data, command.period, settings, command.model, 'source');
  const row = rows.find((candidate) => candidate.key === match.slug) ?? buildEmptyRow(match.slug, command.model);
  const projection = yield* computeRoiProjectionInSteps(data, match.slug, query('source'));
  return { reply: buildRoiCard(row, command.period, settings, undefined, undefined, projection), shareable: true };
}

function buildEmptyRow(key: string, model: RoiReadCommand['model']) {
  return {
    key,
    kind: 'source' as const,
    model,
    spend: 0,
    mediaSpend: 0,
    leads: 0,
    mqls: 0,
    sqls: 0,
    opportunities: 0,
    customers: 0,
    revenue: 0,
    roi: null,
    roas: null,
    cpl: null,
    cac: null,
  };
}
