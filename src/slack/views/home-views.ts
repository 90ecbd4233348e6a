// The App Home tab: one person's live dashboard. This quarter's KPIs, the year's Results Runway (an uploaded chart or
// its words), the weakest stage and its cost, the campaigns to watch, the person's own leads missing a source or
// stuck, and buttons for the commands (managers also get spend, targets and visits). Everything typed is escaped.

import { formatLocalDate, formatLocalMonthDay } from '../../domain/local-time.js';
import type { OwnLeads, StuckLead } from '../../domain/own-leads.js';
import { formatRoiStanding } from '../../domain/projection-words.js';
import type { Runway } from '../../domain/runway-types.js';
import {
  type KpiSet,
  type LeadRef,
  type LeakVerdict,
  type MetricSettings,
  type Period,
  type RoiProjection,
  type RoiVerdict,
  STAGE_LABELS,
} from '../../domain/types.js';
import {
  actions,
  button,
  context,
  divider,
  escapeSlackText,
  header,
  image,
  type KnownBlock,
  section,
  truncate,
  truncateMrkdwn,
} from '../blocks.js';
import { SLACK_LIMITS } from '../limits.js';
import { buildLeakText } from './funnel-views.js';
import { buildPeriodKpiFields } from './roi-detail-views.js';
import { buildGapText, RUNWAY_CHART_BLOCK, type RunwayChartImage } from './runway-views.js';

/** The Home tab's buttons; their handlers live in commands/home-actions.ts. */
export const HOME_ACTIONS = {
  logLead: 'home_log_lead',
  roi: 'home_roi',
  funnel: 'home_funnel',
  duplicates: 'home_duplicates',
  recordSpend: 'home_record_spend',
  setTargets: 'home_set_targets',
  recordVisits: 'home_record_visits',
  settings: 'home_settings',
} as const;

/** Every Home tab action id, for one registrar line. */
export const HOME_ACTION_PATTERN = /^home_/;

export interface HomeFigures {
  asOf: number;
  quarter: Period;
  kpis: KpiSet;
  runway: Runway;
  leak: LeakVerdict;
  /** This quarter's campaigns by lag-aware verdict (roi-projection.groupRoiProjections), each list ranked. */
  watch: Record<RoiVerdict, RoiProjection[]>;
  own: OwnLeads;
}

/** Campaigns listed per verdict; the rest are counted. */
export const WATCH_LIMIT = 5;

const WATCH_GROUPS: readonly { verdict: Exclude<RoiVerdict, 'no-spend'>; title: string }[] = [
  { verdict: 'losing', title: ':small_red_triangle_down: *Losing*' },
  { verdict: 'too-early', title: ':hourglass_flowing_sand: *Too early to judge*' },
  { verdict: 'paying', title: ':moneybag: *Paying*' },
];

export interface HomeView {
  type: 'home';
  blocks: KnownBlock[];
}

export interface HomeViewInput {
  figures: HomeFigures;
  chart: RunwayChartImage;
  isManager: boolean;
  /** Distribution mode: the workspace's managers change its settings in Slack (the button opens /roi settings). */
  workspaceSettings?: boolean;
  settings: MetricSettings;
}

function buildRunwayBlocks(runway: Runway, chart: RunwayChartImage): KnownBlock[] {
  const title = `Results Runway ${runway.year}`;
  return [
    section(`*${title}*\n${buildGapText(runway)}`),
    chart.fileId === null
      ? context([`:bar_chart: ${escapeSlackText(truncate(chart.altText, 2_500))}`], RUNWAY_CHART_BLOCK)
      : image(chart.fileId, chart.altText, { title, blockId: RUNWAY_CHART_BLOCK }),
  ];
}

function buildLeakBlock(leak: LeakVerdict, currency: string): KnownBlock {
  return section(
    leak.kind === 'leak'
      ? buildLeakText(leak.weakest, currency)
      : `:white_check_mark: No significant leak in the last 90 days: ${escapeSlackText(leak.reason)}.`,
  );
}

/** A lead's name in bold, cut and escaped, linked to its Notion page when it has one. */
function buildWatchBlock(watch: HomeFigures['watch'], timeZone: string): KnownBlock {
  const lines = ['*Campaigns to watch* (this quarter’s leads, first touch)'];
  for (const group of WATCH_GROUPS) {
    const projections = watch[group.verdict];
    if (projections.length === 0) continue;
    lines.push(`${group.title} (${projections.length})`);
    for (const projection of projections.slice(0, WATCH_LIMIT)) {
      const name = escapeSlackText(truncate(projection.key, 60));
      lines.push(`• *${name}* · ${escapeSlackText(formatRoiStanding(projection, timeZone))}`);
    }
    lines.push(...buildMoreLine(Math.min(WATCH_LIMIT, projections.length), projections.length));
  }
  if (lines.length === 1) lines.push('No campaign has spend recorded this quarter: `/roi cost` records it.');
  return section(truncateMrkdwn(lines.join('\n'), SLACK_LIMITS.sectionText));
}

function buildLeadName(lead: LeadRef): string {
  const company = escapeSlackText(truncate(lead.company, 80));
  return lead.notionUrl === undefined ? `*${company}*` : `*<${lead.notionUrl}|${company}>*`;
}

function buildLeadLine(lead: LeadRef, timeZone: string): string {
  const since = formatLocalMonthDay(lead.since, timeZone);
  return `• ${buildLeadName(lead)} · ${STAGE_LABELS[lead.stage]} since ${since}`;
}

function buildStuckLine(lead: StuckLead): string {
  const usual = `9 in 10 move on within ${lead.usualDays}`;
  return `• ${buildLeadName(lead)} · ${STAGE_LABELS[lead.stage]} for ${lead.days} days (${usual})`;
}

function buildMoreLine(shown: number, total: number): string[] {
  return total > shown ? [`…and ${total - shown} more`] : [];
}

function buildOwnLeadBlocks(own: OwnLeads, timeZone: string): KnownBlock[] {
  const missing =
    own.withoutSourceCount === 0
      ? ':white_check_mark: Every lead of yours has a source.'
      : [
          `*Your leads missing a source* (${own.withoutSourceCount}): ask them where they heard of us, then ` +
            '`/lead source <source> <company>`',
          ...own.withoutSource.map((lead) => buildLeadLine(lead, timeZone)),
          ...buildMoreLine(own.withoutSource.length, own.withoutSourceCount),
        ].join('\n');
  const stuck =
    own.stuckCount === 0
      ? ':white_check_mark: None of your open leads is stuck.'
      : [
          `*Your leads stuck at a stage* (${own.stuckCount}): longer there than 9 in 10 leads stay`,
          ...own.stuck.map(buildStuckLine),
          ...buildMoreLine(own.stuck.length, own.stuckCount),
        ].join('\n');
  return [section(missing), section(stuck)];
}

function buildButtons(isManager: boolean, workspaceSettings = false): KnownBlock[] {
  const everyone = actions(
    [
      button({ text: 'Log a lead', actionId: HOME_ACTIONS.logLead, style: 'primary' }),
      button({ text: '/roi', actionId: HOME_ACTIONS.roi }),
      button({ text: '/funnel', actionId: HOME_ACTIONS.funnel }),
      button({ text: 'Find duplicates', actionId: HOME_ACTIONS.duplicates }),
    ],
    'home:commands',
  );
  const note = context(['/roi, /funnel and duplicates answer in your messages with me (the Messages tab).']);
  if (!isManager) return [everyone, note];
  const managers = actions(
    [
      button({ text: 'Record spend', actionId: HOME_ACTIONS.recordSpend }),
      button({ text: 'Set targets', actionId: HOME_ACTIONS.setTargets }),
      button({ text: 'Record visits', actionId: HOME_ACTIONS.recordVisits }),
      ...(workspaceSettings ? [button({ text: 'Settings', actionId: HOME_ACTIONS.settings })] : []),
    ],
    'home:managers',
  );
  return [everyone, managers, note];
}

/** The whole tab; at most about 20 blocks, well under the 100 a Home tab takes. */
export function buildHomeView(input: HomeViewInput): HomeView {
  const { figures, settings } = input;
  const updated = `${formatLocalDate(figures.asOf, settings.timeZone)}`;
  const blocks: KnownBlock[] = [
    header(`ROI Runway · ${figures.quarter.label}`),
    context([`Updated ${updated} · refreshed each time you open this tab and after each Monday digest`]),
    ...buildButtons(input.isManager, input.workspaceSettings),
    divider(),
    section(`*This quarter so far* (${escapeSlackText(figures.quarter.label)}, every new lead, first touch)`),
    buildPeriodKpiFields(figures.kpis, settings),
    divider(),
    ...buildRunwayBlocks(figures.runway, input.chart),
    divider(),
    buildLeakBlock(figures.leak, settings.currency),
    divider(),
    buildWatchBlock(figures.watch, settings.timeZone),
    divider(),
    ...buildOwnLeadBlocks(figures.own, settings.timeZone),
  ];
  return { type: 'home', blocks };
}
