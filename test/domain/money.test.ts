import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AMOUNT_MAX_CHARS,
  formatChange,
  formatMoney,
  formatPercent,
  formatRoi,
  isValidCurrency,
  parseMoney,
  parseMoneyUncapped,
} from '../../src/domain/money.js';

describe('parseMoney accepts the ways people write amounts', () => {
  it.each([
    ['25k', 25_000],
    ['25K', 25_000],
    ['$25,000', 25_000],
    ['25 000 €', 25_000],
    ['25\u202f000', 25_000], // narrow no-break space, as French locales print it
    ['25 000', 25_000],
    ['€1.200,50', 1_200.5], // dots group, the comma is decimal
    ['1 200,50', 1_200.5],
    ['25,5', 25.5], // comma + 1 digit at the end: decimal comma
    ['99,95', 99.95], // comma + 2 digits at the end: decimal comma
    ['1,234', 1_234], // comma + 3 digits: thousands
    ['1,234,567.89', 1_234_567.89],
    ['1.234.567', 1_234_567],
    ['1.2m', 1_200_000],
    ['1.5M', 1_500_000],
    ['1,5m', 1_500_000],
    ['1.250k', 1_250], // with a suffix the dot can only be decimal: 1.25 × 1000
    ['25 k', 25_000],
    ['USD 400', 400],
    ['400usd', 400],
    ['400 EUR', 400],
    ['$ 1,234.56', 1_234.56],
    ['£99.99', 99.99],
    ['12.50', 12.5],
    ['0', 0],
    ['9.9999', 10], // rounded to cents: 999.99 cents → 1000 cents
    ['0.005', 0.01], // 0.005 × 100 = 0.5 → rounds to 1 cent
    ['1000000000000', 1e12], // the limit itself is allowed
  ])('%j → %d', (text, expected) => {
    expect(parseMoney(text)).toEqual({ ok: true, value: expected });
  });
});

describe('parseMoney rejects with a reason and the right form', () => {
  it.each([
    ['-5', 'negative'],
    ['−5', 'negative'],
    ['$-5', 'negative'],
    ['1e309', 'scientific notation'],
    ['1e5', 'scientific notation'],
    ['2b', 'billions'],
    ['2bn', 'billions'],
    ['$', 'is not an amount'],
    ['abc', 'is not an amount'],
    ['usd', 'is not an amount'],
    ['12..3', 'is not an amount'],
    ['1,2,3', 'is not an amount'],
    ['NaN', 'is not an amount'],
    ['Infinity', 'is not an amount'],
    ['1000000000001', 'larger than 1,000,000,000,000'],
    ['2000000m', 'larger than 1,000,000,000,000'],
    ['1.200', 'ambiguous: write 1200 or 1.20'],
    ['99.999', 'ambiguous: write 99999 or 99.99'],
    ['', 'An amount is missing'],
    ['   ', 'An amount is missing'],
  ])('%j (%s)', (text, reason) => {
    const parsed = parseMoney(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toContain(reason);
    expect(parsed.error).toContain('Amounts look like 25k, $25,000 or 1.2m.');
  });
});

describe('parseMoney on text nobody types as an amount', () => {
  it('refuses more than 64 characters before reading them, saying so', () => {
    const parsed = parseMoney(`1${' '.repeat(40_000)}x`);

    expect(parsed).toEqual({
      ok: false,
      error: 'An amount is at most 64 characters; that one has 40002. Amounts look like 25k, $25,000 or 1.2m.',
    });
  });

  it('still reads an amount of exactly 64 characters', () => {
    const padded = `$${' '.repeat(AMOUNT_MAX_CHARS - 7)}25,000`;

    expect(padded).toHaveLength(64);
    expect(parseMoney(padded)).toEqual({ ok: true, value: 25_000 });
    expect(parseMoney(`${padded}0`).ok).toBe(false);
  });

  // No pattern is retried at every position of a run of spaces (which took 4 s for 40,000 of them). The inputs here
  // add up to about two million characters: read in linear time that is milliseconds, in quadratic time hours.
  it('reads long runs of spaces around digits, codes and suffixes in time linear in their length', () => {
    const spaces = fc.integer({ min: 0, max: 100_000 }).map((n) => ' '.repeat(n));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999 }), spaces, (amount, gap) => {
        expect(parseMoneyUncapped(`${amount}${gap}k`)).toEqual({ ok: true, value: amount * 1000 });
        expect(parseMoneyUncapped(`${amount}${gap}usd`)).toEqual({ ok: true, value: amount });
        const junk = parseMoneyUncapped(`${amount}${gap}x`);
        expect(
          junk.ok === false && junk.error.endsWith('is not an amount. Amounts look like 25k, $25,000 or 1.2m.'),
        ).toBe(true);
      }),
      { numRuns: 20 },
    );
  });
});

describe('formatting', () => {
  it('formatMoney drops cents on whole amounts and keeps them otherwise', () => {
    expect(formatMoney(25_000, 'USD')).toBe('$25,000');
    expect(formatMoney(99.5, 'USD')).toBe('$99.50');
    expect(formatMoney(1_250, 'EUR')).toBe('€1,250');
    expect(formatMoney(-500, 'GBP')).toBe('-£500');
  });

  it('formatMoney compact', () => {
    expect(formatMoney(25_000, 'USD', { compact: true })).toBe('$25K');
    expect(formatMoney(1_200_000, 'USD', { compact: true })).toBe('$1.2M');
    expect(formatMoney(1_250, 'USD', { compact: true })).toBe('$1.3K'); // 1.25K rounds half up to one decimal
    expect(formatMoney(999, 'USD', { compact: true })).toBe('$999');
  });

  it('formatPercent', () => {
    expect(formatPercent(0.42)).toBe('42%');
    expect(formatPercent(0.4267, 1)).toBe('42.7%');
    expect(formatPercent(1.5)).toBe('150%');
    expect(formatPercent(null)).toBe('—');
  });

  it('formatRoi signs with a real minus', () => {
    expect(formatRoi(2.4)).toBe('+240%');
    expect(formatRoi(-0.35)).toBe('\u221235%');
    expect(formatRoi(12.5)).toBe('+1,250%');
    expect(formatRoi(0)).toBe('0%');
    expect(formatRoi(-0.001)).toBe('0%'); // −0.1% rounds to 0: no sign on nothing
    expect(formatRoi(null)).toBe('n/a');
  });

  it('formatChange', () => {
    expect(formatChange(112, 100)).toBe('▲ 12%'); // (112 − 100) / 100
    expect(formatChange(95, 100)).toBe('▼ 5%');
    expect(formatChange(0, 10)).toBe('▼ 100%');
    expect(formatChange(-50, -100)).toBe('▲ 50%'); // (−50 − −100) / |−100| = +0.5: a loss halved is up
    expect(formatChange(5, 0)).toBe('new');
    expect(formatChange(0, 0)).toBe('—');
    expect(formatChange(100, 100)).toBe('—');
    expect(formatChange(null, 100)).toBe('—');
  });

  it('isValidCurrency', () => {
    expect(isValidCurrency('EUR')).toBe(true);
    expect(isValidCurrency('dollars')).toBe(false);
  });
});
