import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { buildStoreServices } from '../../src/store/index.js';
import { type FakeNotion, startFakeNotion } from '../fakes/notion/index.js';
import { MARIA, setUpNotionDatabases, sleep } from './harness.js';

const WORKER = join(import.meta.dirname, 'fixtures', 'push-worker.ts');
const LEADS = 120;

let fake: FakeNotion | undefined;
let dir: string | undefined;
afterEach(async () => {
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function startWorker(env: Record<string, string>): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    cwd: join(import.meta.dirname, '..', '..'),
    // /dev/null, not the repo's .env: a developer's own tokens must never reach a test run.
    env: { PATH: process.env.PATH ?? '', ENV_FILE: '/dev/null', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) process.stderr.write(stderr);
      resolve(code);
    });
  });
  return { child, exited };
}

it('loses and duplicates nothing when the pushing process is killed with SIGKILL mid-way', async () => {
  fake = await startFakeNotion({ rateLimit: false });
  const { databaseIds, dataSources } = setUpNotionDatabases(fake);
  dir = mkdtempSync(join(tmpdir(), 'roi-sigkill-'));
  const services = buildStoreServices(join(dir, 'roi-runway.sqlite'));
  for (let index = 1; index <= LEADS; index += 1) {
    const lead = services.leads.createLead({ company: `Company ${index}` }, { actor: MARIA });
    if (index % 3 === 0) services.leads.moveStage(lead.id, 'sql', { actor: MARIA }, { value: index * 100 });
  }
  services.store.close();
  const env = {
    NOTION_TOKEN: fake.token,
    NOTION_API_URL: fake.url,
    NOTION_LEADS_DB: databaseIds.leadsDb,
    NOTION_SPEND_DB: databaseIds.spendDb,
    NOTION_TARGETS_DB: databaseIds.targetsDb,
    DATA_DIR: dir,
  };
  // Each answer lags 30 ms behind its write: the kill most likely lands between a create and its answer.
  fake.faults.slow(30);

  const first = startWorker(env);
  const deadline = Date.now() + 20_000;
  while (fake.rows(dataSources.lead).length < 40 && Date.now() < deadline) await sleep(10);
  first.child.kill('SIGKILL');
  await first.exited;
  const atKill = fake.rows(dataSources.lead).length;
  expect(atKill).toBeGreaterThanOrEqual(40);
  expect(atKill).toBeLessThan(LEADS);

  fake.faults.slow(0);
  const second = startWorker(env);
  expect(await second.exited).toBe(0);

  const reopened = buildStoreServices(join(dir, 'roi-runway.sqlite'));
  const rows = fake.plainRows(dataSources.lead);
  const leadIds = rows.map((row) => row['Lead ID']);
  expect(new Set(leadIds).size).toBe(LEADS);
  expect(rows).toHaveLength(LEADS);
  for (const lead of reopened.leads.listLeads()) {
    expect(rows.find((row) => row['Lead ID'] === lead.id)).toMatchObject({
      Name: lead.company,
      Stage: lead.stage === 'sql' ? 'SQL' : 'Lead',
      Value: lead.value,
    });
  }
  expect(reopened.outbox.size()).toBe(0);
  reopened.store.close();
}, 60_000);
