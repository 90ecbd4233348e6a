// `npm run workspaces` as an operator runs it: a real process under tsx, reading the environment, printing the outcome
// on stdout (refusals on stderr) with an exit code a deploy script can check.

import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startSmallTeam } from '../workspaces/adopt-rig.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = pathToFileURL(join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;

let team: { close(): Promise<void> } | undefined;

afterEach(async () => {
  await team?.close();
  team = undefined;
});

function runWorkspaces(args: string[], env: Record<string, string> = {}) {
  const proc = spawn(process.execPath, ['--import', tsx, join(repoRoot, 'scripts/workspaces.ts'), ...args], {
    // Run outside the checkout, so a developer's .env there is not read.
    cwd: tmpdir(),
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
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    proc.on('exit', (code) => resolve({ code, stdout, stderr })),
  );
}

describe('npm run workspaces', () => {
  it('prints its usage for help, and refuses an unknown command', async () => {
    const help = await runWorkspaces(['help']);
    const unknown = await runWorkspaces(['adopt-all']);

    expect(help.code).toBe(0);
    expect(help.stdout).toContain('adopt [<team or enterprise id>]');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Usage: npm run workspaces -- <command>');
  }, 60_000);

  it('adopts the single store into the workspace it noted, then says it is already adopted', async () => {
    const small = await startSmallTeam();
    team = small;

    const first = await runWorkspaces(['adopt'], small.env);
    const second = await runWorkspaces(['adopt'], small.env);

    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Adopted: the single-workspace store is now the store of workspace T0ADOPT');
    expect(first.stdout).toContain('Moved 1 lead, 0 spend rows and 1 change still owed to Notion');
    expect(first.stdout).toContain('install from /slack/install with workspace T0ADOPT');
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^Already adopted: workspace T0ADOPT took the single-workspace store on 20/);
  }, 60_000);
});
