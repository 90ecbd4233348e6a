// `npm run digest` as an external scheduler runs it: a separate process, the environment as its only input,
// the exit code as its answer.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildStorePath } from '../../src/app.js';
import { previousWeek, weekContaining } from '../../src/domain/periods.js';
import { FIRST_IMPORT_KEY } from '../../src/notion/first-import.js';
import { buildStoreServices } from '../../src/store/index.js';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/index.js';
import { seedActiveWeek } from '../helpers/digest-rig.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runScript(args: string[], env: Record<string, string>): Promise<Outcome> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/digest.ts', ...args], {
    cwd: repoRoot,
    // /dev/null, not the repo's .env: a developer's own tokens must never reach a test run.
    env: { PATH: process.env.PATH ?? '', ENV_FILE: '/dev/null', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

let slack: FakeSlack;
let dataDir: string;
let env: Record<string, string>;

beforeEach(async () => {
  slack = await startFakeSlack();
  dataDir = mkdtempSync(join(tmpdir(), 'roi-runway-script-'));
  env = {
    SLACK_BOT_TOKEN: slack.options.botToken,
    SLACK_API_URL: slack.apiUrl,
    DATA_DIR: dataDir,
    DIGEST_CHANNEL: 'C0GENERAL',
    DIGEST_TZ: 'UTC',
  };
  // The script reports on the week before today, so the seeded leads go there.
  const services = buildStoreServices(buildStorePath(dataDir));
  seedActiveWeek(services, previousWeek(weekContaining(Date.now(), 'UTC'), 'UTC').start);
  services.store.close();
});

afterEach(async () => {
  await slack.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run digest', () => {
  it('refuses on an install that serves many workspaces, posting nothing', async () => {
    const distribution = {
      ...env,
      SLACK_CLIENT_ID: '1111.2222',
      SLACK_CLIENT_SECRET: 'client-secret-0123456789',
      SLACK_STATE_SECRET: 'state-secret-0123456789abcdef',
    };

    const refused = await runScript(['--now'], distribution);

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('SLACK_CLIENT_ID is set: this install serves many workspaces');
    expect(slack.calls.filter((call) => call.method === 'chat.postMessage')).toEqual([]);
  });

  it('--now posts the digest once and exits 0; a second run posts nothing and still exits 0', async () => {
    const first = await runScript(['--now'], env);
    const second = await runScript(['--now'], env);

    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Digest for \d{4}-W\d{2} posted to C0GENERAL \(ts [\d.]+\)\.\n$/);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('not posted: already posted for');
    expect(slack.messages.filter((message) => message.kind === 'chat.postMessage')).toHaveLength(2);
  });

  it('--now posts nothing while the bot is still importing from Notion into the store, and exits 1', async () => {
    const services = buildStoreServices(buildStorePath(dataDir));
    services.links.setSyncState(FIRST_IMPORT_KEY, 'running');
    services.store.close();

    const { code, stdout, stderr } = await runScript(['--now'], env);

    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('The bot has not finished its first import from Notion into this DATA_DIR');
    expect(slack.messages).toEqual([]);
  });

  it('--preview prints both digests as text and posts nothing', async () => {
    const { code, stdout } = await runScript(['--preview'], { DATA_DIR: dataDir, DIGEST_TZ: 'UTC' });

    expect(code).toBe(0);
    expect(stdout).toContain('ROI Runway — week of');
    expect(stdout).toContain('Funnel leaks — week of');
    expect(slack.calls).toEqual([]);
  });

  it('exits 1 and names every missing variable when the environment is incomplete', async () => {
    const { code, stderr } = await runScript(['--now'], { DATA_DIR: dataDir });

    expect(code).toBe(1);
    expect(stderr).toContain('SLACK_BOT_TOKEN: required');
    expect(stderr).toContain('DIGEST_CHANNEL: required');
  });
});
