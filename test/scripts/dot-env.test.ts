// `.env` as an admin uses it: a file next to where `npm start` (or a script) runs, read by real processes started in
// that folder. The environment still wins over the file, a bad line stops every entry point with its file and line,
// and no secret from the file is printed.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildStorePath } from '../../src/app.js';
import { buildStoreServices } from '../../src/store/index.js';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/index.js';
import { buildTestEnv } from '../helpers/app-harness.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
// The process runs in the test's folder, so tsx is named by its full path rather than looked up from there.
const tsx = pathToFileURL(join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;

interface Run {
  proc: ChildProcess;
  exited: Promise<number | null>;
  output(): { stdout: string; stderr: string };
}

const spawned: ChildProcess[] = [];
let dir: string;
let slack: FakeSlack | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'roi-dot-env-'));
});
afterEach(async () => {
  for (const proc of spawned.splice(0)) proc.kill('SIGKILL');
  await slack?.close();
  slack = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function run(entry: string, args: string[], env: Record<string, string> = {}): Run {
  const proc = spawn(process.execPath, ['--import', tsx, join(repoRoot, entry), ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  spawned.push(proc);
  let stdout = '';
  let stderr = '';
  proc.stdout?.on('data', (chunk) => {
    stdout += String(chunk);
  });
  proc.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, exited, output: () => ({ stdout, stderr }) };
}

function writeVisitsCsv(): string {
  const file = join(dir, 'visits.csv');
  writeFileSync(file, 'month,source,visits\n2026-10,organic-search,12400\n');
  return file;
}

function visitsIn(dataDir: string): number[] {
  const services = buildStoreServices(buildStorePath(dataDir));
  try {
    return services.plans.listVisits().map((row) => row.visits);
  } finally {
    services.store.close();
  }
}

describe('npm run import with a .env file', () => {
  it('takes DATA_DIR from .env in the working directory', async () => {
    writeFileSync(join(dir, '.env'), '# where the store lives\nDATA_DIR=./from-dot-env\n');
    const importing = run('scripts/import.ts', ['visits', writeVisitsCsv()]);

    expect(await importing.exited).toBe(0);
    expect(visitsIn(join(dir, 'from-dot-env'))).toEqual([12400]);
  });

  it('lets the real environment win over .env', async () => {
    writeFileSync(join(dir, '.env'), 'DATA_DIR=./from-dot-env\n');
    const importing = run('scripts/import.ts', ['visits', writeVisitsCsv()], { DATA_DIR: join(dir, 'from-env') });

    expect(await importing.exited).toBe(0);
    expect(visitsIn(join(dir, 'from-env'))).toEqual([12400]);
    expect(existsSync(join(dir, 'from-dot-env'))).toBe(false);
  });

  it('reads the file ENV_FILE names instead, and refuses one that does not exist', async () => {
    mkdirSync(join(dir, 'etc'));
    writeFileSync(join(dir, 'etc', 'roi.env'), `DATA_DIR=${join(dir, 'from-env-file')}\n`);
    writeFileSync(join(dir, '.env'), 'DATA_DIR=./from-dot-env\n');
    const named = run('scripts/import.ts', ['visits', writeVisitsCsv()], { ENV_FILE: 'etc/roi.env' });
    expect(await named.exited).toBe(0);
    expect(visitsIn(join(dir, 'from-env-file'))).toEqual([12400]);

    const missing = run('scripts/import.ts', ['visits', writeVisitsCsv()], { ENV_FILE: 'etc/nope.env' });
    expect(await missing.exited).toBe(1);
    expect(missing.output().stderr).toContain(`${join(dir, 'etc', 'nope.env')}: does not exist (named by ENV_FILE)`);
    expect(existsSync(join(dir, 'from-dot-env'))).toBe(false);
  });
});

describe('a bad line in .env', () => {
  const entries: [string, string[]][] = [
    ['src/app.ts', []],
    ['scripts/digest.ts', ['--now']],
    ['scripts/setup-notion.ts', ['--parent', '0123456789abcdef0123456789abcdef']],
    ['scripts/import.ts', ['visits', 'visits.csv']],
  ];

  it.each(entries)('stops %s with exit 1, naming the file and the line, repeating no secret', async (entry, args) => {
    writeVisitsCsv();
    const secret = 'ntn_dotenvsecret123';
    writeFileSync(join(dir, '.env'), `DATA_DIR=./data\nSLACK_BOT_TOKEN=xoxb-1\nNOTION TOKEN=${secret}\n`);
    const started = run(entry, args);

    expect(await started.exited).toBe(1);
    const { stdout, stderr } = started.output();
    expect(stderr).toContain(`${join(dir, '.env')} line 3: expected NAME=value`);
    expect(`${stdout}${stderr}`).not.toContain('dotenvsecret');
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });
});

describe('npm start with its whole configuration in .env', () => {
  it('starts, verifies Slack requests with the signing secret from the file, and never logs it', async () => {
    slack = await startFakeSlack();
    const env = buildTestEnv(slack, 'http', join(dir, 'data'));
    const lines = Object.entries(env).map(([key, value]) => `${key}="${value}"`);
    writeFileSync(join(dir, '.env'), `# written by the test\n${lines.join('\n')}\n`);
    const app = run('src/app.ts', []);

    const port = await waitForReadyPort(app);
    slack.options.appUrl = `http://127.0.0.1:${port}/slack/events`;
    const answer = await slack.slashCommand({ command: '/roi', text: 'help', userId: 'U0REP1' });
    const [reply] = await answer.waitForResponses(1);

    expect(answer.status).toBe(200);
    expect(reply?.text).toContain('/roi');
    app.proc.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    const { stdout, stderr } = app.output();
    expect(`${stdout}${stderr}`).not.toContain(slack.options.signingSecret);
  }, 60_000);
});

/** The port from the app's "Slack app ready" log line, once it is printed. */
async function waitForReadyPort(app: Run, timeoutMs = 20_000): Promise<number> {
  const giveUpAt = Date.now() + timeoutMs;
  while (Date.now() < giveUpAt) {
    const line = app
      .output()
      .stdout.split('\n')
      .find((entry) => entry.includes('"msg":"Slack app ready"'));
    if (line !== undefined) return Number(JSON.parse(line).port);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the app never got ready:\n${app.output().stdout}\n${app.output().stderr}`);
}
