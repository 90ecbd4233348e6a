import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { countRows, openTempStore, sqliteOf, type TempStore } from './store-fixtures.js';

const WRITER = fileURLToPath(new URL('./fixtures/crash-writer.ts', import.meta.url));

let t: TempStore | undefined;
afterEach(() => t?.cleanup());

/** Starts the writer on `file`, lets it commit at least `changes` changes, then kills it without warning. */
function runAndKill(file: string, changes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let committed = 0;
    let errors = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      committed += chunk.split('\n').length - 1;
      if (committed >= changes && !child.killed) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      errors += chunk;
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(committed);
      else reject(new Error(`writer exited on its own: ${errors}`));
    });
  });
}

describe('a process killed mid-change', () => {
  it('leaves no half change: every lead has its events, every event its outbox row', async () => {
    t = openTempStore();
    t.store.close();
    const reported = await runAndKill(t.file, 400);
    t = t.reopen();
    const { db } = t.store;
    expect(sqliteOf(db).pragma('quick_check', { simple: true })).toBe('ok');

    const leadEvents = countRows(t.store, 'lead_events');
    const planEvents = countRows(t.store, 'plan_events');
    // Every change the writer reported was committed (more may have committed before its line was read).
    expect(leadEvents + planEvents).toBeGreaterThanOrEqual(reported);
    expect(countRows(t.store, 'outbox', "entity = 'lead'")).toBe(leadEvents);
    expect(countRows(t.store, 'outbox', "entity = 'spend'")).toBe(planEvents);

    const leads = t.leads.listLeads();
    expect(leads.length).toBeGreaterThan(10);
    for (const lead of leads) {
      const events = t.leads.leadEvents(lead.id);
      expect(events[0]?.kind).toBe('create');
      // The stored stage is the one the last stage event wrote: the row and its history agree.
      const lastStage = events.findLast((event) => event.after.stage !== undefined);
      expect(lastStage?.after.stage).toBe(lead.stage);
      expect(events.at(-1)?.recordedAt).toBe(lead.updatedAt);
    }
    const orphans = countRows(t.store, 'lead_events', 'lead_id NOT IN (SELECT id FROM leads)');
    expect(orphans).toBe(0);
  });
});
