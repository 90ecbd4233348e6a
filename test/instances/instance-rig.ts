// Real bot processes (`node --import tsx src/app.ts`, as `npm start` runs it) on one real Postgres database, talking to
// the fake Slack over HTTP and, when given, the fake Notion. The test plays Slack and the load balancer: it signs and
// POSTs slash commands to the instance it picks.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { buildStorePath } from '../../src/app.js';
import { buildStoreServices, type StoreServices } from '../../src/store/index.js';
import type { FakeSlack } from '../fakes/slack/index.js';
import { buildTestEnv } from '../helpers/app-harness.js';
import { queryOnce } from '../postgres/query.js';
import { type PostgresServer, startPostgresServer } from '../postgres/server.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

export interface Instance {
  name: string;
  proc: ChildProcess;
  /** The port from its "Slack app ready" line. */
  port: number;
  eventsUrl: string;
  healthUrl: string;
  /** Its JSON log lines, parsed (lines that are not JSON are left out). */
  logs(): Record<string, unknown>[];
  output(): string;
  exited: Promise<number | null>;
}

let nextDatabase = 0;

/** A fresh database on the file's server; answers its URL. */
export async function createDatabase(server: PostgresServer): Promise<string> {
  nextDatabase += 1;
  const name = `instances_${process.pid}_${nextDatabase}`;
  await queryOnce(server.url, `CREATE DATABASE ${name}`);
  return server.urlOf(name);
}

/** Opens the store on the test's database (migrating it, as an instance would), runs `work`, closes it. */
export function withStore<T>(url: string, work: (services: StoreServices) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'roi-instances-seed-'));
  const services = buildStoreServices({ file: buildStorePath(dir), url });
  try {
    return work(services);
  } finally {
    services.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every process and folder the file started, removed after each test whatever happened. */
export function createInstanceRig() {
  const procs: ChildProcess[] = [];
  const dirs: string[] = [];

  async function spawnInstance(name: string, slack: FakeSlack, env: Record<string, string>): Promise<Instance> {
    const dataDir = mkdtempSync(join(tmpdir(), 'roi-instances-'));
    dirs.push(dataDir);
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/app.ts'], {
      cwd: repoRoot,
      // /dev/null, not the repo's .env: a developer's own tokens must never reach a test run.
      env: { PATH: process.env.PATH ?? '', ENV_FILE: '/dev/null', ...buildTestEnv(slack, 'http', dataDir), ...env },
    });
    procs.push(proc);
    let output = '';
    proc.stdout?.on('data', (chunk) => {
      output += String(chunk);
    });
    proc.stderr?.on('data', (chunk) => {
      output += String(chunk);
    });
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    const logs = () => parseLines(output);
    const port = await waitForReady(name, logs, exited, () => output);
    const base = `http://127.0.0.1:${port}`;
    return {
      name,
      proc,
      port,
      eventsUrl: `${base}/slack/events`,
      healthUrl: `${base}/healthz`,
      logs,
      output: () => output,
      exited,
    };
  }

  async function cleanUp() {
    for (const proc of procs.splice(0)) {
      if (proc.exitCode === null && proc.signalCode === null) {
        const gone = new Promise((resolve) => proc.once('exit', resolve));
        proc.kill('SIGKILL');
        await gone;
      }
    }
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }

  return { spawnInstance, cleanUp };
}

function parseLines(output: string): Record<string, unknown>[] {
  const parsed: Record<string, unknown>[] = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      parsed.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // A line cut in the middle by the pipe: its end comes with the next chunk.
    }
  }
  return parsed;
}

/**
 * How long an instance may take to log "Slack app ready": tsx compiles the app at its start, which on a loaded machine
 * (load 15–20 on two cores) takes more than the 30 s it takes nowhere else.
 */
export const READY_WAIT_MS = 90_000;

async function waitForReady(
  name: string,
  logs: () => Record<string, unknown>[],
  exited: Promise<number | null>,
  output: () => string,
): Promise<number> {
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  const giveUpAt = Date.now() + READY_WAIT_MS;
  while (Date.now() < giveUpAt && exitCode === undefined) {
    const ready = logs().find((line) => line.msg === 'Slack app ready');
    if (ready !== undefined) return Number(ready.port);
    await sleep(50);
  }
  throw new Error(`instance ${name} never got ready (exit ${String(exitCode)}):\n${output()}`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `probe` answers something other than null, or fails naming what it waited for. */
export async function waitFor<T>(probe: () => T | null | Promise<T | null>, timeoutMs: number, what: string) {
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== null) return found;
    if (Date.now() > giveUpAt) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

/**
 * What every instance test file sets up: one Postgres server for the file, and after each test its instances stopped
 * and the fakes it opened closed.
 */
export function useInstanceSuite() {
  let server: PostgresServer | undefined;
  const rig = createInstanceRig();
  const closers: (() => Promise<void>)[] = [];
  // A fresh server's initdb and start take a minute on a loaded machine (as in usePostgresServer).
  beforeAll(async () => {
    server = await startPostgresServer();
  }, 120_000);
  afterEach(async () => {
    await rig.cleanUp();
    for (const close of closers.splice(0)) await close();
  });
  afterAll(async () => {
    await server?.stop();
  });
  return {
    rig,
    /** A fresh database on the file's server; answers its URL. */
    database: () => createDatabase(server!),
    /** Closes this fake (Slack, Notion) after the test. */
    closeAfter<T extends { close(): Promise<void> }>(fake: T): T {
      closers.push(() => fake.close());
      return fake;
    },
  };
}
