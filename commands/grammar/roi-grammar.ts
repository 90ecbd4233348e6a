// `/roi …` text → a typed command. Pure: periods are resolved against the given clock and time zone; whether a
// campaign or source exists is the handler's question.

import { normalizeCampaign } from '../../src/domain/catalog.js';
import { parseStage } from '../../src/domain/lifecycle.js';
import { parseMoney } from '../../src/domain/money.js';
import { monthKey, parseMonth, parsePeriod } from '../../src/domain/periods.js';
import type { AttributionModel, FunnelStage, Parsed, Period, SpendCategory } from '../../src/domain/types.js';
import type { GrammarContext } from './lead-grammar.js';
import { decodeSlackText, type OptionKey, splitOptions, tokenize } from './tokens.js';
import { type PlanFigure, parseCategory, parseModel, parsePlanFigure } from './values.js';

export type RoiCommand =
  | { verb: 'ranking'; period: Period; model: AttributionModel }
  | { verb: 'campaign'; campaign: string; period: Period; model: AttributionModel }
  | { verb: 'source'; source: string; period: Period; model: AttributionModel }
  | { verb: 'cost'; campaign: string; amount: number; mode: 'add' | 'set'; month: string; category: SpendCategory }
  | { verb: 'target'; stage: FunnelStage; figure: PlanFigure; month: string }
  | { verb: 'digest'; mode: 'preview' | 'now' }
  | { verb: 'number'; phone: string; campaign: string | null | undefined; source: string | null | undefined }
  | { verb: 'numbers' }
  | { verb: 'sources'; period: Period }
  | { verb: 'help' };

export const ROI_USAGE = {
  campaign: '/roi <campaign> [period] [model:<model>], e.g. /roi spring-expo last-quarter model:linear',
  source: '/roi source <source> [period], e.g. /roi source thomasnet ytd',
  cost: '/roi cost <campaign> <amount> [month:YYYY-MM] [category:<category>] adds to the month (set:<amount> replaces it), e.g. /roi cost spring-expo 25k month:2026-10',
  target: '/roi target <stage> <count-or-rate> [month:YYYY-MM], e.g. /roi target sql 35% or /roi target mql 40',
  digest: '/roi digest [preview|now]',
  number:
    '/roi number <phone> [campaign:<campaign>] [source:<source>], e.g. /roi number +1 555 010 2000 campaign:spring-expo source:trade-show',
  sources: '/roi sources [period], e.g. /roi sources last-quarter',
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

const ALLOWED_OPTIONS: Readonly<Record<keyof typeof ROI_USAGE, readonly OptionKey[]>> = {
  campaign: ['model'],
  source: ['model'],
  cost: ['month', 'category'],
  target: ['month'],
  digest: [],
  number: ['campaign', 'source'],
  sources: [],
};

/**
 * The amount at the end of `/roi cost` words and whether it adds (`25k`) or replaces (`set:25k`, or `set: 25k`).
 * `set` is not an option key of the tokenizer: "Set:Co" stays an ordinary word everywhere else.
 */
function splitCostAmount(words: readonly string[]): { name: string[]; amount: string; mode: 'add' | 'set' } {
  const last = words.at(-1) ?? '';
  const joined = /^set:(.*)$/is.exec(last);
  if (joined) return { name: words.slice(0, -1), amount: joined[1] ?? '', mode: 'set' };
  if (words.at(-2)?.toLowerCase() === 'set:') return { name: words.slice(0, -2), amount: last, mode: 'set' };
  return { name: words.slice(0, -1), amount: last, mode: 'add' };
}

function parseCost(words: string[], options: Options, ctx: GrammarContext): Parsed<RoiCommand> {
  const split = splitCostAmount(words);
  if (split.name.length === 0) return { ok: false, error: `Which campaign, and how much? ${usage('cost')}` };
  if (split.mode === 'set' && split.amount.trim() === '') {
    return { ok: false, error: `set: needs an amount right after the colon. ${usage('cost')}` };
  }
  const amount = parseMoney(split.amount);
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

function parseTarget(words: string[], options: Options, ctx: GrammarContext): Parsed<RoiCommand> {
  if (words.length !== 2) return { ok: false, error: `Which stage, and what count or rate? ${usage('target')}` };
  const stage = parseStage(words[0] ?? '');
  if (!stage.ok) return { ok: false, error: `${stage.error} ${usage('target')}` };
  if (stage.value === 'lost')
    return { ok: false, error: `Targets are for funnel stages, not Lost. ${usage('target')}` };
  const figure = parsePlanFigure(words[1] ?? '');
  if (!figure.ok) return { ok: false, error: `${figure.error} ${usage('target')}` };
  if (stage.value === 'lead' && figure.value.kind === 'rate') {
    return { ok: false, error: 'Nothing converts into Lead, so its target is a count, e.g. /roi target lead 120.' };
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

/** `/roi` text as Slack sends it (still escaped) → the command it asks for, or what to type instead. */
export function parseRoiCommand(escaped: string, ctx: GrammarContext): Parsed<RoiCommand> {
  const tokens = tokenize(decodeSlackText(escaped));
  const verb = tokens[0]?.quoted ? '' : (tokens[0]?.text.toLowerCase() ?? '');
  const rest = tokens.slice(1);
  if (verb === 'help' || verb === '?') return { ok: true, value: { verb: 'help' } };
  if (verb === 'digest') {
    const mode = rest.map((token) => token.text.toLowerCase()).join(' ') || 'preview';
    if (mode === 'preview' || mode === 'now') return { ok: true, value: { verb: 'digest', mode } };
    return { ok: false, error: `"${mode}" is not a digest action. Use ${ROI_USAGE.digest}.` };
  }
  if (verb === 'numbers' && rest.length === 0) return { ok: true, value: { verb: 'numbers' } };
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
