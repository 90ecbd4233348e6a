// Reads behind commands and metrics: fuzzy company lookup, type-ahead lists, and the full dataset snapshot.

import { isValidNewSourceSlug, resolveSource } from '../domain/catalog.js';
import { decideCompanyMatch, normalizeCompany } from '../domain/fuzzy.js';
import { runAllSteps, type Steps } from '../domain/steps.js';
import type { Actor, Dataset, Lead } from '../domain/types.js';
import { runTransaction } from './change-feed.js';
import { StoreError } from './errors.js';
import { readMergedInto } from './lead-merge.js';
import { readCompanyIndex, readLeadCampaigns } from './lead-names.js';
import { readLead, readLeads } from './lead-rows.js';
import { type Db, prepareCached } from './open-store.js';
import { readAllSpend, readAllTargets, readAllVisits } from './plan-rows.js';

export type CompanyResolution = { kind: 'exact'; lead: Lead } | { kind: 'ambiguous'; leads: Lead[] } | { kind: 'none' };

/** A lead id typed as is ('L-000042', any case); the id of a lead merged away means the lead it was merged into. */
function readLeadById(db: Db, text: string): Lead | null {
  if (!/^l-\d+$/i.test(text)) return null;
  const id = text.toUpperCase();
  return readLead(db, id) ?? readLead(db, readMergedInto(db, id) ?? id);
}

export function findLeads(db: Db, text: string, limit: number): { lead: Lead; score: number }[] {
  return runAllSteps(findLeadsInSteps(db, text, limit));
}

/** findLeads in steps (src/domain/steps.ts): a long search over 100k names takes tens of milliseconds. */
export function* findLeadsInSteps(db: Db, text: string, limit: number): Steps<{ lead: Lead; score: number }[]> {
  const query = text.trim();
  if (query === '') return [];
  const results: { lead: Lead; score: number }[] = [];
  const byId = readLeadById(db, query);
  if (byId) results.push({ lead: byId, score: 1 });
  const matches = yield* readCompanyIndex(db).matchInSteps(query, limit);
  for (const match of matches) {
    if (match.candidate.id === byId?.id) continue;
    const lead = readLead(db, match.candidate.id);
    if (lead) results.push({ lead, score: match.score });
  }
  return results.slice(0, limit);
}

/**
 * The lead a person means by `text`: its id, the one lead whose normalized name is equal, or the fuzzy decision
 * (several equal names are ambiguous: the person picks).
 */
export function resolveCompany(db: Db, text: string): CompanyResolution {
  const query = text.trim();
  if (query === '') return { kind: 'none' };
  const byId = readLeadById(db, query);
  if (byId) return { kind: 'exact', lead: byId };
  const normalized = normalizeCompany(query);
  const equal = normalized === '' ? [] : readLeads(db, 'WHERE company_norm = ? ORDER BY id', normalized);
  if (equal.length === 1) return { kind: 'exact', lead: equal[0]! };
  if (equal.length > 1) return { kind: 'ambiguous', leads: equal };
  const decision = decideCompanyMatch(readCompanyIndex(db).match(query, 5));
  if (decision.kind === 'none') return decision;
  if (decision.kind === 'exact') {
    const lead = readLead(db, decision.candidate.id);
    return lead ? { kind: 'exact', lead } : { kind: 'none' };
  }
  const leads = decision.candidates.flatMap((candidate) => readLead(db, candidate.id) ?? []);
  return leads.length > 0 ? { kind: 'ambiguous', leads } : { kind: 'none' };
}

export function listLeads(db: Db): Lead[] {
  return readLeads(db, 'ORDER BY id');
}

/** Code-point order, as SQLite's ORDER BY sorts text. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every campaign name in use (leads, touches, spend), sorted, for type-ahead. */
export function listCampaigns(db: Db, prefix = ''): string[] {
  const spent = prepareCached(db, 'SELECT DISTINCT campaign FROM spend WHERE campaign IS NOT NULL').pluck(true).all();
  const all = [...new Set([...readLeadCampaigns(db), ...(spent as string[])])].sort(compareText);
  const wanted = prefix.trim().toLowerCase();
  return wanted === '' ? all : all.filter((campaign) => campaign.toLowerCase().startsWith(wanted));
}

export function listCustomSources(db: Db): string[] {
  return prepareCached(db, 'SELECT slug FROM sources ORDER BY slug').pluck(true).all() as string[];
}

/** A team-added source: a new slug (never a catalog one) that later `/lead source` answers match exactly. */
export function insertCustomSource(db: Db, slug: string, actor: Actor, now: number): string {
  const clean = slug.trim().toLowerCase();
  const known = resolveSource(clean);
  if (known.kind === 'exact') throw new StoreError('duplicate', `${clean} is already a source (${known.slug})`);
  if (!isValidNewSourceSlug(clean)) {
    throw new StoreError('invalid', `"${clean}" is not a valid source name: use 2–40 letters, digits or dashes`);
  }
  const inserted = prepareCached(
    db,
    'INSERT INTO sources (slug, added_by, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  ).run(clean, actor.id, now);
  if (inserted.changes === 0) throw new StoreError('duplicate', `${clean} was already added`);
  return clean;
}

/** The snapshot metrics read. Leads come through raw rows and one tight loop (100k leads in well under 400 ms). */
export function readDataset(db: Db): Dataset {
  return runTransaction(
    db,
    () => ({
      // Table order: free on SQLite, and Postgres's `rowid` column keeps the same order (pg-schema.ts).
      leads: readLeads(db, 'ORDER BY rowid'),
      spend: readAllSpend(db),
      targets: readAllTargets(db),
      visits: readAllVisits(db),
    }),
    'read',
  );
}
