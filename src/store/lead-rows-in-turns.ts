// The whole leads table read a chunk at a time, letting the event loop run between chunks. In distribution mode a
// workspace is opened by its first request while other workspaces are being served: read in one go, a SQLite store of
// 100k leads held the event loop for about 0.7 s (every other workspace's ack waited behind it); read this way the
// loop never waits more than a few milliseconds. Chunks follow the rowid, so the leads come in the order a whole read
// gives (table order).

import { backgroundTurn } from '../background-turns.js';
import type { Lead } from '../domain/types.js';
import { buildLeadFromRow, buildSharedText, SELECT_LEADS_AFTER_ROWID } from './lead-rows.js';
import { type Db, prepareCached } from './open-store.js';

/** Rows per query: small enough to stay within a turn's budget on a busy machine, enough to cost few queries. */
const CHUNK_ROWS = 500;

/** Reading before the event loop gets a turn (the same budget as a command's steps, commands/respond.ts). */
const TURN_BUDGET_MS = 4;

/** Every lead, in table order; the caller checks that nothing was written meanwhile (the read is no transaction). */
export async function readLeadsInTurns(db: Db): Promise<Lead[]> {
  const leads: Lead[] = [];
  const share = buildSharedText();
  const statement = prepareCached(db, SELECT_LEADS_AFTER_ROWID).raw(true);
  let after = 0;
  let turnStarted = performance.now();
  for (;;) {
    const rows = statement.all(after, CHUNK_ROWS) as unknown[][];
    for (const row of rows) leads.push(buildLeadFromRow(row, share));
    if (rows.length < CHUNK_ROWS) return leads;
    after = Number(rows[rows.length - 1]![20]);
    if (performance.now() - turnStarted < TURN_BUDGET_MS) continue;
    await backgroundTurn();
    turnStarted = performance.now();
  }
}

/** Leads from rows already read (Postgres reads them all at once, asynchronously), built a turn's budget at a time. */
export async function buildLeadsInTurns(rows: readonly (readonly unknown[])[]): Promise<Lead[]> {
  const leads: Lead[] = [];
  const share = buildSharedText();
  let turnStarted = performance.now();
  for (const row of rows) {
    leads.push(buildLeadFromRow(row, share));
    if (leads.length % 100 !== 0 || performance.now() - turnStarted < TURN_BUDGET_MS) continue;
    await backgroundTurn();
    turnStarted = performance.now();
  }
  return leads;
}
