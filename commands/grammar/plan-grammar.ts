// The `/roi` forms about the year's plan: `runway [YYYY]`, `visits <YYYY-MM> <count> [source:]`, `target plan
// [YYYY]`, and the month ranges (`month:2026-01..2026-12`) a target can span.

import { monthKey, parseMonth } from '../../src/domain/periods.js';
import type { Parsed } from '../../src/domain/types.js';
import { parseVisitCount } from '../../src/domain/visits.js';
import type { GrammarContext } from './lead-grammar.js';
import { splitOptions, type Token } from './tokens.js';
import { type FigureMode, splitTrailingFigure } from './values.js';

export const PLAN_USAGE = {
  targetPlan: '/roi target plan [YYYY] opens a year of targets in a form',
  runway: '/roi runway [YYYY], e.g. /roi runway 2026',
  visits:
    '/roi visits <YYYY-MM> <count> [source:<source>] adds to the month (set:<count> replaces it), e.g. /roi visits 2026-11 12400 source:organic-search',
} as const;

/** A plan spans at most two years at once; a longer range is a typo in a year. */
export const MAX_RANGE_MONTHS = 24;
const EARLIEST_YEAR = 2000;
const LATEST_YEAR = 2100;

const usage = (form: keyof typeof PLAN_USAGE) => `Use ${PLAN_USAGE[form]}.`;

/** '2026-01..2026-12' → both ends, the first not after the last, at most MAX_RANGE_MONTHS apart. */
export function readMonthRange(text: string): Parsed<[string, string]> {
  const [fromText = '', toText = '', ...extra] = text.split('..');
  const from = parseMonth(fromText);
  const to = parseMonth(toText);
  if (extra.length > 0 || !from.ok || !to.ok) {
    const detail = !from.ok ? from.error : !to.ok ? to.error : '';
    return { ok: false, error: `month: a range is written 2026-01..2026-12. ${detail}`.trim() };
  }
  if (from.value > to.value) return { ok: false, error: `month: ${from.value} comes after ${to.value}.` };
  const span = countMonths(from.value, to.value);
  if (span > MAX_RANGE_MONTHS) {
    return { ok: false, error: `month: ${span} months is more than the ${MAX_RANGE_MONTHS} a plan covers at once.` };
  }
  return { ok: true, value: [from.value, to.value] };
}

/** Months from `from` to `to`, both included ('YYYY-MM'). */
export function countMonths(from: string, to: string): number {
  const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
  return index(to) - index(from) + 1;
}

/** Every month from `from` to `to`, both included. */
export function listMonths(from: string, to: string): string[] {
  const start = Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7)) - 1;
  return Array.from({ length: countMonths(from, to) }, (_, i) => {
    const index = start + i;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

/** The year named, or the current one; '2026', not '26'. */
function readYear(words: readonly Token[], ctx: GrammarContext, form: keyof typeof PLAN_USAGE): Parsed<number> {
  if (words.length === 0) return { ok: true, value: Number(monthKey(ctx.now, ctx.timeZone).slice(0, 4)) };
  const text = words.map((word) => word.text).join(' ');
  const year = /^\d{4}$/.test(text) ? Number(text) : Number.NaN;
  if (words.length > 1 || !(year >= EARLIEST_YEAR && year <= LATEST_YEAR)) {
    return { ok: false, error: `"${text}" is not a year: write it as YYYY, e.g. 2026. ${usage(form)}` };
  }
  return { ok: true, value: year };
}

export function parseRunwayCommand(
  rest: readonly Token[],
  ctx: GrammarContext,
): Parsed<{ verb: 'runway'; year: number }> {
  const year = readYear(rest, ctx, 'runway');
  return year.ok ? { ok: true, value: { verb: 'runway', year: year.value } } : year;
}

export function parseTargetPlanCommand(
  rest: readonly Token[],
  ctx: GrammarContext,
): Parsed<{ verb: 'target-plan'; year: number }> {
  const year = readYear(rest, ctx, 'targetPlan');
  return year.ok ? { ok: true, value: { verb: 'target-plan', year: year.value } } : year;
}

export function parseVisitsCommand(
  rest: readonly Token[],
): Parsed<{ verb: 'visits'; month: string; visits: number; mode: FigureMode; source?: string }> {
  const split = splitOptions(rest, ['source'], usage('visits'));
  if (!split.ok) return split;
  const { words, options } = split.value;
  const { name, figure, mode } = splitTrailingFigure(words);
  if (name.length !== 1) return { ok: false, error: `Which month, and how many visits? ${usage('visits')}` };
  if (mode === 'set' && figure.trim() === '') {
    return { ok: false, error: `set: needs a number of visits right after the colon. ${usage('visits')}` };
  }
  const month = parseMonth(name[0] ?? '');
  if (!month.ok) return { ok: false, error: `${month.error} ${usage('visits')}` };
  const visits = parseVisitCount(figure);
  if (!visits.ok) return { ok: false, error: `${visits.error} ${usage('visits')}` };
  const command = { verb: 'visits' as const, month: month.value, visits: visits.value, mode };
  return { ok: true, value: options.source === undefined ? command : { ...command, source: options.source } };
}
