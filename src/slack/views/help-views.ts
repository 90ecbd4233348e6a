// `/lead help`, `/roi help` and `/funnel help`: the grammar, with an example of each form.

import { PERIOD_KEYS } from '../../domain/periods.js';
import { escapeSlackText, header, type KnownBlock, section } from '../blocks.js';
import { buildFallbackText, type Reply } from './reply.js';

const LEAD_FORMS = [
  ['/lead', 'open the "Log a lead" form'],
  ['/lead source <source> [<company>]', 'where a lead came from; creates the lead if new'],
  ['/lead stage <stage> <company> [value:<amount>]', 'move a lead: lead, mql, sql, opportunity, customer, lost'],
  ['/lead won <company> [value:<amount>]', 'same as stage customer'],
  ['/lead lost <company> [reason:<text>]', 'quote a reason with spaces: reason:"went with a competitor"'],
  ['/lead campaign <campaign> <company>', 'attribute a lead to a campaign'],
  ['/lead touch <source-or-campaign> <company>', 'record another interaction (multi-touch attribution)'],
  ['/lead find <text>', 'matching leads with stage, source, owner'],
  ['/lead merge <company> into <company>', 'two records of one company become one; the second survives (undoable)'],
  ['/lead duplicates', 'the likeliest duplicate pairs, with merge buttons'],
  ['/lead undo', 'undo your last change (within 10 minutes)'],
] as const;

const ROI_FORMS = [
  ['/roi [period] [model:<model>]', 'every campaign ranked by ROI (default this quarter)'],
  ['/roi <campaign> [period] [model:<model>]', 'one campaign: cost, leads, customers, revenue, ROI (default all time)'],
  ['/roi source <source> [period]', 'the same card for a source'],
  ['/roi cost <campaign> <amount> [month:YYYY-MM] [category:<category>]', "add to the month's spend (managers)"],
  ['/roi cost <campaign> set:<amount> [month:YYYY-MM] [category:<category>]', "replace the month's spend (managers)"],
  ['/roi target <stage> <count-or-rate> [month:YYYY-MM]', 'record a plan, e.g. 40 or 35% (managers)'],
  ['/roi target <stage> <count-or-rate> month:2026-01..2026-12', 'the same plan for each month of a range (managers)'],
  ['/roi target plan [YYYY]', 'a form for a year of targets, 12 months × stages (managers)'],
  [
    '/roi visits <YYYY-MM> <count> [source:<source>]',
    "add to a month's website visits, per source or in total (managers)",
  ],
  ['/roi visits <YYYY-MM> set:<count> [source:<source>]', "replace the month's website visits (managers)"],
  ['/roi runway [YYYY]', 'the 12-month Results Runway: plan vs actual per stage, with a chart'],
  ['/roi digest [preview|now]', 'the Monday digest: a preview for you, or posted now (managers)'],
  ['/roi number <phone> [campaign:<campaign>] [source:<source>]', 'map a tracking phone number (managers)'],
  ['/roi numbers', 'the tracking numbers and what they map to'],
  ['/roi sources [period]', 'tracked vs said sources, and inquiries by channel'],
  ['/roi settings', "the workspace's digest channel, time zone, managers, currency, margin, CLV (managers)"],
] as const;

const FUNNEL_FORMS = [
  [
    '/funnel [period] [source:<source>] [campaign:<campaign>]',
    'counts, rates and the weakest stage (default last-90d)',
  ],
] as const;

const PERIODS = `Periods: ${PERIOD_KEYS.filter((key) => !key.startsWith('YYYY')).join(', ')}, a month (2026-10) or a quarter (2026-Q3).`;

function buildFormsText(forms: readonly (readonly [string, string])[]): string {
  return forms.map(([form, meaning]) => `\`${escapeSlackText(form)}\` — ${escapeSlackText(meaning)}`).join('\n');
}

function buildHelp(title: string, forms: readonly (readonly [string, string])[], notes: readonly string[]): Reply {
  const blocks: KnownBlock[] = [header(title), section(buildFormsText(forms))];
  for (const note of notes) blocks.push(section(escapeSlackText(note)));
  return { text: buildFallbackText(`${title}: ${forms.map(([form]) => form).join(' | ')}`), blocks };
}

export function buildLeadHelp(): Reply {
  return buildHelp('/lead — log and move leads', LEAD_FORMS, [
    'Amounts: 25k, $25,000 or 1.2m. Backdate any change with on:YYYY-MM-DD. Company names match loosely: /lead source always logs the call (a name that is only close makes a new lead, with buttons to merge it); the other forms ask when unsure.',
  ]);
}

export function buildRoiHelp(): Reply {
  return buildHelp('/roi — what marketing returns', ROI_FORMS, [
    PERIODS,
    'Models: first-touch (default), last-touch, linear, u-shaped. Categories: media, agency, event, tools, salaries, overhead.',
  ]);
}

export function buildFunnelHelp(): Reply {
  return buildHelp('/funnel — where the funnel leaks', FUNNEL_FORMS, [PERIODS]);
}
