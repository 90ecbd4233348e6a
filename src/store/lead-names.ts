// The names behind type-ahead and company lookup — every lead's company and the campaigns it names — kept in
// memory and patched lead by lead, as dataset-cache.ts does for the metrics. Re-reading 100k rows after each change
// took longer than the change itself; now a change costs one row read on the next lookup. The index hears of changes
// from the store's change feed (change-feed.ts); a lookup inside a transaction also patches in what that transaction
// wrote so far, keeping it marked since it may still roll back. What another connection committed comes from
// other-writers.ts: read again whole on SQLite, patched lead by lead on Postgres.

import { backgroundTurn } from '../background-turns.js';
import { CompanyIndex } from '../domain/company-index.js';
import type { Snapshot } from '../domain/snapshot.js';
import type { Lead, Touch } from '../domain/types.js';
import { readPendingChanges, readUncommittedChanges, subscribeChanges } from './change-feed.js';
import { readCachedDataset } from './dataset-cache.js';
import { type Db, prepareCached } from './open-store.js';
import { markOthers, type OthersMark, readOthersChanges } from './other-writers.js';
import { inJsonList } from './sql/dialect.js';

interface LeadNames {
  othersMark: OthersMark;
  /** Companies in table order: a rewritten row (INSERT OR REPLACE) moves to the end, as it does in the table. */
  companies: CompanyIndex;
  /** The campaigns each lead names (its own and its touches'), and how many leads name each one. */
  campaignsOf: Map<string, string | readonly string[]>;
  leadsPerCampaign: Map<string, number>;
  dirtyLeads: Set<string>;
}

type NameRow = [id: string, company: string, campaign: string | null, touches: string];

/** Past this many changed leads a whole read is cheaper than patching one by one. */
const PATCH_LIMIT = 5_000;
const SELECT_NAMES = 'SELECT id, company, campaign, touches FROM leads';
/** Table order, which Postgres only keeps when asked (its `rowid` column plays SQLite's). */
const SELECT_ALL_NAMES = `${SELECT_NAMES} ORDER BY rowid`;

const caches = new WeakMap<Db, LeadNames>();

/** Names being built from leads already read, a step at a time after start, until a lookup needs them whole. */
interface NamesBuild {
  names: LeadNames;
  leads: readonly Lead[];
  next: number;
  /** The steps under way, once asked for. */
  running?: Promise<void>;
}

const builds = new WeakMap<Db, NamesBuild>();
/**
 * How long one step of a build in the background may hold the event loop: as long as the reads in turns of
 * lead-rows-in-turns.ts. Fixed counts held it 10-30 ms a step on a busy machine (2,000 leads), and in distribution
 * mode two workspaces opening at once put two steps between other workspaces' acks.
 */
const STEP_MS = 4;
/** Leads added between two looks at the clock. */
const LEADS_PER_LOOK = 100;

const followed = new WeakSet<Db>();

function followChanges(db: Db): void {
  if (followed.has(db)) return;
  followed.add(db);
  subscribeChanges(db, (event) => {
    for (const names of [caches.get(db), builds.get(db)?.names]) {
      if (names) for (const id of event.leadIds) names.dirtyLeads.add(id);
    }
  });
}

/** The campaigns a lead names: its own, then its touches', each once. */
function collectCampaigns(campaign: string | null, touches: readonly Touch[]): string[] {
  const named = new Set<string>();
  if (campaign !== null) named.add(campaign);
  for (const touch of touches) if (touch.campaign) named.add(touch.campaign);
  return [...named];
}

function parseCampaigns(campaign: string | null, touches: string): string[] {
  return collectCampaigns(campaign, touches === '[]' ? [] : (JSON.parse(touches) as Touch[]));
}

function countCampaigns(names: LeadNames, id: string, campaigns: readonly string[], step: 1 | -1): void {
  for (const campaign of campaigns) {
    const count = (names.leadsPerCampaign.get(campaign) ?? 0) + step;
    if (count > 0) names.leadsPerCampaign.set(campaign, count);
    else names.leadsPerCampaign.delete(campaign);
  }
  // Most leads name one campaign: kept as the string itself, not an array of one (a few MB at 100k leads).
  if (step === 1 && campaigns.length > 0) names.campaignsOf.set(id, campaigns.length === 1 ? campaigns[0]! : campaigns);
  if (step === -1) names.campaignsOf.delete(id);
}

function readCampaignsOf(names: LeadNames, id: string): readonly string[] {
  const campaigns = names.campaignsOf.get(id);
  if (campaigns === undefined) return [];
  return typeof campaigns === 'string' ? [campaigns] : campaigns;
}

function addRow(names: LeadNames, [id, company, campaign, touches]: NameRow): void {
  names.companies.upsert({ id, company });
  countCampaigns(names, id, parseCampaigns(campaign, touches), 1);
}

function emptyLeadNames(othersMark: OthersMark, dirtyLeads: Set<string>, expected = 0): LeadNames {
  const companies = new CompanyIndex([], expected);
  return { othersMark, companies, campaignsOf: new Map(), leadsPerCampaign: new Map(), dirtyLeads };
}

function buildLeadNames(db: Db): LeadNames {
  const names = emptyLeadNames(markOthers(db), new Set());
  for (const row of prepareCached(db, SELECT_ALL_NAMES).raw(true).iterate() as IterableIterator<NameRow>) {
    addRow(names, row);
  }
  return names;
}

/**
 * Starts the names from leads already read (the cold start reads them once, for the snapshot too), with the
 * other-writers mark taken before that read: a step at a time, yielding to the event loop between steps, so the
 * process answers meanwhile. A lookup before the last step finishes the build first (readLeadNames): it waits a
 * little, never answers from part of the names. Resolves once the names are whole.
 */
export async function primeLeadNamesInSteps(db: Db, leads: readonly Lead[], othersMark: OthersMark): Promise<void> {
  deferLeadNames(db, leads, othersMark);
  await buildLeadNamesInSteps(db);
}

/**
 * Starts the names from leads already read, as primeLeadNamesInSteps, without building any yet: a workspace opened
 * for a `/roi` or a digest never looks a company up, and the index is a third of an open's work. Until they are built
 * (buildLeadNamesInSteps, or at once by the first lookup), the campaigns are read from the snapshot instead.
 */
export function deferLeadNames(db: Db, leads: readonly Lead[], othersMark: OthersMark): void {
  followChanges(db);
  const names = emptyLeadNames(othersMark, caches.get(db)?.dirtyLeads ?? new Set(), leads.length);
  builds.set(db, { names, leads, next: 0 });
}

/** Builds the names a step at a time (as primeLeadNamesInSteps), if a build is waiting; resolves once they are whole. */
export async function buildLeadNamesInSteps(db: Db): Promise<void> {
  const build = builds.get(db);
  if (build === undefined) return;
  if (build.running !== undefined) return build.running;
  build.running = runBuildSteps(db, build);
  return build.running;
}

async function runBuildSteps(db: Db, build: NamesBuild): Promise<void> {
  const { leads } = build;
  while (builds.get(db) === build && build.next < leads.length) {
    const stepEnds = performance.now() + STEP_MS;
    do addLeads(build, LEADS_PER_LOOK);
    while (build.next < leads.length && performance.now() < stepEnds);
    await backgroundTurn();
  }
  if (builds.get(db) === build) finishBuild(db);
}

/** Whether the names are still being built in the background (a lookup now finishes the build first). */
export function isBuildingLeadNames(db: Db): boolean {
  return builds.has(db);
}

function addLeads(build: NamesBuild, count: number): void {
  const end = Math.min(build.leads.length, build.next + count);
  for (let at = build.next; at < end; at++) {
    const lead = build.leads[at]!;
    build.names.companies.upsert({ id: lead.id, company: lead.company });
    countCampaigns(build.names, lead.id, collectCampaigns(lead.campaign, lead.touches), 1);
  }
  build.next = end;
}

function finishBuild(db: Db): void {
  const build = builds.get(db);
  if (!build) return;
  addLeads(build, build.leads.length);
  builds.delete(db);
  caches.set(db, build.names);
}

function patchLeadNames(db: Db, names: LeadNames): void {
  const rows = prepareCached(db, `${SELECT_NAMES} WHERE ${inJsonList(db, 'id')}`)
    .raw(true)
    .all(JSON.stringify([...names.dirtyLeads])) as NameRow[];
  const byId = new Map(rows.map((row) => [row[0], row]));
  for (const id of names.dirtyLeads) {
    names.companies.remove(id);
    countCampaigns(names, id, readCampaignsOf(names, id), -1);
    const row = byId.get(id);
    if (row) addRow(names, row);
  }
  // What stays marked: what the open transaction wrote, which may still roll back; every other row read is committed
  // (keeping those marked too patched every change since start again at each read inside a transaction).
  const uncommitted = readUncommittedChanges(db);
  if (uncommitted !== null) names.dirtyLeads = new Set(uncommitted.leadIds);
}

function readLeadNames(db: Db): LeadNames {
  followChanges(db);
  finishBuild(db);
  let names = caches.get(db);
  const others = names ? readOthersChanges(db, names.othersMark) : null;
  if (names && others) {
    names.othersMark = others.mark;
    if (others.changes.kind === 'some') for (const id of others.changes.leadIds) names.dirtyLeads.add(id);
  }
  if (!names || others?.changes.kind === 'all' || names.dirtyLeads.size > PATCH_LIMIT) {
    names = buildLeadNames(db);
    // What the open transaction wrote may still roll back: kept marked, to be read again once it ends.
    const uncommitted = readUncommittedChanges(db);
    if (uncommitted !== null) {
      for (const id of uncommitted.leadIds) names.dirtyLeads.add(id);
      caches.set(db, names);
    }
    return names;
  }
  for (const id of readPendingChanges(db)?.leadIds ?? []) names.dirtyLeads.add(id);
  if (names.dirtyLeads.size > 0) patchLeadNames(db, names);
  return names;
}

/** Every lead's company, indexed for fuzzy lookup (see company-index.ts). */
export function readCompanyIndex(db: Db): CompanyIndex {
  return readLeadNames(db).companies;
}

/** Every campaign some lead names, as its Campaign or on a touch (unsorted). */
export function readLeadCampaigns(db: Db): string[] {
  // Names not built yet (deferLeadNames): the snapshot has every lead as it is now, and a pass over it costs far less
  // than the company index would.
  if (builds.has(db)) return readSnapshotCampaigns(readCachedDataset(db));
  return [...readLeadNames(db).leadsPerCampaign.keys()];
}

/** Per snapshot (each change makes a new one), the campaigns its leads name. */
const snapshotCampaigns = new WeakMap<Snapshot, string[]>();

function readSnapshotCampaigns(snapshot: Snapshot): string[] {
  let campaigns = snapshotCampaigns.get(snapshot);
  if (campaigns === undefined) {
    const named = new Set<string>();
    for (const lead of snapshot.leads)
      for (const campaign of collectCampaigns(lead.campaign, lead.touches)) named.add(campaign);
    campaigns = [...named];
    snapshotCampaigns.set(snapshot, campaigns);
  }
  return campaigns.slice();
}
