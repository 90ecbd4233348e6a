// `npm run bench -- tenants [workspaces] [leads] [mixed seconds]` (200 × 5,000, 60 s by default): the app installed in
// many workspaces, on Postgres, two instances (real processes, compiled as `npm start` runs them) against one fake
// Slack with a workspace per tenant. Measured:
// - mixed load: bursts of 20 slash commands (/lead source, /roi, /roi <campaign>) from workspaces picked at random
//   among all of them, so each instance's LRU (WORKSPACE_CACHE_SIZE, 16) keeps closing and opening workspaces,
//   alternating with the same bursts from ONE workspace: ack p50/p99 and answer p95, side by side;
// - the Monday fan-out: the digest's cron is set to a second a few minutes ahead (the clock cannot be moved in a real
//   process), and every workspace's digest comes due at once; the time from due to the last digest in the fake
//   Slack, each workspace checked to have exactly one; meanwhile a command a second from a workspace at random;
// - peak RSS per instance (VmHWM, read from /proc outside).

import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildDigestPeriodKey } from '../digests/index.js';
import { parseConfig } from '../src/config.js';
import { createRandom } from '../src/sample/random.js';
import { buildWorkspaceSchema } from '../src/workspace-store.js';
import { startFakeSlackWorkspaces } from '../test/fakes/slack/workspaces.js';
import { startPostgresServer } from '../test/postgres/server.js';
import { readCpu, spentSince } from './cpu-time.js';
import { watchStatus } from './memory.js';
import { type AppProcess, startAppProcess, startSender } from './slack.js';
import { ratioInterval } from './stats.js';
import { runCaseAsync } from './store.js';
import {
  BURST,
  emptySamples,
  type LoadParts,
  type LoadSamples,
  measureAnswersOneAtATime,
  sendBurst,
  sleep,
  summarizeLoad,
  watchSlack,
} from './tenants-load.js';
import { describeDigestJobs, printTenants, type TenantsResults, waitForJobs } from './tenants-report.js';
import { seedTenants } from './tenants-seed.js';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
const CHANNEL = 'C0GENERAL';
const CACHE_SIZE = 16;
const PROBE = { size: 1, gapMs: 1_000 };
const load = () => Number(loadavg()[0]!.toFixed(2));
/** Where the run is, on stderr: the whole run takes minutes. */
const progress = (what: string) => console.error(`[tenants ${new Date().toISOString().slice(11, 19)}] ${what}`);

/** A six-field cron (seconds first) firing at `at` (UTC) on that weekday, weekly: a Monday digest moved to now. */
function cronAt(at: number): string {
  const d = new Date(at);
  return `${d.getUTCSeconds()} ${d.getUTCMinutes()} ${d.getUTCHours()} * * ${d.getUTCDay()}`;
}

export async function runTenantsBench(workspaces = 200, leads = 5_000, mixedSeconds = 60): Promise<TenantsResults> {
  const began = performance.now();
  const statements = process.env.BENCH_PG_STATEMENTS === '1';
  const server = await startPostgresServer(statements ? STATEMENTS_SETTINGS : []);
  const admin = new pg.Client(server.url);
  await admin.connect();
  await admin.query('CREATE DATABASE tenants');
  const url = server.urlOf('tenants');
  const db = new pg.Client(url);
  await db.connect();
  if (statements) await db.query('CREATE EXTENSION pg_stat_statements');
  const teams = Array.from({ length: workspaces }, (_, i) => `T0TEN${String(i).padStart(4, '0')}`);
  const slack = await startFakeSlackWorkspaces(teams);
  const watch = watchSlack(slack);
  const dataDir = mkdtempSync(join(tmpdir(), 'roi-bench-tenants-'));
  const first = slack.team(teams[0]!).options;
  const env = {
    SLACK_SIGNING_SECRET: first.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    SLACK_BOT_TOKEN: '',
    SLACK_CLIENT_ID: first.clientId,
    SLACK_CLIENT_SECRET: first.clientSecret,
    SLACK_STATE_SECRET: 'tenants-bench-state-secret',
    DATA_DIR: dataDir,
    DATABASE_URL: url,
    DIGEST_CHANNEL: CHANNEL,
    DIGEST_TZ: 'UTC',
    WORKSPACE_CACHE_SIZE: String(CACHE_SIZE),
  };
  const sender = startSender();
  const apps: AppProcess[] = [];
  try {
    const asOf = Date.now();
    const postedKey = buildDigestPeriodKey(asOf - WEEK_MS, 'UTC');
    progress(`seeding ${workspaces} workspaces × ${leads} leads`);
    const loadAtSeed = load();
    const config = parseConfig({ ...env, PORT: '0' }, 'offline');
    const seed = await seedTenants({
      ...{ config, teams, leads, asOf, botTokens: slack.botTokens },
      postedPeriod: { key: postedKey, channel: CHANNEL },
    });
    // Due once the instances have started (~20 s), opened every workspace for the start's catch-up (~0.7 s each on
    // this loaded machine), and taken the answers one at a time (~25 s) and the mixed load. On a whole minute, as a
    // real DIGEST_CRON names minutes: the schedules' ticker sweeps at each whole minute, so a due time of hh:mm:40
    // would be handed out 20 s late and the fan-out's figure would depend on that draw.
    const due = Math.ceil((Date.now() + 45_000 + 700 * workspaces + mixedSeconds * 1000) / 60_000) * 60_000;
    const fanOutKey = buildDigestPeriodKey(due, 'UTC');
    if (buildDigestPeriodKey(due - WEEK_MS, 'UTC') !== postedKey)
      throw new Error('the run crosses midnight between Sunday and Monday (UTC): start it again in a few minutes');
    const started: number[] = [];
    const spawnedAt = performance.now();
    for (let i = 0; i < 2; i++) {
      const t = performance.now();
      apps.push(
        await startAppProcess(slack.team(teams[0]!), ['distribution'], dataDir, { ...env, DIGEST_CRON: cronAt(due) }),
      );
      started.push(performance.now() - t);
    }
    for (const [i, app] of apps.entries()) void app.exited.then(() => progress(`instance ${i + 1} exited`));
    progress(`instances up; digests due at ${new Date(due).toISOString()}; waiting for the start's catch-up`);
    const memory = apps.map((app) => watchStatus(app.pid));
    // At start each instance hands every workspace its missed digest (last week's, already posted): a job each.
    const catchUp = await waitForJobs(db, postedKey, workspaces, due - 15_000);
    const catchUpMs = performance.now() - spawnedAt;
    const afterStart = memory.map((m) => m.now());

    const parts: LoadParts = { slack, sender, apps, teams, random: createRandom(14).next };
    progress('mixed load');
    const answersOneAtATime = await measureAnswersOneAtATime(parts, 20);
    const warm = emptySamples();
    await sendBurst(parts, 'many', warm);
    await sendBurst(parts, 'one', warm);
    const many = emptySamples();
    const one = emptySamples();
    const loadAtMixed = load();
    await Promise.all(apps.map((app) => app.pauses('reset')));
    const cpuAtMixed = readCpu(apps, sender);
    if (statements) await db.query('SELECT pg_stat_statements_reset()');
    const sessionsAtMixed = await countSessions(db);
    // Until just before due (the mixed load takes whatever the catch-up left): a pause longer than the instances'
    // keep-alive (5 s) would close the sender's connections under the first burst of the fan-out.
    const mixedUntil = performance.now() + (due - Date.now()) - 2_500;
    if (due - Date.now() < mixedSeconds * 500)
      progress(`only ${Math.round((due - Date.now()) / 1000)} s of mixed load left`);
    // A pair starts only if one as long as the last still ends before then: the pairs stay whole and, mostly, the
    // digests come due after the load.
    let pairMs = 0;
    for (let pair = 0; performance.now() + pairMs < mixedUntil; pair++) {
      const pairStart = performance.now();
      const order: ['many' | 'one', LoadSamples][] = [
        ['many', many],
        ['one', one],
      ];
      for (const [target, into] of pair % 2 === 0 ? order : order.reverse()) await sendBurst(parts, target, into);
      pairMs = performance.now() - pairStart;
    }
    const loadAfterMixed = load();
    const cpu = spentSince(cpuAtMixed, readCpu(apps, sender));
    const sessions = (await countSessions(db)) - sessionsAtMixed;
    if (statements) await printTopStatements(db);
    const inside = await Promise.all(apps.map((app) => app.pauses('report')));
    const dueDuringMixedLoad = Date.now() > due;
    const afterMixed = memory.map((m) => m.now());

    progress('waiting for the digests to come due');
    await sleep(Math.max(0, due - Date.now()));
    // On this process's clock: the mixed load may have run past due.
    const dueAt = performance.now() - (Date.now() - due);
    const loadAtFanOut = load();
    const probe = emptySamples();
    const giveUpAt = dueAt + 10 * 60_000;
    const digestsDone = () => teams.every((team) => watch.weekly.has(team) && watch.leak.has(team));
    // A light probe (a command a second, from a workspace at random), so the acks are read without the probe
    // itself becoming the load: a burst of 20 closed workspaces opens 20 stores at once.
    while (!digestsDone() && performance.now() < giveUpAt) await sendBurst(parts, 'many', probe, PROBE);
    await sleep(5_000);
    // Every reply of the mixed load has arrived long before: they are read now.
    const mixed = {
      many: summarizeLoad(many, watch),
      one: summarizeLoad(one, watch),
      ackP99Ratio: ratioInterval(many.acks, one.acks, 0.99, BURST),
      load: [loadAtMixed, loadAfterMixed],
      inside,
      cpu,
      sessions,
      dueDuringMixedLoad,
    };
    const fanOut = {
      ...describeDigests(teams, watch, dueAt),
      jobs: await describeDigestJobs(db, fanOutKey, due, (team) => slack.team(team).calls),
      probe: summarizeLoad(probe, watch),
      load: [loadAtFanOut, load()],
    };
    // One workspace's digest built alone in a process of its own: where a run's time goes before its posts.
    const digestAlone = await runCaseAsync(['build', url, buildWorkspaceSchema(teams[0]!)]);
    const rss = memory.map((m, i) => ({ afterStart: afterStart[i]!, afterMixed: afterMixed[i]!, end: m.now() }));
    for (const m of memory) m.stop();
    const results: TenantsResults = {
      ...{ workspaces, leads, cacheSize: CACHE_SIZE, startsMs: started, catchUpMs, catchUp },
      seed: { ...seed, load: [loadAtSeed, load()] },
      ...{ mixed, answersOneAtATime, fanOut, digestAlone, rss, totalMs: performance.now() - began },
    };
    printTenants(results);
    return results;
  } finally {
    sender.stop();
    for (const app of apps) app.stop();
    await Promise.all(apps.map((app) => app.exited));
    await db.end();
    await admin.end();
    await slack.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** When the digests arrived after they came due, and which workspaces did not get exactly one. */
function describeDigests(teams: readonly string[], watch: ReturnType<typeof watchSlack>, dueAt: number) {
  const firsts = teams.map((team) => watch.weekly.get(team)?.[0]).filter((at) => at !== undefined);
  const sorted = firsts.map((at) => at - dueAt).sort((a, b) => a - b);
  const lastLeak = Math.max(...teams.map((team) => watch.leak.get(team)?.[0] ?? Number.NaN)) - dueAt;
  const notOne = teams.filter((team) => (watch.weekly.get(team)?.length ?? 0) !== 1);
  return {
    posted: firsts.length,
    firstMs: sorted[0] ?? Number.NaN,
    halfMs: sorted[Math.ceil(sorted.length / 2) - 1] ?? Number.NaN,
    lastWeeklyMs: sorted.at(-1) ?? Number.NaN,
    lastLeakMs: lastLeak,
    notExactlyOne: notOne.map((team) => `${team}: ${watch.weekly.get(team)?.length ?? 0}`),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [workspaces, leads, seconds] = process.argv.slice(2).map(Number);
  await runTenantsBench(workspaces, leads, seconds);
}

/** BENCH_PG_STATEMENTS=1: Postgres counts each statement's time (planning too), printed for the mixed load. */
const STATEMENTS_SETTINGS = ['shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track_planning=on'];

async function printTopStatements(db: pg.Client): Promise<void> {
  const { rows } = await db.query<{ calls: number; total: number; plan: number; query: string }>(
    `SELECT calls::int, (total_exec_time + total_plan_time)::float8 AS total, total_plan_time::float8 AS plan, query
       FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 25`,
  );
  const all = await db.query<{ calls: number; total: number }>(
    'SELECT sum(calls)::int AS calls, sum(total_exec_time + total_plan_time)::float8 AS total FROM pg_stat_statements',
  );
  const { calls, total } = all.rows[0]!;
  console.log(
    `Postgres statements during the mixed load: ${calls} calls, ${(total / 1000).toFixed(1)} s in all; the top:`,
  );
  for (const row of rows) {
    const text = row.query.replace(/\s+/g, ' ').slice(0, 140);
    console.log(
      `  ${(row.total / 1000).toFixed(2)} s (plan ${(row.plan / 1000).toFixed(2)}) ${row.calls}× ${(row.total / row.calls).toFixed(2)} ms: ${text}`,
    );
  }
}

/** How many connections the server has accepted so far, all databases (each costs it a process of its own). */
async function countSessions(db: pg.Client): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT sum(sessions)::int AS n FROM pg_stat_database');
  return rows[0]?.n ?? 0;
}
