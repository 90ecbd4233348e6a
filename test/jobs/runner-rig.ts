// Starts job runners as child processes (test/jobs/runner-child.ts) and gives each test a fresh database on the
// shared embedded Postgres, with the tables the children's handlers write to.

import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { queryOnce } from '../postgres/query.js';
import type { PostgresServer } from '../postgres/server.js';

const CHILD = fileURLToPath(new URL('./runner-child.ts', import.meta.url));

export interface RunnerEvent {
  event: 'ready' | 'started';
  queue?: string;
  key?: string | null;
  at: number;
}

export interface Runner {
  name: string;
  child: ChildProcess;
  events: RunnerEvent[];
  /** Everything the process printed (its JSON log lines included). */
  output: () => string;
  ready: Promise<void>;
  exited: Promise<number | null>;
  ask(command: Record<string, unknown>): Promise<unknown>;
}

let nextDatabase = 0;

/** A new database with the runs and requests tables; answers its URL. */
export async function createTestDatabase(server: PostgresServer): Promise<string> {
  nextDatabase += 1;
  const name = `jobs_${process.pid}_${nextDatabase}`;
  await queryOnce(server.url, `CREATE DATABASE ${name}`);
  const url = server.urlOf(name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE TABLE runs (id serial PRIMARY KEY, queue text NOT NULL, period_key text,
    instance text NOT NULL, started_at timestamptz NOT NULL, ended_at timestamptz)`);
  await client.query('CREATE TABLE requests (id serial PRIMARY KEY, instance text NOT NULL, at timestamptz NOT NULL)');
  await client.end();
  return url;
}

export function spawnRunner(url: string, name: string, env: Record<string, string> = {}): Runner {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, JOBS_TEST_URL: url, JOBS_TEST_INSTANCE: name, ...env },
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const events: RunnerEvent[] = [];
  const replies = new Map<number, (message: { result?: unknown; error?: string }) => void>();
  let nextId = 0;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (message: RunnerEvent & { reply?: number; result?: unknown; error?: string }) => {
      if (message.reply !== undefined) return replies.get(message.reply)?.(message);
      events.push(message);
      if (message.event === 'ready') resolve();
    });
    void exited.then((code) => reject(new Error(`runner ${name} exited (${code}) before it was ready:\n${output}`)));
  });
  const ask = (command: Record<string, unknown>) =>
    new Promise<unknown>((resolve, reject) => {
      nextId += 1;
      replies.set(nextId, (message) => (message.error === undefined ? resolve(message.result) : reject(message.error)));
      child.send({ ...command, id: nextId });
    });
  return { name, child, events, output: () => output, ready, exited, ask };
}

/** Stops a runner cleanly (or kills it when it no longer answers) and waits for it to exit. */
export async function stopRunner(runner: Runner): Promise<void> {
  if (runner.child.exitCode !== null || runner.child.signalCode !== null) return;
  const stopped = runner.ask({ cmd: 'stop' }).catch(() => undefined);
  const timeout = new Promise((resolve) => setTimeout(resolve, 15_000));
  await Promise.race([stopped, timeout]);
  if (runner.child.exitCode === null) runner.child.kill('SIGKILL');
  await runner.exited;
}

export async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs: number, what: string): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
