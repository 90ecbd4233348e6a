// The tenants benchmark's view of the job queue (pg-boss's own table: when each workspace's digest job was asked
// for, started and finished, so the fan-out's time can be split into asking, waiting and running) and its printout.

import type pg from 'pg';
import { JOBS_SCHEMA } from '../src/jobs/pg-jobs.js';
import { WORKSPACE_QUEUES } from '../src/workspace-jobs.js';
import type { RecordedCall } from '../test/fakes/slack/index.js';
import type { CpuReading } from './cpu-time.js';
import type { PauseReport } from './pauses.js';
import { ms, type Summary, summarize } from './stats.js';
import type { LoadFigures } from './tenants-load.js';

interface JobRow {
  workspace: string;
  state: string;
  created: number;
  started: number | null;
  completed: number | null;
  retries: number;
}

/** The digest jobs of one period (job data periodKey '<workspace>/<period>'). */
async function readDigestJobs(db: pg.Client, periodKey: string): Promise<JobRow[]> {
  const epoch = (column: string) => `(extract(epoch from ${column}) * 1000)::float8`;
  const { rows } = await db.query<JobRow>(
    `SELECT data->>'workspace' AS workspace, state, ${epoch('created_on')} AS created, ${epoch('started_on')} AS started,
       ${epoch('completed_on')} AS completed, retry_count AS retries
     FROM ${JOBS_SCHEMA}.job WHERE name = $1 AND data->>'periodKey' LIKE $2`,
    [WORKSPACE_QUEUES.digest, `%/${periodKey}`],
  );
  return rows;
}

/** Waits until `count` digest jobs of the period are completed, or until `until` (epoch ms). */
export async function waitForJobs(db: pg.Client, periodKey: string, count: number, until: number) {
  for (;;) {
    const rows = await readDigestJobs(db, periodKey);
    const completed = rows.filter((row) => row.state === 'completed').length;
    if (completed >= count || Date.now() > until) return { jobs: rows.length, completed };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Most runs at once, from their start and end times. */
function peakConcurrency(rows: readonly JobRow[]): number {
  const edges = rows
    .filter((row) => row.started !== null && row.completed !== null)
    .flatMap((row) => [
      [row.started!, 1],
      [row.completed!, -1],
    ])
    .sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
  let running = 0;
  let peak = 0;
  for (const [, step] of edges) {
    running += step!;
    peak = Math.max(peak, running);
  }
  return peak;
}

/**
 * Each job's run split at its workspace's first Web API call after it started: before it, opening the workspace
 * (its store read into memory), the figures and the charts drawn; from it to the last call, the posts (uploads and
 * messages, with Slack's rate limits). Rate-limited answers (429) are counted.
 */
function splitRuns(rows: readonly JobRow[], callsOf: (workspace: string) => readonly RecordedCall[]) {
  const before: number[] = [];
  const posting: number[] = [];
  let limited = 0;
  for (const row of rows) {
    if (row.started === null || row.completed === null) continue;
    const calls = callsOf(row.workspace).filter((call) => call.at >= row.started! && call.at <= row.completed!);
    limited += calls.filter((call) => call.status === 429).length;
    if (calls.length === 0) continue;
    before.push(calls[0]!.at - row.started);
    posting.push(calls.at(-1)!.at - calls[0]!.at);
  }
  return { beforeFirstCallMs: summarize(before), postingMs: summarize(posting), rateLimited: limited };
}

export async function describeDigestJobs(
  db: pg.Client,
  periodKey: string,
  due: number,
  callsOf: (workspace: string) => readonly RecordedCall[],
) {
  const rows = await readDigestJobs(db, periodKey);
  const created = rows.map((row) => row.created - due).sort((a, b) => a - b);
  const done = rows.filter((row) => row.started !== null && row.completed !== null);
  return {
    jobs: rows.length,
    states: Object.fromEntries(
      [...new Set(rows.map((r) => r.state))].map((s) => [s, rows.filter((r) => r.state === s).length]),
    ),
    retries: rows.reduce((sum, row) => sum + row.retries, 0),
    firstAskedMs: created[0] ?? Number.NaN,
    lastAskedMs: created.at(-1) ?? Number.NaN,
    waitMs: summarize(done.map((row) => row.started! - row.created)),
    runMs: summarize(done.map((row) => row.completed! - row.started!)),
    runTotalMs: done.reduce((sum, row) => sum + (row.completed! - row.started!), 0),
    peakConcurrency: peakConcurrency(rows),
    ...splitRuns(rows, callsOf),
  };
}

interface StatusMb {
  rssMb: number;
  hwmMb: number;
}

export interface TenantsResults {
  workspaces: number;
  leads: number;
  cacheSize: number;
  startsMs: number[];
  catchUpMs: number;
  catchUp: { jobs: number; completed: number };
  seed: { installMs: number; leadsMs: number; load: number[] };
  /** dueDuringMixedLoad: the start's catch-up took longer than budgeted, and the fan-out overlapped the load. */
  mixed: {
    many: LoadFigures;
    one: LoadFigures;
    /** 95% interval of the ack p99 ratio random / one, bursts resampled (stats.ts). */
    ackP99Ratio: { low: number; high: number };
    load: number[];
    /** Each instance's own view of the mixed load: its answer times, loop stalls and collections (pauses.ts). */
    inside: PauseReport[];
    /** The CPU each part used during the mixed load (cpu-time.ts): where the two cores went. */
    cpu: CpuReading;
    /** Connections Postgres accepted during the mixed load. */
    sessions: number;
    dueDuringMixedLoad: boolean;
  };
  /** `/roi <campaign>` sent one at a time (as the single-workspace benchmark does), answer times. */
  answersOneAtATime: { many: Summary; one: Summary; load: number[] };
  fanOut: {
    posted: number;
    firstMs: number;
    halfMs: number;
    lastWeeklyMs: number;
    lastLeakMs: number;
    notExactlyOne: string[];
    jobs: Awaited<ReturnType<typeof describeDigestJobs>>;
    probe: LoadFigures;
    load: number[];
  };
  /** digest-case.ts build on the first workspace's schema: load (read), metrics, blocks, charts. */
  digestAlone: Record<string, number>;
  rss: { afterStart: StatusMb; afterMixed: StatusMb; end: StatusMb }[];
  totalMs: number;
}

const s = (value: number) => `${(value / 1000).toFixed(1)} s`;
const range = (load: number[]) => `load ${load.join('→')}`;
const quantiles = (x: Summary) => `p50 ${ms(x.p50)} p95 ${ms(x.p95)} p99 ${ms(x.p99)} max ${ms(x.max)}`;

function describeLoad(name: string, f: LoadFigures): string {
  return (
    `  ${name}: ${f.commands} commands, ack p50 ${ms(f.ack.p50)} p99 ${ms(f.ack.p99)} max ${ms(f.ack.max)}; ` +
    `answers /roi (both forms) p95 ${ms(f.answer.roiAll.p95)}, /roi <campaign> p95 ${ms(f.answer.roiCampaign.p95)}, ` +
    `/lead p95 ${ms(f.answer.lead.p95)}; refused ${f.refused}, no HTTP answer ${f.failed}${f.failures === '' ? '' : ` (${f.failures})`}, no reply ${f.unanswered}`
  );
}

export function printTenants(r: TenantsResults): void {
  const size = `${r.workspaces} workspaces × ${r.leads.toLocaleString('en-US')} leads`;
  console.log(
    `${size}, Postgres, two instances, LRU bound WORKSPACE_CACHE_SIZE=${r.cacheSize} open workspaces per instance`,
  );
  console.log(
    `setup: installations ${s(r.seed.installMs)}, leads ${s(r.seed.leadsMs)} (${range(r.seed.load)}); instances ` +
      `started in ${r.startsMs.map(s).join(' / ')}; start catch-up (every workspace opened for last week's digest, ` +
      `already posted) ${r.catchUp.completed}/${r.workspaces} jobs done ${s(r.catchUpMs)} after the first spawn`,
  );
  const { many, one } = r.mixed;
  const overlap = r.mixed.dueDuringMixedLoad ? '; THE DIGESTS CAME DUE DURING IT' : '';
  console.log(`mixed load, bursts of 20, alternating (${range(r.mixed.load)}${overlap}):`);
  console.log(describeLoad(`${r.workspaces} workspaces at random`, many));
  console.log(describeLoad('one workspace', one));
  console.log(
    `  ratio random/one: ack p99 ${(many.ack.p99 / one.ack.p99).toFixed(2)}× (95% interval, bursts resampled: ` +
      `${r.mixed.ackP99Ratio.low.toFixed(2)}–${r.mixed.ackP99Ratio.high.toFixed(2)}×), /roi answer p95 ` +
      `${(many.answer.roiAll.p95 / one.answer.roiAll.p95).toFixed(2)}×`,
  );
  for (const [i, inside] of r.mixed.inside.entries()) {
    const answered = (load: string) => {
      const x = inside.answered[load];
      return x === undefined ? 'none' : `p50 ${ms(x.p50)} p99 ${ms(x.p99)} max ${ms(x.max)} (${x.n})`;
    };
    console.log(
      `  inside instance ${i + 1} (headers read → ack written): random ${answered('many')}, one workspace ` +
        `${answered('one')}; loop delay p99 ${ms(inside.loopDelayP99)} max ${ms(inside.loopDelayMax)}; GC ` +
        `${inside.gcCount}× ${ms(inside.gcTotal)} in all, longest ${ms(inside.gcMax)}`,
    );
  }
  const cpu = r.mixed.cpu;
  const share = (ms: number) => `${(ms / 1000).toFixed(1)} s (${Math.round((100 * ms) / cpu.atMs)}% of a core)`;
  console.log(
    `  CPU over the ${(cpu.atMs / 1000).toFixed(0)} s: Postgres ${share(cpu.postgres)}, ` +
      `${cpu.instances.map((ms, i) => `instance ${i + 1} ${share(ms)}`).join(', ')}, load generator ` +
      `${share(cpu.sender)}, fake Slack and this process ${share(cpu.bench)}; Postgres accepted ` +
      `${r.mixed.sessions} connections`,
  );
  const q = r.answersOneAtATime;
  console.log(
    `/roi <campaign> one at a time (${range(q.load)}): workspaces at random p50 ${ms(q.many.p50)} p95 ` +
      `${ms(q.many.p95)}, one workspace p50 ${ms(q.one.p50)} p95 ${ms(q.one.p95)} (${q.many.n} each)`,
  );
  const f = r.fanOut;
  console.log(
    `Monday fan-out (${range(f.load)}): ${f.posted}/${r.workspaces} weekly digests; first ${s(f.firstMs)}, half ` +
      `${s(f.halfMs)}, last ${s(f.lastWeeklyMs)} after due; last funnel-leak digest ${s(f.lastLeakMs)}; ` +
      `not exactly one: ${f.notExactlyOne.length === 0 ? 'none' : `${f.notExactlyOne.length} (${f.notExactlyOne.slice(0, 5).join(', ')}…)`}`,
  );
  const j = f.jobs;
  console.log(
    `  jobs: ${j.jobs} (${JSON.stringify(j.states)}, ${j.retries} retries), asked ${s(j.firstAskedMs)}–` +
      `${s(j.lastAskedMs)} after due; wait ${quantiles(j.waitMs)}; run ${quantiles(j.runMs)}, ` +
      `${s(j.runTotalMs)} in all, at most ${j.peakConcurrency} at once`,
  );
  console.log(
    `  each run: start → its first Slack call (open, figures, charts) ${quantiles(j.beforeFirstCallMs)}; ` +
      `posting ${quantiles(j.postingMs)}; ${j.rateLimited} answers 429`,
  );
  console.log(describeLoad('meanwhile a command a second, workspaces at random', f.probe));
  const d = r.digestAlone;
  console.log(
    `  one workspace's digest alone (fresh process, instances idle): read ${ms(d.loadMs ?? 0)}, figures ` +
      `${ms(d.metricsMs ?? 0)}, messages ${ms(d.blocksMs ?? 0)}, charts ${ms(d.chartsMs ?? 0)}: ${ms(d.totalMs ?? 0)}`,
  );
  for (const [i, m] of r.rss.entries()) {
    console.log(
      `instance ${i + 1}: RSS after start ${m.afterStart.rssMb.toFixed(0)} MiB, after mixed load ` +
        `${m.afterMixed.rssMb.toFixed(0)} MiB, at the end ${m.end.rssMb.toFixed(0)} MiB; peak (VmHWM) ${m.end.hwmMb.toFixed(0)} MiB`,
    );
  }
  console.log(`whole run ${s(r.totalMs)}`);
}
