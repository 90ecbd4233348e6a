// `npm start` as an admin runs it: a real process that refuses a bad environment up front, and that stops cleanly
// on SIGTERM (exit 0, store file intact) the way a container orchestrator stops it.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { buildStorePath } from '../../src/app.js';
import { buildStoreServices } from '../../src/store/index.js';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/index.js';
import { buildTestEnv } from '../helpers/app-harness.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

let slack: FakeSlack | undefined;
let child: ChildProcess | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  child?.kill('SIGKILL');
  await slack?.close();
  if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  child = slack = dataDir = undefined;
});

function spawnApp(env: Record<string, string>) {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/app.ts'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (chunk) => {
    stdout += String(chunk);
  });
  proc.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, exited, output: () => ({ stdout, stderr }) };
}

/** The port from the app's "Slack app ready" log line, once it is printed. */
async function waitForReadyPort(output: () => { stdout: string }, timeoutMs = 20_000): Promise<number> {
  const giveUpAt = Date.now() + timeoutMs;
  while (Date.now() < giveUpAt) {
    const line = output()
      .stdout.split('\n')
      .find((entry) => entry.includes('"msg":"Slack app ready"'));
    if (line !== undefined) return Number(JSON.parse(line).port);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the app never got ready:\n${output().stdout}`);
}

describe('npm start', () => {
  it('stops on SIGTERM within 5 s with exit code 0, leaving the store file intact', async () => {
    slack = await startFakeSlack();
    dataDir = mkdtempSync(join(tmpdir(), 'roi-runway-process-'));
    const seeded = buildStoreServices(buildStorePath(dataDir));
    seeded.leads.createLead({ company: 'Acme Corp', source: 'thomasnet' }, { actor: { id: 'U0REP1', name: 'Ravi' } });
    seeded.store.close();
    const app = spawnApp(buildTestEnv(slack, 'http', dataDir));
    child = app.proc;
    const port = await waitForReadyPort(app.output);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    const sentAt = Date.now();
    app.proc.kill('SIGTERM');
    const code = await app.exited;

    expect(code).toBe(0);
    expect(Date.now() - sentAt).toBeLessThan(5_000);
    const reopened = buildStoreServices(buildStorePath(dataDir));
    expect(reopened.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(reopened.leads.listLeads().map((lead) => lead.company)).toEqual(['Acme Corp']);
    reopened.store.close();
  });

  it('refuses to start with an incomplete environment, listing every problem, with exit code 1', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'roi-runway-process-'));
    const app = spawnApp({ DATA_DIR: dataDir, SLACK_APP_TOKEN: 'not-an-app-token', PORT: 'eighty' });
    child = app.proc;

    const code = await app.exited;

    expect(code).toBe(1);
    const { stderr } = app.output();
    expect(stderr).toContain('SLACK_BOT_TOKEN: required');
    expect(stderr).toContain('SLACK_APP_TOKEN: must start with xapp-');
    expect(stderr).toContain('PORT:');
  });
});
