// Phone numbers compared in E.164, whatever way a person or a call-tracking tool wrote them ("+1 555 010 2000",
// "(555) 010-2000", "tel:+1-555-010-2000"). Parsing is libphonenumber-js's: a hand-written parser gets trunk
// prefixes, extensions and national formats wrong.

import { type CountryCode, isSupportedCountry, parsePhoneNumberWithError } from 'libphonenumber-js';
import type { Parsed } from '../domain/types.js';

/** The country a number without a leading + or country code is read in (PHONE_REGION, default US). */
export const DEFAULT_PHONE_REGION = 'US';

export function isPhoneRegion(region: string): boolean {
  return isSupportedCountry(region);
}

/**
 * A number in E.164 ('+15550102000'). "Possible" (the right length for its country) is the bar, not "valid": the
 * numbers reserved for fiction and tests (555-01xx) are not valid in the numbering plan, and call-tracking numbers
 * are sometimes ranges the metadata has not caught up with.
 */
export function parsePhoneNumber(text: string, region: string = DEFAULT_PHONE_REGION): Parsed<string> {
  const key = `${region}\u0000${text}`;
  const known = parsedNumbers.get(key);
  if (known !== undefined) return known;
  const parsed = parseUncached(text, region);
  if (parsedNumbers.size >= PARSED_NUMBERS_KEPT) parsedNumbers.clear();
  parsedNumbers.set(key, parsed);
  return parsed;
}

/**
 * A parse costs a tenth of a millisecond or more, about a third of the webhook's own work, and the same few tracking
 * numbers arrive on every call: answers are kept, a bounded number of them (forgotten all at once when full).
 */
const PARSED_NUMBERS_KEPT = 1_000;
const parsedNumbers = new Map<string, Parsed<string>>();

function parseUncached(text: string, region: string): Parsed<string> {
  const trimmed = text.trim().replace(/^tel:/i, '');
  const country = (isSupportedCountry(region) ? region : DEFAULT_PHONE_REGION) as CountryCode;
  if (trimmed === '') return { ok: false, error: 'the phone number is empty' };
  try {
    const parsed = parsePhoneNumberWithError(trimmed, country);
    if (parsed.isPossible()) return { ok: true, value: parsed.number };
  } catch {
    // Not a phone number at all: answered below like an impossible one.
  }
  return { ok: false, error: `"${trimmed}" is not a phone number (e.g. +1 555 010 2000)` };
}

/** '+1 555 010 2000': E.164 spaced the international way, for people. */
export function formatPhoneNumber(e164: string): string {
  try {
    return parsePhoneNumberWithError(e164).formatInternational();
  } catch {
    return e164;
  }
}
