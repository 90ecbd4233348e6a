// The messages of the hourly leak check: the alert when a transition starts converting significantly below its target
// or baseline, the note when it has recovered, and the alert as it reads once a manager muted it. Pure builders; the
// only text a person typed (source names from Notion, a manager's name) goes through escapeLabel.

import { z } from 'zod';
import { buildTransitionName } from '../src/charts/fallback.js';
import { sourceLabel } from '../src/domain/catalog.js';
import { computeNextStage } from '../src/domain/funnel.js';
import { formatLocalDate } from '../src/domain/local-time.js';
import { formatMoney, formatPercent } from '../src/domain/money.js';
import {
  type MetricSettings,
  STAGE_LABELS,
  type TransitionAssessment,
  type TransitionFrom,
} from '../src/domain/types.js';
import { actions, button, context, header, type KnownBlock, section } from '../src/slack/blocks.js';
import { buildListSections, buildMessageText, buildOwnerMention, escapeLabel } from './format.js';

export const LEAK_ALERT_MUTE_ACTION = 'leak_alert_mute' as const;
export const LEAK_ALERT_FUNNEL_ACTION = 'leak_alert_funnel' as const;
export const LEAK_ALERT_ACTIONS_BLOCK = 'leak_alert_actions' as const;
/** What the "Show the funnel" button answers with: the funnel over the same 90 days the check judges. */
export const LEAK_ALERT_FUNNEL_PERIOD = 'last-90d' as const;
/** Sources named under an alert. */
export const ALERT_SOURCE_ROWS = 3;

export interface AlertMessage {
  text: string;
  blocks: KnownBlock[];
}

const MUTABLE: readonly [TransitionFrom, ...TransitionFrom[]] = ['lead', 'mql', 'sql', 'opportunity'];
const muteRequestSchema = z.object({ transition: z.enum(MUTABLE) });

/** The mute button's value back as the transition it mutes; null when it is not one of ours. */
export function parseMuteRequest(value: string | undefined): TransitionFrom | null {
  if (value === undefined) return null;
  try {
    const parsed = muteRequestSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data.transition : null;
  } catch {
    return null;
  }
}

/** "*66% target*"; an alert always has something to compare with (significance needs it). */
function buildComparison(assessment: TransitionAssessment): string {
  const what = assessment.expectedKind === 'target' ? 'target' : 'baseline';
  return `*${formatPercent(assessment.expected)} ${what}*`;
}

/** "*41%* of 212 mature SQL leads moved on (95% CI 35%–48%)" */
function buildRateLine(assessment: TransitionAssessment): string {
  const interval =
    assessment.low === null || assessment.high === null
      ? ''
      : ` (95% CI ${formatPercent(assessment.low)}–${formatPercent(assessment.high)})`;
  const stage = STAGE_LABELS[assessment.from];
  if (assessment.mature === 0) return `no ${stage} leads old enough to judge`;
  const leads = `${assessment.mature} mature ${stage} lead${assessment.mature === 1 ? '' : 's'}`;
  return `*${formatPercent(assessment.rate)}* of ${leads} moved on${interval}`;
}

function buildMoneyLine(assessment: TransitionAssessment, settings: MetricSettings): string {
  const money = formatMoney(assessment.moneyLost, settings.currency, { compact: true });
  const missing = Math.round(assessment.missingConversions * 10) / 10;
  const won = formatMoney(assessment.averageWonValue, settings.currency);
  return (
    `*About ${money} at stake*: ${missing} missing conversions × ${formatPercent(assessment.downstreamRate)} of ` +
    `them become customers × ${won} average won deal.`
  );
}

function buildSourceLines(assessment: TransitionAssessment): KnownBlock[] {
  const rows = assessment.drivingSources.slice(0, ALERT_SOURCE_ROWS);
  if (rows.length === 0) return [];
  const lines = rows.map(
    (row) =>
      `• *${escapeLabel(sourceLabel(row.source))}*: ${row.converted} of ${row.mature} (${formatPercent(row.rate)}), ` +
      `${Math.round(row.missing)} missing`,
  );
  return buildListSections('*Sources driving it*', lines);
}

function buildFunnelButton() {
  return button({ text: 'Show the funnel', actionId: LEAK_ALERT_FUNNEL_ACTION, value: LEAK_ALERT_FUNNEL_PERIOD });
}

/** The alert: which transition, its rate and interval against what was expected, the money, the sources, buttons. */
export function buildLeakAlert(assessment: TransitionAssessment, settings: MetricSettings): AlertMessage {
  const name = buildTransitionName(assessment.from, assessment.to);
  const against = assessment.expectedKind === 'target' ? 'its target' : 'its baseline';
  const mute = button({
    text: 'Mute for a month',
    actionId: LEAK_ALERT_MUTE_ACTION,
    value: JSON.stringify({ transition: assessment.from }),
  });
  const blocks: KnownBlock[] = [
    header(`Leak alert: ${name}`),
    section(
      `:rotating_light: *${name} converts significantly below ${against}.*\n` +
        `${buildRateLine(assessment)} vs ${buildComparison(assessment)}: the whole interval is below it.`,
    ),
    section(buildMoneyLine(assessment, settings)),
    ...buildSourceLines(assessment),
    context([
      'Checked every hour on mature leads (old enough to have converted) created in the last 90 days. ' +
        'A note follows here once it has recovered. `/funnel last-90d` shows the whole funnel.',
    ]),
    actions([buildFunnelButton(), mute], LEAK_ALERT_ACTIONS_BLOCK),
  ];
  return { text: buildMessageText(blocks), blocks };
}

/** The note once the transition has stayed within its interval for the recovery hold. */
export function buildLeakRecovery(
  assessment: TransitionAssessment,
  alertedAt: number | null,
  holdHours: number,
  settings: MetricSettings,
): AlertMessage {
  const name = buildTransitionName(assessment.from, assessment.to);
  const since = alertedAt === null ? '' : ` (alerted on ${formatLocalDate(alertedAt, settings.timeZone)})`;
  const verdict =
    assessment.expected === null
      ? '; there is nothing to compare it with any more (no target, too few mature leads for a baseline)'
      : ` vs ${buildComparison(assessment)}, no longer significantly below it at any check for ${holdHours} hours`;
  const blocks: KnownBlock[] = [
    section(`:white_check_mark: *${name} has recovered*${since}: ${buildRateLine(assessment)}${verdict}.`),
    context(['Alerts for this transition start again if it falls below its interval. `/funnel` shows the funnel.']),
  ];
  return { text: buildMessageText(blocks), blocks };
}

export interface MuteNote {
  transition: TransitionFrom;
  userId: string;
  userName: string;
  until: number;
}

/**
 * The alert once muted: its own blocks as posted, the mute button replaced by who muted it and until when (the
 * funnel button stays).
 */
export function buildMutedAlert(posted: readonly unknown[], mute: MuteNote, settings: MetricSettings): AlertMessage {
  const kept = posted.filter(
    (block) => (block as { block_id?: unknown } | null)?.block_id !== LEAK_ALERT_ACTIONS_BLOCK,
  ) as KnownBlock[];
  const name = buildTransitionName(mute.transition, computeNextStage(mute.transition));
  const until = formatLocalDate(mute.until, settings.timeZone);
  const who = buildOwnerMention(mute.userId, mute.userName);
  const blocks: KnownBlock[] = [
    ...kept,
    context([`:no_bell: Muted by ${who} until ${until}: no alerts for ${name} until then.`]),
    actions([buildFunnelButton()], LEAK_ALERT_ACTIONS_BLOCK),
  ];
  return { text: buildMessageText(blocks), blocks };
}
