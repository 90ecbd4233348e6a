import { describe, expect, it } from 'vitest';
import {
  isValidNewSourceSlug,
  normalizeCampaign,
  normalizeSlug,
  resolveSource,
  SOURCE_SLUGS,
  sourceLabel,
} from '../../src/domain/catalog.js';

describe('the catalog', () => {
  it('holds the twelve sources of the design, in order', () => {
    expect(SOURCE_SLUGS).toEqual([
      'thomasnet',
      'google-ads',
      'linkedin',
      'organic-search',
      'referral',
      'trade-show',
      'email',
      'webinar',
      'website',
      'directory',
      'other',
      'unknown',
    ]);
  });

  it('every slug resolves to itself and has a label', () => {
    for (const slug of SOURCE_SLUGS) {
      expect(resolveSource(slug)).toEqual({ kind: 'exact', slug });
      expect(sourceLabel(slug)).not.toBe('');
    }
    expect(sourceLabel('google-ads')).toBe('Google Ads');
    expect(sourceLabel('organic-search')).toBe('Organic search');
  });
});

describe('normalizeSlug', () => {
  it.each([
    ['  Trade Show ', 'trade-show'],
    ['Trade_Show', 'trade-show'],
    ['Spring Expo 2026!', 'spring-expo-2026'],
    ['Référral', 'referral'],
    ['q4 -- google  ads', 'q4-google-ads'],
    ["don't know", 'dont-know'],
  ])('%j → %j', (text, expected) => {
    expect(normalizeSlug(text)).toBe(expected);
  });
});

describe('resolveSource', () => {
  it.each([
    ['thomas net', 'thomasnet'],
    ['TNET', 'thomasnet'],
    ['thomas', 'thomasnet'],
    ['google', 'google-ads'],
    ['AdWords', 'google-ads'],
    ['ppc', 'google-ads'],
    ['gads', 'google-ads'],
    ['Google Ads', 'google-ads'],
    ['googleads', 'google-ads'],
    ['seo', 'organic-search'],
    ['organic', 'organic-search'],
    ['google organic', 'organic-search'],
    ['expo', 'trade-show'],
    ['tradeshow', 'trade-show'],
    ['trade show', 'trade-show'],
    ['show', 'trade-show'],
    ['fair', 'trade-show'],
    ['word of mouth', 'referral'],
    ['ref', 'referral'],
    ['li', 'linkedin'],
    ['Linked In', 'linkedin'],
    ['web', 'website'],
    ['site', 'website'],
    ['e-mail', 'email'],
    ['dunno', 'unknown'],
    ['?', 'unknown'],
    ['n/a', 'unknown'],
    ['none', 'unknown'],
    ["don't know", 'unknown'],
  ])('%j is %s', (text, slug) => {
    expect(resolveSource(text)).toEqual({ kind: 'exact', slug });
  });

  it('a typo is never taken as a source: it gets suggestions, closest first', () => {
    expect(resolveSource('thomasnt')).toEqual({ kind: 'suggest', input: 'thomasnt', suggestions: ['thomasnet'] });
    expect(resolveSource('gogle ads')).toEqual({ kind: 'suggest', input: 'gogle ads', suggestions: ['google-ads'] });
    // webinar: 1 edit in 7 (0.86); website through its alias "web": 3 edits in 6 (0.5).
    expect(resolveSource('webnar')).toEqual({ kind: 'suggest', input: 'webnar', suggestions: ['webinar', 'website'] });
  });

  it('nothing alike gets no suggestion, and empty input is not "unknown"', () => {
    expect(resolveSource('xyz123')).toEqual({ kind: 'suggest', input: 'xyz123', suggestions: [] });
    expect(resolveSource('   ')).toEqual({ kind: 'suggest', input: '', suggestions: [] });
  });

  it('at most three suggestions', () => {
    const match = resolveSource('webs', ['webshop', 'webstore', 'websale']);
    expect(match.kind).toBe('suggest');
    if (match.kind === 'suggest') expect(match.suggestions).toHaveLength(3);
  });

  it('team sources are exact when typed and suggested when misspelt', () => {
    const team = ['spring-mailer', 'partner-portal'];
    expect(resolveSource('Spring Mailer', team)).toEqual({ kind: 'exact', slug: 'spring-mailer' });
    expect(resolveSource('sprng mailer', team)).toEqual({
      kind: 'suggest',
      input: 'sprng mailer',
      suggestions: ['spring-mailer'],
    });
    expect(resolveSource('spring-mailer')).toEqual({ kind: 'suggest', input: 'spring-mailer', suggestions: [] });
  });
});

describe('new sources and campaigns', () => {
  it('isValidNewSourceSlug wants 2–40 of a–z, 0–9 and inner dashes, and nothing the catalog already knows', () => {
    expect(isValidNewSourceSlug('spring-mailer')).toBe(true);
    expect(isValidNewSourceSlug('x2')).toBe(true);
    expect(isValidNewSourceSlug('a'.repeat(40))).toBe(true);
    expect(isValidNewSourceSlug('a'.repeat(41))).toBe(false);
    expect(isValidNewSourceSlug('x')).toBe(false);
    expect(isValidNewSourceSlug('Spring')).toBe(false);
    expect(isValidNewSourceSlug('-spring')).toBe(false);
    expect(isValidNewSourceSlug('spring mailer')).toBe(false);
    expect(isValidNewSourceSlug('webinar')).toBe(false); // a catalog slug
    expect(isValidNewSourceSlug('ppc')).toBe(false); // an alias: it would always resolve to google-ads
  });

  it('team sources read as words', () => {
    expect(sourceLabel('spring-mailer')).toBe('Spring mailer');
  });

  it('normalizeCampaign makes a slug or says the right form', () => {
    expect(normalizeCampaign('Spring Expo 2026')).toEqual({ ok: true, value: 'spring-expo-2026' });
    expect(normalizeCampaign('q4_google_ads')).toEqual({ ok: true, value: 'q4-google-ads' });
    const tooShort = normalizeCampaign('x');
    expect(tooShort.ok).toBe(false);
    if (!tooShort.ok) expect(tooShort.error).toContain('like spring-expo or q4-google-ads');
    expect(normalizeCampaign('a'.repeat(61)).ok).toBe(false);
    expect(normalizeCampaign('!!!').ok).toBe(false);
  });
});
