// `npm start` as an admin runs it: a real process that refuses a bad environment up front, and that stops cleanly
// on SIGTERM (exit 0, store file intact) the way a container orchestrator stops it.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { STORE_BUSY_MESSAGE } from '../../commands/respond.js';
import { buildStorePath } from '../../src/app.js';
import { HOLDER_FILE_NAME } from '../../src/store/data-dir-lock.js';
import { buildStoreServices } from '../../src/store/index.js';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/index.js';
import { buildTestEnv } from '../helpers/app-harness.js';
import { sqliteOf } from '../store/store-fixtures.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

let slack: FakeSlack | undefined;
let child: ChildProcess | undefined;
let dataDir: string | undefined;
/** Every process a test started, killed after it whatever happened. */
const spawned: ChildProcess[] = [];

afterEach(async () => {
  child?.kill('SIGKILL');
  for (const proc of spawned.splice(0)) proc.kill('SIGKILL');
  await slack?.close();
  if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  child = slack = dataDir = undefined;
});

/** The bot as the other tests run it: its TypeScript through tsx, the same code `npm start` compiles first. */
const TSX_APP = [process.execPath, '--import', 'tsx', 'src/app.ts'];

function spawnApp(env: Record<string, string>, [command = '', ...args] = TSX_APP) {
  const proc = spawn(command, args, {
    cwd: repoRoot,
    // /dev/null, not the repo's .env: a developer's own tokens must never reach a test run.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ENV_FILE: '/dev/null', ...env },
  });
  spawned.push(proc);
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
    expect(sqliteOf(reopened.store.db).pragma('integrity_check', { simple: true })).toBe('ok');
    expect(reopened.leads.listLeads().map((lead) => lead.company)).toEqual(['Acme Corp']);
    reopened.store.close();
  });

  it('builds the bot, runs it compiled, and stops it cleanly on SIGTERM (the whole npm script)', async () => {
    slack = await startFakeSlack();
    dataDir = mkdtempSync(join(tmpdir(), 'roi-runway-process-'));
    const app = spawnApp(buildTestEnv(slack, 'http', dataDir), ['npm', 'start', '--silent']);
    child = app.proc;
    // The build (tsc into dist/) comes first: up to half a minute on a busy machine.
    const port = await waitForReadyPort(app.output, 90_000);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const reply = await slack.slashCommand({
      command: '/lead',
      text: 'source thomasnet Acme Machining',
      userId: 'U0REP1',
      url: `http://127.0.0.1:${port}/slack/events`,
      to: 'http',
    });
    const [answer] = await reply.waitForResponses(1);
    expect(answer?.text).toBe('Logged Acme Machining from Thomasnet.');

    // npm hands the signal on to the bot, which stops as it does without npm; npm itself ends by the signal.
    app.proc.kill('SIGTERM');
    await app.exited;

    // The bot writes to the same pipe as npm and may still be stopping when npm has gone.
    await expect.poll(() => app.output().stdout, { timeout: 10_000 }).toContain('"msg":"Stopping","signal":"SIGTERM"');
    // The bot released DATA_DIR on its way out: its holder note is gone.
    await expect.poll(() => existsSync(join(dataDir ?? '', HOLDER_FILE_NAME)), { timeout: 10_000 }).toBe(false);
    const reopened = buildStoreServices(buildStorePath(dataDir));
    expect(reopened.leads.listLeads().map((lead) => lead.company)).toEqual(['Acme Machining']);
    reopened.store.close();
  }, 120_000);

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

  it('exits 1 with one line naming the problem when Postgres cannot be reached, never printing the password', async () => {
    slack = await startFakeSlack();
    dataDir = mkdtempSync(join(tmpdir(), 'roi-runway-process-'));
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const env = {
      ...buildTestEnv(slack, 'http', dataDir),
      DATABASE_URL: 'postgres://roi:Sekret-Pass-42@127.0.0.1:1/roi',
    };
    const app = spawnApp(env);
    child = app.proc;

    const code = await app.exited;

    expect(code).toBe(1);
    const { stdout, stderr } = app.output();
    expect(stderr).toMatch(/ROI Runway could not open its store: .*ECONNREFUSED/);
    expect(`${stdout}${stderr}`).not.toContain('Sekret-Pass-42');
  });

  it('runs one bot per DATA_DIR: a second exits naming the first, and a first that crashed is taken over', async () => {
    slack = await startFakeSlack();
    dataDir = mkdtempSync(join(tmpdir(), 'roi-runway-process-'));
    const env = buildTestEnv(slack, 'http', dataDir);
    const first = spawnApp(env);
    await waitForReadyPort(first.output);

    const second = spawnApp(env);
    const outcome = await Promise.race([
      second.exited.then((code) => ({ exited: code })),
      waitForReadyPort(second.output).then(() => ({ exited: 'no: it started' })),
    ]);

    expect(outcome).toEqual({ exited: 1 });
    expect(second.output().stderr).toContain(`Another ROI Runway (pid ${first.proc.pid} on ${hostname()})`);
    expect(second.output().stderr).toContain(`is already running on DATA_DIR ${resolve(dataDir)}.`);
    expect(second.output().stdout).not.toContain('"msg":"Slack app ready"');

    first.proc.kill('SIGKILL');
    await first.exited;
    const third = spawnApp(env);
    await waitForReadyPort(third.output);
    const tookOver = third
      .output()
      .stdout.split('\n')
      .find((line) => line.includes('Took over DATA_DIR'));
    expect(JSON.parse(tookOver ?? '{}')).toMatchObject({ pid: first.proc.pid, dataDir: resolve(dataDir) });
  }, 60_000);

  it("acks a command within Slack's 3 s while the bot waits for another process's write lock", async () => {
    slack = await startFakeSlack();
    dataDir = mkdtempSync(join(tmpdir(), 'roi-runway-process-'));
    // A yearly cron on Feb 29: no digest is owed at start, so nothing writes to the store before the test holds it.
    const app = spawnApp({ ...buildTestEnv(slack, 'http', dataDir), DIGEST_CRON: '0 9 29 2 *' });
    const port = await waitForReadyPort(app.output);
    slack.options.appUrl = `http://127.0.0.1:${port}/slack/events`;
    // Another process (here, the test) takes the write lock, as `npm run digest` claiming a week does, and keeps it.
    const other = new Database(buildStorePath(dataDir));
    other.exec('BEGIN IMMEDIATE');
    try {
      const blocked = await slack.slashCommand({ command: '/roi', text: 'digest now', userId: 'U0MANAGER' });
      expect(blocked.status).toBe(200);
      // The bot is now waiting for the lock to claim the week, and its event loop with it: another command arrives.
      await new Promise((done) => setTimeout(done, 300));
      const waiting = await slack.slashCommand({ command: '/roi', text: 'help', userId: 'U0REP2' });

      expect(waiting).toMatchObject({ status: 200, timedOut: false });
      const [busy] = await blocked.waitForResponses(1);
      expect(busy?.text).toBe(STORE_BUSY_MESSAGE);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    const again = await slack.slashCommand({ command: '/roi', text: 'digest now', userId: 'U0MANAGER' });
    const [posted] = await again.waitForResponses(1);
    expect(posted?.text).toBe('Posted the digest.');
  }, 60_000);
});
