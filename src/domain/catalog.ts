// The source catalog: where leads come from, with the words reps actually type for each. A typo is answered with
// suggestions, never stored as a new source.

import { createEditScratch, editSimilarity } from './edit-distance.js';
import type { Parsed } from './types.js';

interface CatalogEntry {
  slug: string;
  label: string;
  aliases: readonly string[];
}

const CATALOG: readonly CatalogEntry[] = [
  {
    slug: 'thomasnet',
    label: 'Thomasnet',
    aliases: ['thomas net', 'tnet', 'thomas', 'thomasnet.com', 'thomas register'],
  },
  {
    slug: 'google-ads',
    label: 'Google Ads',
    aliases: ['google', 'adwords', 'ppc', 'gads', 'sem', 'paid search', 'google ppc', 'cpc'],
  },
  { slug: 'linkedin', label: 'LinkedIn', aliases: ['li', 'linked in', 'linkedin ads'] },
  {
    slug: 'organic-search',
    label: 'Organic search',
    aliases: ['seo', 'organic', 'google organic', 'search', 'search engine', 'bing'],
  },
  {
    slug: 'referral',
    label: 'Referral',
    aliases: ['word of mouth', 'ref', 'wom', 'referred', 'recommendation', 'customer referral'],
  },
  {
    slug: 'trade-show',
    label: 'Trade show',
    aliases: ['expo', 'tradeshow', 'trade show', 'show', 'fair', 'trade fair', 'exhibition', 'booth'],
  },
  { slug: 'email', label: 'Email', aliases: ['e-mail', 'mail', 'newsletter', 'email campaign', 'mailing'] },
  { slug: 'webinar', label: 'Webinar', aliases: ['webcast', 'web seminar', 'online event'] },
  { slug: 'website', label: 'Website', aliases: ['web', 'site', 'web site', 'homepage', 'contact form'] },
  { slug: 'directory', label: 'Directory', aliases: ['directories', 'listing', 'yellow pages', 'catalog'] },
  { slug: 'other', label: 'Other', aliases: ['misc', 'something else'] },
  {
    slug: 'unknown',
    label: 'Unknown',
    aliases: ['dunno', 'n/a', 'na', 'none', "don't know", 'idk', 'not sure', 'unsure', 'no idea'],
  },
];

export const SOURCE_SLUGS: readonly string[] = CATALOG.map((entry) => entry.slug);

/** Lowercase, accents off, spaces and underscores to '-', other punctuation dropped: "Trade Show!" → "trade-show". */
export function normalizeSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim()
    .replace(/[\s_]+/g, '-')
    .replace(/[^a-z0-9-]/g, '')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
}

/** Dashes off too, so "tradeshow", "trade-show" and "trade show" meet. */
const compactSlug = (text: string) => normalizeSlug(text).replaceAll('-', '');

/** Every written form of every catalog source, compacted, to its slug. */
const CATALOG_FORMS: ReadonlyMap<string, string> = new Map(
  CATALOG.flatMap((entry) => [entry.slug, ...entry.aliases].map((form) => [compactSlug(form), entry.slug] as const)),
);

/** Forms that normalize to nothing but still say "nobody knows". */
const UNKNOWN_MARKS = /^\s*[?\-–—]+\s*$/;

export type SourceMatch = { kind: 'exact'; slug: string } | { kind: 'suggest'; input: string; suggestions: string[] };

const SUGGESTION_FLOOR = 0.5;
const MAX_SUGGESTIONS = 3;

function closestSources(form: string, extraSources: readonly string[]): string[] {
  if (form === '') return [];
  const best = new Map<string, number>();
  const scratch = createEditScratch();
  const consider = (written: string, slug: string) => {
    const score = editSimilarity(form, compactSlug(written), scratch);
    if (score >= SUGGESTION_FLOOR && score > (best.get(slug) ?? 0)) best.set(slug, score);
  };
  for (const entry of CATALOG) for (const written of [entry.slug, ...entry.aliases]) consider(written, entry.slug);
  for (const extra of extraSources) consider(extra, extra);
  return [...best]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_SUGGESTIONS)
    .map(([slug]) => slug);
}

/**
 * The catalog or team source a person meant: exact when the text is a slug or an alias (spacing and case aside),
 * otherwise up to three close suggestions for them to pick from.
 */
export function resolveSource(text: string, extraSources: readonly string[] = []): SourceMatch {
  if (UNKNOWN_MARKS.test(text)) return { kind: 'exact', slug: 'unknown' };
  const form = compactSlug(text);
  const known = CATALOG_FORMS.get(form);
  if (known) return { kind: 'exact', slug: known };
  const extra = extraSources.find((source) => compactSlug(source) === form);
  if (extra && form !== '') return { kind: 'exact', slug: extra };
  return { kind: 'suggest', input: text.trim(), suggestions: closestSources(form, extraSources) };
}

/** "Google Ads" for catalog sources; team sources read from their slug: "spring-mailer" → "Spring mailer". */
export function sourceLabel(slug: string): string {
  const entry = CATALOG.find((candidate) => candidate.slug === slug);
  if (entry) return entry.label;
  const words = slug.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Whether a team may add this slug as a new source: 2–40 of a–z, 0–9 and single inner dashes, and not already a
 * catalog source or alias (an alias would never be reachable: it resolves to its catalog source first).
 */
export function isValidNewSourceSlug(slug: string): boolean {
  if (slug.length < 2 || slug.length > 40 || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) return false;
  return !CATALOG_FORMS.has(compactSlug(slug));
}

/** A campaign name in slug form: "Spring Expo 2026" → "spring-expo-2026". */
export function normalizeCampaign(text: string): Parsed<string> {
  const slug = normalizeSlug(text);
  if (slug.length >= 2 && slug.length <= 60) return { ok: true, value: slug };
  const shown = text.trim() === '' ? 'An empty campaign name' : `"${text.trim()}"`;
  return {
    ok: false,
    error: `${shown} does not make a campaign name: use 2–60 letters, digits or dashes, like spring-expo or q4-google-ads.`,
  };
}
