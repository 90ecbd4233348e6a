// Option values shared by the command grammars: backdating dates, attribution models, spend categories and plan
// figures. Each answer says what was wrong and how to write it.

import { parseLocalDate } from '../../src/domain/periods.js';
import {
  ATTRIBUTION_MODELS,
  type AttributionModel,
  type Parsed,
  SPEND_CATEGORIES,
  type SpendCategory,
} from '../../src/domain/types.js';

/** Backdating earlier than this is a typo, not history anyone is entering. */
export const EARLIEST_BACKDATE = '2000-01-01';

/** `on:2026-11-23` → local midnight of that day; not in the future and not before 2000. */
export function parseBackdate(text: string, now: number, timeZone: string): Parsed<number> {
  const date = parseLocalDate(text, timeZone);
  if (!date.ok) return { ok: false, error: `on: ${date.error}` };
  if (date.value > now) return { ok: false, error: `on:${text.trim()} is in the future; on: backdates a change.` };
  const floor = parseLocalDate(EARLIEST_BACKDATE, timeZone);
  if (floor.ok && date.value < floor.value) {
    return { ok: false, error: `on:${text.trim()} is before ${EARLIEST_BACKDATE}; check the year.` };
  }
  return { ok: true, value: date.value };
}

const MODEL_WORDS: Readonly<Record<string, AttributionModel>> = {
  first: 'first-touch',
  'first-touch': 'first-touch',
  firsttouch: 'first-touch',
  last: 'last-touch',
  'last-touch': 'last-touch',
  lasttouch: 'last-touch',
  linear: 'linear',
  u: 'u-shaped',
  'u-shaped': 'u-shaped',
  ushaped: 'u-shaped',
  'position-based': 'u-shaped',
};

export function parseModel(text: string): Parsed<AttributionModel> {
  const word = text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  const model = Object.hasOwn(MODEL_WORDS, word) ? MODEL_WORDS[word] : undefined;
  if (model) return { ok: true, value: model };
  return {
    ok: false,
    error: `"${text.trim()}" is not an attribution model: use model:${ATTRIBUTION_MODELS.join(', model:')}.`,
  };
}

export function parseCategory(text: string): Parsed<SpendCategory> {
  const word = text.trim().toLowerCase();
  const category = SPEND_CATEGORIES.find((candidate) => candidate === word);
  if (category) return { ok: true, value: category };
  return {
    ok: false,
    error: `"${text.trim()}" is not a spend category: use category:${SPEND_CATEGORIES.join(', category:')}.`,
  };
}

export type PlanFigure = { kind: 'count'; count: number } | { kind: 'rate'; rate: number };

const FIGURE_FORM = 'Give a count as a whole number (40) or a rate as 35% or 0.35.';

/** A target: `35%` or `0.35` is a conversion rate, a whole number is a count of leads. */
export function parsePlanFigure(text: string): Parsed<PlanFigure> {
  const trimmed = text.trim();
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(trimmed);
  if (percent) {
    const rate = Number(percent[1]) / 100;
    if (rate > 1) return { ok: false, error: `${trimmed} is more than 100%. ${FIGURE_FORM}` };
    return { ok: true, value: { kind: 'rate', rate } };
  }
  if (/^\d+$/.test(trimmed)) {
    const count = Number(trimmed);
    if (count > 1_000_000) return { ok: false, error: `${trimmed} leads a month is not a plan. ${FIGURE_FORM}` };
    return { ok: true, value: { kind: 'count', count } };
  }
  if (/^(?:0?\.\d+|1\.0*)$/.test(trimmed)) return { ok: true, value: { kind: 'rate', rate: Number(trimmed) } };
  return { ok: false, error: `"${trimmed}" is neither a count nor a rate. ${FIGURE_FORM}` };
}

/** How a recorded figure changes the month: `add` puts it on top of what is there, `set` replaces it. */
export type FigureMode = 'add' | 'set';

/**
 * The figure at the end of `words` and whether it adds (`25k`) or replaces (`set:25k`, or `set: 25k`): `/roi cost`
 * and `/roi visits`. `set` is not an option key of the tokenizer: "Set:Co" stays an ordinary word everywhere else.
 */
export function splitTrailingFigure(words: readonly string[]): { name: string[]; figure: string; mode: FigureMode } {
  const last = words.at(-1) ?? '';
  const joined = /^set:(.*)$/is.exec(last);
  if (joined) return { name: words.slice(0, -1), figure: joined[1] ?? '', mode: 'set' };
  if (words.at(-2)?.toLowerCase() === 'set:') return { name: words.slice(0, -2), figure: last, mode: 'set' };
  return { name: words.slice(0, -1), figure: last, mode: 'add' };
}
