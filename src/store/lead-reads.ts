// Reads behind commands and metrics: fuzzy company lookup, type-ahead lists, and the full dataset snapshot.

import { isValidNewSourceSlug, resolveSource } from '../domain/catalog.js';
import { decideCompanyMatch, matchCompanies, normalizeCompany } from '../domain/fuzzy.js';
import type { Actor, Dataset, Lead } from '../domain/types.js';
import { StoreError } from './errors.js';
import { readLead, readLeads } from './lead-rows.js';
import { type Db, prepareCached } from './open-store.js';
import { readAllSpend, readAllTargets } from './plan-rows.js';

export type CompanyResolution = { kind: 'exact'; lead: Lead } | { kind: 'ambiguous'; leads: Lead[] } | { kind: 'none' };

interface CompanyCandidate {
  id: string;
  company: string;
}

const readCache = new WeakMap<Db, Map<string, { version: string; value: unknown }>>();

/**
 * A read that scans every lead, kept until the data changes: total_changes() moves with this connection's writes,
 * data_version with other connections' commits (the digest script, a second process). Checking both costs microseconds,
 * a scan of 100k rows far more, and type-ahead asks on every keystroke.
 */
function readWhileUnchanged<T>(db: Db, name: string, compute: () => T): T {
  const version = String(
    prepareCached(db, "SELECT total_changes() || ':' || data_version FROM pragma_data_version").pluck(true).get(),
  );
  let cache = readCache.get(db);
  if (!cache) {
    cache = new Map();
    readCache.set(db, cache);
  }
  const hit = cache.get(name);
  if (hit && hit.version === version) return hit.value as T;
  const value = compute();
  cache.set(name, { version, value });
  return value;
}

function readCompanyCandidates(db: Db): readonly CompanyCandidate[] {
  return readWhileUnchanged(
    db,
    'companies',
    () => prepareCached(db, 'SELECT id, company FROM leads').all() as CompanyCandidate[],
  );
}

/** A lead id typed as is ('L-000042', any case). */
function readLeadById(db: Db, text: string): Lead | null {
  return /^l-\d+$/i.test(text) ? readLead(db, text.toUpperCase()) : null;
}

export function findLeads(db: Db, text: string, limit: number): { lead: Lead; score: number }[] {
  const query = text.trim();
  if (query === '') return [];
  const results: { lead: Lead; score: number }[] = [];
  const byId = readLeadById(db, query);
  if (byId) results.push({ lead: byId, score: 1 });
  for (const match of matchCompanies(query, readCompanyCandidates(db), { limit })) {
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
  const decision = decideCompanyMatch(matchCompanies(query, readCompanyCandidates(db), { limit: 5 }));
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

/** Every campaign name in use (leads, touches, spend), sorted, for type-ahead. */
export function listCampaigns(db: Db, prefix = ''): string[] {
  const sql = `SELECT campaign FROM leads WHERE campaign IS NOT NULL
    UNION SELECT json_extract(touch.value, '$.campaign') FROM leads, json_each(leads.touches) AS touch
      WHERE leads.touches <> '[]' AND json_extract(touch.value, '$.campaign') IS NOT NULL
    UNION SELECT campaign FROM spend WHERE campaign IS NOT NULL
    ORDER BY 1`;
  const all = readWhileUnchanged(db, 'campaigns', () => prepareCached(db, sql).pluck(true).all() as string[]);
  const wanted = prefix.trim().toLowerCase();
  return wanted === '' ? [...all] : all.filter((campaign) => campaign.toLowerCase().startsWith(wanted));
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
  const inserted = prepareCached(db, 'INSERT OR IGNORE INTO sources (slug, added_by, added_at) VALUES (?, ?, ?)').run(
    clean,
    actor.id,
    now,
  );
  if (inserted.changes === 0) throw new StoreError('duplicate', `${clean} was already added`);
  return clean;
}

/** The snapshot metrics read. Leads come through raw rows and one tight loop (100k leads in well under 400 ms). */
export function readDataset(db: Db): Dataset {
  const read = db.transaction(() => ({ leads: readLeads(db), spend: readAllSpend(db), targets: readAllTargets(db) }));
  return read();
}
