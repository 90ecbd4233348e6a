// Number formats the replies share, on top of the domain's money and percent formats.

import { formatMoney } from '../../domain/money.js';

/** Whole counts as is; fractional ones (multi-touch credit) with one decimal. */
export function formatCount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** Money rounded to cents: prorated spend and split credit leave long fractions. */
export function formatAmount(amount: number, currency: string): string {
  return formatMoney(Math.round(amount * 100) / 100, currency);
}

/** A cost per something; "n/a" when there is nothing to divide by. */
export function formatRatioMoney(amount: number | null, currency: string): string {
  return amount === null ? 'n/a' : formatMoney(Math.round(amount), currency);
}

/** "1 lead", "2 leads", "2.5 leads". */
export function formatCountOf(value: number, noun: string): string {
  return `${formatCount(value)} ${value === 1 ? noun : `${noun}s`}`;
}
