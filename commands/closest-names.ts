// "Did you mean": the known names closest to what someone typed, for campaigns (the catalog answers for sources).

import { normalizeSlug, SOURCE_SLUGS } from '../src/domain/catalog.js';
import { createEditScratch, editSimilarity } from '../src/domain/edit-distance.js';

const CLOSE_ENOUGH = 0.5;

/** Up to `limit` names from `known`, most similar first; a name containing the typed text counts as close. */
export function computeClosestNames(typed: string, known: readonly string[], limit = 3): string[] {
  const form = normalizeSlug(typed);
  if (form === '') return [];
  const scratch = createEditScratch();
  return known
    .map((name) => {
      const slug = normalizeSlug(name);
      const contains = (form.length >= 3 && slug.includes(form)) || (slug.length >= 3 && form.includes(slug));
      return { name, score: Math.max(editSimilarity(form, slug, scratch), contains ? 0.75 : 0) };
    })
    .filter((candidate) => candidate.score >= CLOSE_ENOUGH)
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((candidate) => candidate.name);
}

/** Every catalog source, for replies to a source nobody recognises. */
export const SOURCE_HINT = `Sources I know: ${SOURCE_SLUGS.join(', ')}.`;

/** What to suggest for an unknown source: the closest matches, or the whole catalog when nothing is close. */
export function buildUnknownSourceHint(suggestions: readonly string[]): string {
  return suggestions.length > 0 ? `Did you mean ${suggestions.join(', ')}?` : SOURCE_HINT;
}
