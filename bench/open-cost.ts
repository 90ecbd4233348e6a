// `npm run bench -- opens [workspaces] [leads]`: what opening one closed workspace costs the process on Postgres in
// distribution mode — wall time, and how long the main thread waited on Postgres meanwhile (each wait holds every other
// request), counted apart for the directory's installation lookups a request makes before its ack.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import { parseConfig } from '../src/config.js';
import { buildOAuthDistribution, viewInstallations } from '../src/distribution-oauth.js';
import { createLogger } from '../src/log.js';
import { buildInstallationStore } from '../src/slack/installation-store.js';
import { postgresWaits } from '../src/store/sql/postgres.js';
import { startFakeSlackWorkspaces } from '../test/fakes/slack/workspaces.js';
import { startPostgresServer } from '../test/postgres/server.js';
import { startCpuProfile } from './cpu-profile.js';
import { postgresCpuMs } from './cpu-time.js';
import { seedTenants } from './tenants-seed.js';

const round = (ms: number) => Math.round(ms * 10) / 10;

export async function runOpenCostBench(workspaces = 6, leads = 5_000) {
  const server = await startPostgresServer();
  const admin = new pg.Client(server.url);
  await admin.connect();
  await admin.query('CREATE DATABASE opens');
  const teams = Array.from({ length: workspaces }, (_, i) => `T0OPEN${String(i).padStart(3, '0')}`);
  const slack = await startFakeSlackWorkspaces(teams);
  const dataDir = mkdtempSync(join(tmpdir(), 'roi-bench-opens-'));
  const first = slack.team(teams[0]!).options;
  const config = parseConfig(
    {
      SLACK_SIGNING_SECRET: first.signingSecret,
      SLACK_API_URL: slack.apiUrl,
      SLACK_BOT_TOKEN: '',
      SLACK_CLIENT_ID: first.clientId,
      SLACK_CLIENT_SECRET: first.clientSecret,
      SLACK_STATE_SECRET: 'opens-bench-state-secret',
      DATA_DIR: dataDir,
      DATABASE_URL: server.urlOf('opens'),
      DIGEST_CHANNEL: 'C0GENERAL',
      PORT: '0',
    },
    'offline',
  );
  const asOf = Date.now();
  await seedTenants({
    ...{ config, teams, leads, asOf, botTokens: slack.botTokens },
    postedPeriod: { key: '2000-W01', channel: 'C0GENERAL' },
  });
  const app = buildOAuthDistribution(config, { log: createLogger({ level: 'error' }), scheduleDigests: false });
  try {
    const rows: string[] = [];
    const directory = app.registry;
    const profile = await startProfile();
    const heapBefore = settledHeap();
    const measureOpen = async (team: string, label: string) => {
      const stall = monitorEventLoopDelay({ resolution: 5 });
      stall.enable();
      const waits = { ...postgresWaits };
      const cpuBefore = process.cpuUsage();
      const pgBefore = postgresCpuMs();
      const began = performance.now();
      await directory.use(team, async () => {});
      const wall = performance.now() - began;
      const cpu = process.cpuUsage(cpuBefore);
      // Postgres's CPU as /proc counts it, in 10 ms ticks: a backend's share shows once it ends or is read again.
      const pgCpu = pgBefore === null ? null : (postgresCpuMs() ?? 0) - pgBefore;
      stall.disable();
      rows.push(
        `${team}: ${label} ${round(wall)} ms; main thread waited on Postgres ${postgresWaits.count - waits.count} ` +
          `times, ${round(postgresWaits.ms - waits.ms)} ms; longest stall ${round(stall.max / 1e6)} ms; ` +
          `CPU: this process ${round((cpu.user + cpu.system) / 1000)} ms, Postgres ${pgCpu === null ? '?' : pgCpu} ms`,
      );
    };
    for (const team of teams) await measureOpen(team, 'open');
    await profile?.();
    const heapAfter = settledHeap();
    if (heapBefore !== null && heapAfter !== null) {
      const each = (heapAfter - heapBefore) / teams.length / 2 ** 20;
      rows.push(`heap held by each open workspace (${leads} leads, after a full collection): ${round(each)} MiB`);
    }
    // As under load with more workspaces than the bound: each open follows another workspace's close.
    for (const team of teams) {
      await directory.close(team);
      await measureOpen(team, 'open again after a close');
    }
    const lookups = 50;
    const countLookups = async (name: string, lookup: (team: string) => Promise<unknown>) => {
      const waits = { ...postgresWaits };
      for (let i = 0; i < lookups; i++) await lookup(teams[i % teams.length]!);
      rows.push(
        `installation lookup (${name}): ${round((postgresWaits.count - waits.count) / lookups)} waits, ` +
          `${round((postgresWaits.ms - waits.ms) / lookups)} ms each`,
      );
    };
    // What a request's authorize asks: with Slack's OAuth on, Bolt's installer calls our installation store (what
    // `npm start` runs); the registry's view is what our own authorize and a workspace's client ask.
    const store = buildInstallationStore(app.installations, Date.now);
    await countLookups("Bolt's installer, fetchInstallation", (teamId) =>
      store.fetchInstallation({ teamId, enterpriseId: undefined, isEnterpriseInstall: false }),
    );
    const view = viewInstallations(app.installations);
    await countLookups("the registry's botTokenFor", (team) => view.botTokenFor(team));
    console.log(rows.join('\n'));
  } finally {
    await app.stop();
    await admin.end();
    await slack.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** BENCH_PROFILE=<file>: a CPU profile of the opens alone, for a closer look (chrome://inspect or a script). */
async function startProfile(): Promise<(() => Promise<void>) | null> {
  const file = process.env.BENCH_PROFILE;
  if (file === undefined || file === '') return null;
  const stop = await startCpuProfile(200);
  return () => stop(file);
}

/** The heap in use after a full collection; null unless node runs with --expose-gc. */
function settledHeap(): number | null {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) return null;
  collect();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}
