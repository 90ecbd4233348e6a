// `npm run import -- visits file.csv` as an admin runs it: a separate process on the bot's DATA_DIR, the exit code
// and its output as the answer, the store as the proof.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { buildStorePath } from '../../src/app.js';
import { buildStoreServices } from '../../src/store/index.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

function runImport(
  args: string[],
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', ...args], {
    cwd: repoRoot,
    // /dev/null, not the repo's .env: a developer's own tokens must never reach a test run.
    env: { PATH: process.env.PATH ?? '', ENV_FILE: '/dev/null', DATA_DIR: dataDir, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += String(chunk);
  });
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'roi-import-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function readVisits() {
  const services = buildStoreServices(buildStorePath(join(dir, 'data')));
  try {
    return {
      visits: services.plans.listVisits().map((row) => [row.month, row.source, row.visits]),
      outbox: services.outbox.size(),
    };
  } finally {
    services.store.close();
  }
}

it('imports a file of visits once: the same file again changes nothing, an edited one sets the new counts', async () => {
  const file = join(dir, 'visits.csv');
  writeFileSync(
    file,
    'month,source,visits\n2026-10,organic-search,12400\n2026-10,,"30,500"\n2026-11,google-ads,2.1k\n',
  );
  const data = join(dir, 'data');

  const first = await runImport(['visits', file], data);
  expect(first).toMatchObject({ code: 0, stdout: 'Imported 3 rows: 3 new, 0 changed, 0 unchanged.\n' });
  const again = await runImport(['visits', file], data);
  expect(again).toMatchObject({ code: 0, stdout: 'Imported 3 rows: 0 new, 0 changed, 3 unchanged.\n' });
  expect(readVisits()).toEqual({
    visits: [
      ['2026-10', 'organic-search', 12_400],
      ['2026-10', null, 30_500],
      ['2026-11', 'google-ads', 2_100],
    ],
    // Three records, each queued once for Notion: the second import wrote nothing.
    outbox: 3,
  });

  writeFileSync(file, 'month,source,visits\n2026-10,organic-search,12650\n');
  expect((await runImport(['visits', file], data)).stdout).toBe('Imported 1 rows: 0 new, 1 changed, 0 unchanged.\n');
  expect(readVisits().visits[0]).toEqual(['2026-10', 'organic-search', 12_650]);
}, 60_000);

it('changes nothing when any row is wrong, and lists every problem with its line number', async () => {
  const file = join(dir, 'visits.csv');
  writeFileSync(file, 'month,source,visits\n2026-10,organic-search,12400\n2026-13,linkedin,5\n2026-11,thomsnet,7\n');
  const data = join(dir, 'data');

  const result = await runImport(['visits', file], data);

  expect(result.code).toBe(1);
  expect(result.stderr).toBe(
    [
      'line 3: "2026-13" is not a month: months run from 01 to 12, e.g. 2026-10.',
      'line 4: "thomsnet" is not a source I know. Did you mean thomasnet?',
      'Nothing was imported (2 problems).',
      '',
    ].join('\n'),
  );
  expect(readVisits()).toEqual({ visits: [], outbox: 0 });
  expect((await runImport(['clicks', file], data)).stderr).toContain('Usage: npm run import -- visits <file.csv>');
}, 60_000);

it('refuses, touching no store, on an install that serves many workspaces (SLACK_CLIENT_ID set)', async () => {
  const file = join(dir, 'visits.csv');
  writeFileSync(file, 'month,source,visits\n2026-10,organic-search,12400\n');
  const data = join(dir, 'data');
  const distribution = {
    SLACK_CLIENT_ID: '1111.2222',
    SLACK_CLIENT_SECRET: 'client-secret-0123456789',
    SLACK_STATE_SECRET: 'state-secret-0123456789abcdef',
  };

  const refused = await runImport(['visits', file], data, distribution);

  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('SLACK_CLIENT_ID is set: this install serves many workspaces');
  expect(existsSync(data)).toBe(false);
});
