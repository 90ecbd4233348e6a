// Amounts as people type them ("25k", "$25,000", "25 000 €", "1.2m") and as the app shows them.

import type { Parsed } from './types.js';

const MONEY_FORM = 'Amounts look like 25k, $25,000 or 1.2m.';
export const MAX_AMOUNT = 1e12;
/** Longer than any amount anyone types ("USD 1,234,567.89" is 16): refused before it is read. */
export const AMOUNT_MAX_CHARS = 64;

const CURRENCY_CODES = 'usd|eur|gbp|cad|aud|nzd|chf|jpy|sek|nok|dkk|inr|cny|mxn|brl|zar|sgd|hkd';
// Every pattern is anchored at the start, or matches a few characters at the end with no run of spaces before them
// (those are trimmed separately): a pattern that begins with \s* and is tried at every position takes time in the
// square of a run of spaces, 4 seconds for 40,000 of them.
const CURRENCY_PREFIX = new RegExp(`^(?:[$€£¥]|(?:${CURRENCY_CODES})(?![a-z]))\\s*`, 'i');
const CURRENCY_SUFFIX = new RegExp(`(?<![a-z])(?:[$€£¥]|${CURRENCY_CODES})$`, 'i');
const SCALE_SUFFIX = /(?:k|m|bn?)$/i;

const MULTIPLIERS: Readonly<Record<string, number>> = { '': 1, k: 1e3, m: 1e6 };

/** Plain digits with one optional decimal point: "25000", "99.99". */
const PLAIN = /^\d+(?:\.\d+)?$/;
/** English grouping: "25,000", "1,234,567.50". */
const COMMA_GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
/** European decimal comma, dots (optional) grouping thousands: "1.200,50", "99,9". */
const DECIMAL_COMMA = /^(?:\d{1,3}(?:\.\d{3})+|\d+),\d{1,2}$/;
/** Space grouping, as the French and Nordic write it: "25 000", "1 200,50". */
const SPACE_GROUPED = /^\d{1,3}(?:\s\d{3})+(?:[.,]\d{1,2})?$/;
/** Dots grouping thousands, without decimals: "1.234.567". */
const DOT_GROUPED = /^\d{1,3}(?:\.\d{3}){2,}$/;
/** "1.200" is 1200 in Europe and 1.2 in the US: a thousandfold mistake either way, so it is asked again. */
const DOT_AMBIGUOUS = /^[1-9]\d{0,2}\.\d{3}$/;

/**
 * The digits of an amount, or null when they do not form a number. A comma followed by exactly three digits groups
 * thousands; a comma followed by one or two final digits is a decimal comma. A dot is decimal, except in "1.234.567"
 * and beside a decimal comma; a single dot followed by exactly three digits is ambiguous.
 */
function readDigits(body: string, scaled: boolean): number | null | 'ambiguous' {
  // With a k/m suffix the dot can only be decimal: "1.250k" is 1250.
  if (!scaled && DOT_AMBIGUOUS.test(body)) return 'ambiguous';
  if (DOT_GROUPED.test(body)) return Number(body.replaceAll('.', ''));
  if (PLAIN.test(body)) return Number(body);
  if (COMMA_GROUPED.test(body)) return Number(body.replaceAll(',', ''));
  if (DECIMAL_COMMA.test(body)) return Number(body.replaceAll('.', '').replace(',', '.'));
  if (SPACE_GROUPED.test(body)) return Number(body.replace(/\s/g, '').replace(',', '.'));
  return null;
}

/**
 * A non-negative amount rounded to cents. Accepts a currency symbol or code on either side and a k/m suffix.
 * Rejects billions ("2b"): no marketing line item here is that large, and "b" is more often a typo than intent.
 * Rejects scientific notation, which nobody types on purpose in a money field. Text longer than AMOUNT_MAX_CHARS is
 * refused unread.
 */
export function parseMoney(text: string): Parsed<number> {
  const trimmed = text.trim();
  if (trimmed.length > AMOUNT_MAX_CHARS) {
    return {
      ok: false,
      error: `An amount is at most ${AMOUNT_MAX_CHARS} characters; that one has ${trimmed.length}. ${MONEY_FORM}`,
    };
  }
  return parseMoneyUncapped(trimmed);
}

/** parseMoney without the length cap, in time linear in the text's length (exported for tests and the bench). */
export function parseMoneyUncapped(text: string): Parsed<number> {
  const trimmed = text.trim();
  const fail = (why: string): Parsed<number> => ({ ok: false, error: `"${trimmed}" ${why}. ${MONEY_FORM}` });
  if (trimmed === '') return { ok: false, error: `An amount is missing. ${MONEY_FORM}` };
  const body = trimmed.replace(CURRENCY_PREFIX, '').replace(CURRENCY_SUFFIX, '').trim();
  if (/^[-−]/.test(body)) return fail('is negative; amounts are zero or more');
  if (/^[\d.,]+e[+-]?\d+$/i.test(body)) return fail('uses scientific notation, which is not accepted');
  const suffix = SCALE_SUFFIX.exec(body);
  const unit = suffix?.[0].toLowerCase() ?? '';
  if (unit.startsWith('b')) return fail('is in billions, which are not accepted');
  const digits = suffix ? body.slice(0, suffix.index).trimEnd() : body;
  const number = readDigits(digits, unit !== '');
  if (number === 'ambiguous') return fail(`is ambiguous: write ${digits.replace('.', '')} or ${digits.slice(0, -1)}`);
  if (number === null || digits === '') return fail('is not an amount');
  const amount = number * (MULTIPLIERS[unit] ?? 1);
  if (!Number.isFinite(amount) || amount > MAX_AMOUNT) return fail('is larger than 1,000,000,000,000');
  return { ok: true, value: Math.round(amount * 100) / 100 };
}

/**
 * A formatter made for this call. Making one costs about 20 µs: a digest formats about 300 numbers (blocks and
 * charts), so a few milliseconds of its seconds, which is less than keeping formatters between calls is worth.
 */
function buildFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return new Intl.NumberFormat('en-US', options);
}

/** True when Intl knows the ISO 4217 code (config validates CURRENCY with this). */
export function isValidCurrency(currency: string): boolean {
  try {
    buildFormat({ style: 'currency', currency, maximumFractionDigits: 2 });
    return /^[A-Za-z]{3}$/.test(currency);
  } catch {
    return false;
  }
}

/** "$25,000", "$99.50"; compact "$25K", "$1.2M". Whole amounts drop the cents. */
export function formatMoney(amount: number, currency: string, opts: { compact?: boolean } = {}): string {
  if (opts.compact) {
    const options = {
      style: 'currency',
      currency,
      notation: 'compact',
      minimumFractionDigits: 0,
      maximumFractionDigits: 1,
    } as const;
    return buildFormat(options).format(amount);
  }
  const fractionDigits = Number.isInteger(amount) ? 0 : 2;
  const options = {
    style: 'currency',
    currency,
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  } as const;
  return buildFormat(options).format(amount);
}

/** "42%"; "—" when there is no ratio to show. */
export function formatPercent(ratio: number | null, digits = 0): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  const options = { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits } as const;
  return buildFormat(options).format(ratio);
}

/** A whole number with thousands separators; the engine's own en-US format, which it keeps ready (no options). */
const wholeNumber = (value: number) => Math.round(value).toLocaleString('en-US');

/** "+240%", "−35%" (a real minus sign), "0%", "n/a" without spend. */
export function formatRoi(roi: number | null): string {
  if (roi === null || !Number.isFinite(roi)) return 'n/a';
  const percent = Math.round(roi * 100);
  const sign = percent > 0 ? '+' : percent < 0 ? '−' : '';
  return `${sign}${wholeNumber(Math.abs(percent))}%`;
}

/** Week-over-week change: "▲ 12%", "▼ 5%", "new" (from nothing), "—" (no change or nothing to compare). */
export function formatChange(current: number | null, previous: number | null): string {
  if (current === null || previous === null || !Number.isFinite(current) || !Number.isFinite(previous)) return '—';
  if (previous === 0) return current === 0 ? '—' : 'new';
  const percent = Math.round(((current - previous) / Math.abs(previous)) * 100);
  if (percent === 0) return '—';
  return `${percent > 0 ? '▲' : '▼'} ${wholeNumber(Math.abs(percent))}%`;
}
