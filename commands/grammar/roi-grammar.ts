// `/roi …` text → a typed command. Pure: periods are resolved against the given clock and time zone; whether a
// campaign or source exists is the handler's question.

import { normalizeCampaign } from '../../src/domain/catalog.js';
import { parseStage } from '../../src/domain/lifecycle.js';
import { parseMoney } from '../../src/domain/money.js';
import { monthKey, parseMonth, parsePeriod } from '../../src/domain/periods.js';
import type { AttributionModel, Parsed, Period, SpendCategory, TargetStage } from '../../src/domain/types.js';
import type { GrammarContext } from './lead-grammar.js';
import {
  PLAN_USAGE,
  parseRunwayCommand,
  parseTargetPlanCommand,
  parseVisitsCommand,
  readMonthRange,
} from './plan-grammar.js';
import { type OptionKey, readCommandText, splitOptions, type Token, tokenize } from './tokens.js';
import {
  type FigureMode,
  type PlanFigure,
  parseCategory,
  parseModel,
  parsePlanFigure,
  splitTrailingFigure,
} from './values.js';

export type RoiCommand =
  | { verb: 'ranking'; period: Period; model: AttributionModel }
  | { verb: 'campaign'; campaign: string; period: Period; model: AttributionModel }
  | { verb: 'source'; source: string; period: Period; model: AttributionModel }
  | { verb: 'cost'; campaign: string; amount: number; mode: FigureMode; month: string; category: SpendCategory }
  /** `through` (inclusive) when a range of months was given: the same plan for each. */
  | { verb: 'target'; stage: TargetStage; figure: PlanFigure; month: string; through?: string }
  | { verb: 'target-plan'; year: number }
  | { verb: 'runway'; year: number }
  | { verb: 'visits'; month: string; visits: number; mode: FigureMode; source?: string }
  | { verb: 'digest'; mode: 'preview' | 'now' }
  | { verb: 'number'; phone: string; campaign: string | null | undefined; source: string | null | undefined }
  | { verb: 'numbers' }
  | { verb: 'sources'; period: Period }
  | { verb: 'settings' }
  | { verb: 'help' };

export const ROI_USAGE = {
  campaign: '/roi <campaign> [period] [model:<model>], e.g. /roi spring-expo last-quarter model:linear',
  source: '/roi source <source> [period], e.g. /roi source thomasnet ytd',
  cost: '/roi cost <campaign> <amount> [month:YYYY-MM] [category:<category>] adds to the month (set:<amount> replaces it), e.g. /roi cost spring-expo 25k month:2026-10',
  target:
    '/roi target <stage> <count-or-rate> [month:YYYY-MM or YYYY-MM..YYYY-MM], e.g. /roi target sql 35% or /roi target mql 40 month:2026-01..2026-12',
  digest: '/roi digest [preview|now]',
  number:
    '/roi number <phone> [campaign:<campaign>] [source:<source>], e.g. /roi number +1 555 010 2000 campaign:spring-expo source:trade-show',
  sources: '/roi sources [period], e.g. /roi sources last-quarter',
  ...PLAN_USAGE,
} as const;

/** `/roi` alone ranks this quarter; one campaign or source reads its whole history unless a period is given. */
export const DEFAULT_RANKING_PERIOD = 'this-quarter';
export const DEFAULT_CARD_PERIOD = 'all';

const usage = (form: keyof typeof ROI_USAGE) => `Use ${ROI_USAGE[form]}.`;

/** The period at the end of `words` (one word, or two like "last 90d"); the words before it are the name. */
function splitTrailingPeriod(words: readonly string[], ctx: GrammarContext): { name: string[]; period: Period | null } {
  for (const n of [1, 2]) {
    if (words.length <= n) continue;
    const parsed = parsePeriod(words.slice(-n).join(' '), ctx.now, ctx.timeZone);
    if (parsed.ok) return { name: words.slice(0, -n), period: parsed.value };
  }
  return { name: [...words], period: null };
}

function readPeriod(text: string, ctx: GrammarContext): Parsed<Period> {
  return parsePeriod(text, ctx.now, ctx.timeZone);
}

function readMonth(option: string | undefined, ctx: GrammarContext): Parsed<string> {
  if (option === undefined) return { ok: true, value: monthKey(ctx.now, ctx.timeZone) };
  const month = parseMonth(option);
  return month.ok ? month : { ok: false, error: `month: ${month.error}` };
}

type Options = Partial<Record<OptionKey, string>>;

/** The options each form takes; the plan forms (runway, visits, target plan) read their own. */
const ALLOWED_OPTIONS: Readonly<
  Record<'campaign' | 'source' | 'cost' | 'target' | 'number' | 'sources', readonly OptionKey[]>
> = {
  campaign: ['model'],
  source: ['model'],
  cost: ['month', 'category'],
  target: ['month'],
  number: ['campaign', 'source'],
  sources: [],
};

function parseCost(words: string[], options: Options, ctx: GrammarContext): Parsed<RoiCommand> {
  const split = splitTrailingFigure(words);
  if (split.name.length === 0) return { ok: false, error: `Which campaign, and how much? ${usage('cost')}` };
  if (split.mode === 'set' && split.figure.trim() === '') {
    return { ok: false, error: `set: needs an amount right after the colon. ${usage('cost')}` };
  }
  const amount = parseMoney(split.figure);
  if (!amount.ok) return { ok: false, error: `${amount.error} ${usage('cost')}` };
  const campaign = normalizeCampaign(split.name.join(' '));
  if (!campaign.ok) return { ok: false, error: `${campaign.error} ${usage('cost')}` };
  const month = readMonth(options.month, ctx);
  if (!month.ok) return month;
  const category = parseCategory(options.category ?? 'media');
  if (!category.ok) return category;
  const spend = {
    campaign: campaign.value,
    amount: amount.value,
    mode: split.mode,
    month: month.value,
    category: category.value,
  };
  return { ok: true, value: { verb: 'cost', ...spend } };
}

/** Visits are planned like a stage: `/roi target visits 12000`. */
function parseTargetStage(word: string): Parsed<TargetStage> {
  if (/^visits?$/i.test(word)) return { ok: true, value: 'visits' };
  const stage = parseStage(word);
  if (stage.ok) {
    if (stage.value !== 'lost') return { ok: true, value: stage.value };
    return { ok: false, error: `Targets are for funnel stages, not Lost. ${usage('target')}` };
  }
  const shown = word.trim() === '' ? 'A stage is missing' : `"${word.trim()}" is not a stage to plan`;
  const stages = 'visits, lead, mql, sql, opportunity (or opp) or customer (or won)';
  return { ok: false, error: `${shown}: use ${stages}. ${usage('target')}` };
}

function parseTarget(words: string[], options: Options, ctx: GrammarContext): Parsed<RoiCommand> {
  if (words.length !== 2) return { ok: false, error: `Which stage, and what count or rate? ${usage('target')}` };
  const stage = parseTargetStage(words[0] ?? '');
  if (!stage.ok) return stage;
  const figure = parsePlanFigure(words[1] ?? '');
  if (!figure.ok) return { ok: false, error: `${figure.error} ${usage('target')}` };
  if (stage.value === 'lead' && figure.value.kind === 'rate') {
    return { ok: false, error: 'Nothing converts into Lead, so its target is a count, e.g. /roi target lead 120.' };
  }
  if (stage.value === 'visits' && figure.value.kind === 'rate') {
    return { ok: false, error: 'Visits are planned as a count a month, e.g. /roi target visits 12000.' };
  }
  if (options.month?.includes('..')) {
    const range = readMonthRange(options.month);
    if (!range.ok) return range;
    const [month, through] = range.value;
    return { ok: true, value: { verb: 'target', stage: stage.value, figure: figure.value, month, through } };
  }
  const month = readMonth(options.month, ctx);
  if (!month.ok) return month;
  return { ok: true, value: { verb: 'target', stage: stage.value, figure: figure.value, month: month.value } };
}

function parseModelOption(options: Options): Parsed<AttributionModel> {
  return options.model === undefined ? { ok: true, value: 'first-touch' } : parseModel(options.model);
}

function parseCard(
  verb: 'campaign' | 'source',
  words: string[],
  options: Options,
  ctx: GrammarContext,
): Parsed<RoiCommand> {
  const model = parseModelOption(options);
  if (!model.ok) return model;
  const split = splitTrailingPeriod(words, ctx);
  const period =
    split.period === null ? readPeriod(DEFAULT_CARD_PERIOD, ctx) : { ok: true as const, value: split.period };
  if (!period.ok) return period;
  const common = { period: period.value, model: model.value };
  if (verb === 'source') {
    if (split.name.length === 0) return { ok: false, error: `Which source? ${usage('source')}` };
    return { ok: true, value: { verb, source: split.name.join(' '), ...common } };
  }
  const campaign = normalizeCampaign(split.name.join(' '));
  if (!campaign.ok) return { ok: false, error: `${campaign.error} ${usage('campaign')}` };
  return { ok: true, value: { verb, campaign: campaign.value, ...common } };
}

function parseRanking(words: string[], options: Options, ctx: GrammarContext): Parsed<RoiCommand> | null {
  const model = parseModelOption(options);
  if (!model.ok) return model;
  const text = words.length === 0 ? DEFAULT_RANKING_PERIOD : words.join(' ');
  const period = readPeriod(text, ctx);
  if (!period.ok) return null;
  return { ok: true, value: { verb: 'ranking', period: period.value, model: model.value } };
}

/**
 * `/roi number`: the phone as typed (the handler reads it in E.164, with PHONE_REGION), a campaign and/or a source
 * (the handler matches the source to the catalog). An option left out keeps what the mapping had; `source:none`
 * clears it.
 */
function parseNumber(words: string[], options: Options): Parsed<RoiCommand> {
  const phone = words.join(' ').trim();
  if (phone === '') return { ok: false, error: `Which number? ${usage('number')}` };
  if (options.campaign === undefined && options.source === undefined) {
    return { ok: false, error: `Map the number to a campaign, a source or both. ${usage('number')}` };
  }
  const cleared = (value: string | undefined) =>
    value === undefined ? undefined : value.toLowerCase() === 'none' ? null : value;
  const rawCampaign = cleared(options.campaign);
  let campaign: string | null | undefined = rawCampaign;
  if (typeof rawCampaign === 'string') {
    const normalized = normalizeCampaign(rawCampaign);
    if (!normalized.ok) return { ok: false, error: `${normalized.error} ${usage('number')}` };
    campaign = normalized.value;
  }
  return { ok: true, value: { verb: 'number', phone, campaign, source: cleared(options.source) } };
}

function parseSourcesReport(words: string[], ctx: GrammarContext): Parsed<RoiCommand> {
  const period = readPeriod(words.length === 0 ? DEFAULT_RANKING_PERIOD : words.join(' '), ctx);
  if (!period.ok) return { ok: false, error: `${period.error} ${usage('sources')}` };
  return { ok: true, value: { verb: 'sources', period: period.value } };
}

/** The forms about the year's plan: `runway`, `visits` and `target plan`; null for any other verb. */
function parsePlanForms(verb: string, rest: readonly Token[], ctx: GrammarContext): Parsed<RoiCommand> | null {
  if (verb === 'runway') return parseRunwayCommand(rest, ctx);
  if (verb === 'visits') return parseVisitsCommand(rest);
  const first = rest[0];
  if (verb === 'target' && first !== undefined && !first.quoted && first.text.toLowerCase() === 'plan') {
    return parseTargetPlanCommand(rest.slice(1), ctx);
  }
  return null;
}

/** `/roi` text as Slack sends it (still escaped) → the command it asks for, or what to type instead. */
export function parseRoiCommand(escaped: string, ctx: GrammarContext): Parsed<RoiCommand> {
  const typed = readCommandText(escaped);
  if (!typed.ok) return typed;
  const tokens = tokenize(typed.value);
  const verb = tokens[0]?.quoted ? '' : (tokens[0]?.text.toLowerCase() ?? '');
  const rest = tokens.slice(1);
  if (verb === 'help' || verb === '?') return { ok: true, value: { verb: 'help' } };
  if (verb === 'digest') {
    const mode = rest.map((token) => token.text.toLowerCase()).join(' ') || 'preview';
    if (mode === 'preview' || mode === 'now') return { ok: true, value: { verb: 'digest', mode } };
    return { ok: false, error: `"${mode}" is not a digest action. Use ${ROI_USAGE.digest}.` };
  }
  if (verb === 'numbers' && rest.length === 0) return { ok: true, value: { verb: 'numbers' } };
  if (verb === 'settings' && rest.length === 0) return { ok: true, value: { verb: 'settings' } };
  const planned = parsePlanForms(verb, rest, ctx);
  if (planned !== null) return planned;
  const form =
    verb === 'cost' || verb === 'target' || verb === 'source' || verb === 'number' || verb === 'sources' ? verb : null;
  const allowed = ALLOWED_OPTIONS[form ?? 'campaign'];
  const split = splitOptions(form === null ? tokens : rest, allowed, usage(form ?? 'campaign'));
  if (!split.ok) return split;
  const { words, options } = split.value;
  if (form === 'number') return parseNumber(words, options);
  if (form === 'sources') return parseSourcesReport(words, ctx);
  if (form === 'cost') return parseCost(words, options, ctx);
  if (form === 'target') return parseTarget(words, options, ctx);
  if (form === 'source') return parseCard('source', words, options, ctx);
  return parseRanking(words, options, ctx) ?? parseCard('campaign', words, options, ctx);
}
