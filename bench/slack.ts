// Slack benchmarks over real HTTP. The fake Slack and the load generator live in this process; each app under test
// runs in a process of its own, as it would in production:
// - ack latency of /lead source and /roi at 20 concurrent requests, side by side with a bare Bolt app that only acks;
// - /roi <campaign> answer time (command sent → response_url post) with 100k leads in the store.

import { type ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type FakeSlack, type SignedRequest, startFakeSlack } from '../test/fakes/slack/index.js';
import { buildTestEnv } from '../test/helpers/app-harness.js';
import type { BurstResult } from './ack-sender.js';
import type { HeapReport, PauseReport } from './pauses.js';
import { ms, type Summary, summarize } from './stats.js';

const CONCURRENCY = 20;
/** Twenty reps at once: one person has one command in flight at a time, and a second would only get "still working". */
const rep = (i: number) => `U0BENCH${String(i % CONCURRENCY).padStart(2, '0')}`;
const ROUNDS = 15;
const LEADS = 100_000;

export interface AppProcess {
  url: string;
  /** http://127.0.0.1:PORT, for routes other than /slack/events. */
  base: string;
  /** Asks the process for its pauses (pauses.ts): 'reset' starts counting, 'report' answers what was counted. */
  pauses(request: 'reset'): Promise<void>;
  pauses(request: 'report'): Promise<PauseReport>;
  /** The heap as the process sees it; 'collect' runs a full collection first (APP_FLAGS=--expose-gc). */
  heap(request: 'report' | 'collect'): Promise<HeapReport>;
  /** For reading /proc/<pid>/status from outside. */
  pid: number;
  /** Resolves once the process has exited. */
  exited: Promise<void>;
  stop(): void;
}

/**
 * Node flags of both app processes: `npm start`'s (package.json), plus any in APP_FLAGS for a closer look, e.g.
 * APP_FLAGS='--trace-gc' npm run bench -- slack. Without --no-memory-reducer, V8 compacts the 100k-lead heap
 * when the app turns idle, and that pause (150–240 ms here) lands in the first burst after a quiet spell.
 */
const appFlags = ['--no-memory-reducer', ...(process.env.APP_FLAGS?.split(' ').filter((flag) => flag !== '') ?? [])];

/**
 * How the app process runs: compiled by tsc and run by plain node, as `npm start` runs the bot (the default), or
 * BENCH_APP=tsx, compiling on the fly as the bot ran before `npm run build` existed, to measure the difference.
 */
const require = createRequire(import.meta.url);
let compiledApp: string | undefined;
function appEntry(): string[] {
  if (process.env.BENCH_APP === 'tsx') return ['--import', 'tsx', join(import.meta.dirname, 'slack-app.ts')];
  if (compiledApp === undefined) {
    execFileSync(process.execPath, [
      require.resolve('typescript/bin/tsc'),
      '-p',
      join(import.meta.dirname, 'tsconfig.app.json'),
    ]);
    // The fake Slack the bench app imports reads the manifest beside the code, as the tests do.
    const root = join(import.meta.dirname, '..');
    copyFileSync(join(root, 'manifest.yml'), join(root, 'dist-bench', 'manifest.yml'));
    compiledApp = join(root, 'dist-bench', 'bench', 'slack-app.js');
  }
  return [compiledApp];
}

export async function startAppProcess(
  slack: FakeSlack,
  args: string[],
  dataDir: string,
  extraEnv: Record<string, string> = {},
  extraFlags: readonly string[] = [],
): Promise<AppProcess> {
  const env = { ...process.env, ...buildTestEnv(slack, 'http', dataDir), MANAGERS: 'U0MANAGER', ...extraEnv };
  const child: ChildProcess = spawn(process.execPath, [...appFlags, ...extraFlags, ...appEntry(), ...args], {
    env,
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const ask = (request: 'reset' | 'report') =>
    new Promise<PauseReport | undefined>((resolve) => {
      child.once('message', (answer: { pauses: PauseReport | 'reset' }) =>
        resolve(answer.pauses === 'reset' ? undefined : answer.pauses),
      );
      child.send({ pauses: request });
    });
  const heap = (request: 'report' | 'collect') =>
    new Promise<HeapReport>((resolve) => {
      child.once('message', (answer: { heap: HeapReport }) => resolve(answer.heap));
      child.send({ heap: request });
    });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // The process prints its port as one JSON line; anything else it prints (V8 traces asked for with APP_FLAGS) is
  // passed on to stderr, and the pipe is read to the end so the process never blocks on it.
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const ready = line.startsWith('{') ? (JSON.parse(line) as { port?: number }).port : undefined;
      if (ready) resolve(ready);
      else process.stderr.write(`${line}\n`);
    });
    lines.on('close', () => reject(new Error(`app process ${args.join(' ')} exited before it was ready`)));
  });
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    base: `http://127.0.0.1:${port}`,
    pauses: ask as AppProcess['pauses'],
    heap,
    pid: child.pid!,
    exited,
    stop: () => child.kill('SIGTERM'),
  };
}

/** Sends bursts from a process of its own (see ack-sender.ts), so replies reaching the fake Slack do not skew the timing. */
export function startSender() {
  const child = fork(join(import.meta.dirname, 'ack-sender.ts'), { execArgv: ['--import', 'tsx'] });
  return {
    send: (requests: SignedRequest[]) =>
      new Promise<BurstResult>((resolve, reject) => {
        const exited = () => reject(new Error('the ack sender exited'));
        child.once('exit', exited);
        child.once('message', (result: BurstResult | { error: string }) => {
          child.off('exit', exited);
          if ('error' in result) reject(new Error(result.error));
          else resolve(result);
        });
        child.send(requests);
      }),
    pid: child.pid!,
    stop: () => child.kill('SIGTERM'),
  };
}

export type Sender = ReturnType<typeof startSender>;

/** `rounds` bursts of CONCURRENCY commands; each sample is the time until the app's HTTP answer (the ack). */
export async function measureAcks(
  slack: FakeSlack,
  sender: Sender,
  target: AppProcess,
  command: string,
  text: (i: number) => string,
  rounds = ROUNDS,
): Promise<Summary & { pauses: PauseReport }> {
  const samples: number[] = [];
  // One untimed burst first, the same for both apps: the first measured burst is then neither the first time the
  // process runs this command's code nor the first on new connections (the previous phase, against the other app,
  // may have outlasted the app's keep-alive timeout).
  await sender.send(
    Array.from({ length: CONCURRENCY }, (_, i) =>
      slack.signSlashCommand({ command, text: text(-1 - i), userId: rep(i), url: target.url }),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  await target.pauses('reset');
  for (let round = 0; round < rounds; round++) {
    const requests = Array.from({ length: CONCURRENCY }, (_, i) =>
      slack.signSlashCommand({ command, text: text(round * CONCURRENCY + i), userId: rep(i), url: target.url }),
    );
    const burst = await sender.send(requests);
    const refused = burst.statuses.find((status) => status !== 200);
    if (refused !== undefined) throw new Error(`${command} answered ${refused}`);
    samples.push(...burst.samples);
    // BENCH_VERBOSE=1 prints every burst's acks in ms, to tell one slow burst from a slow tail in all of them.
    if (process.env.BENCH_VERBOSE) console.error(command, round, burst.samples.map((x) => x.toFixed(0)).join(' '));
    // Let the app finish this burst's replies before the next one, as between real bursts of use.
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }
  return { ...summarize(samples), pauses: await target.pauses('report') };
}

export async function measureRoiAnswers(slack: FakeSlack, url: string, runs = 40): Promise<Summary> {
  const samples: number[] = [];
  const campaigns = ['spring-expo', 'q4-google-ads', 'thomasnet-premium', 'linkedin-abm'];
  for (let i = 0; i < runs; i++) {
    const sent = performance.now();
    const result = await slack.slashCommand({
      command: '/roi',
      text: campaigns[i % 4]!,
      userId: 'U0REP1',
      url,
      to: 'http',
    });
    await result.waitForResponses(1, 10_000);
    samples.push(performance.now() - sent);
  }
  return summarize(samples);
}

type AckSummary = Summary & { pauses: PauseReport };

function describePauses({ pauses }: AckSummary): string {
  return `longest GC ${ms(pauses.gcMax)}, longest loop stall ${ms(pauses.loopDelayMax)}`;
}

export function describeAcks(name: string, app: AckSummary, bare: AckSummary): string {
  return (
    `${name}: ROI Runway p50 ${ms(app.p50)} p99 ${ms(app.p99)} | bare Bolt p50 ${ms(bare.p50)} p99 ${ms(bare.p99)}` +
    ` | p99 ratio ${(app.p99 / bare.p99).toFixed(2)}×\n` +
    `  while measured: ROI Runway ${describePauses(app)}; bare Bolt ${describePauses(bare)}`
  );
}

export async function runSlackBench() {
  const slack = await startFakeSlack();
  const dataDir = mkdtempSync(join(tmpdir(), 'roi-bench-slack-'));
  const app = await startAppProcess(slack, ['roi-runway', String(LEADS)], dataDir);
  const bare = await startAppProcess(slack, ['bare'], dataDir);
  const sender = startSender();
  try {
    await measureRoiAnswers(slack, app.url, 4); // warm-up: JIT and the metrics snapshot
    const leadText = (i: number) => `source thomasnet Bench Company ${i}`;
    const results = {
      leads: LEADS,
      leadSource: {
        app: await measureAcks(slack, sender, app, '/lead', leadText),
        bare: await measureAcks(slack, sender, bare, '/lead', leadText),
      },
      roi: {
        app: await measureAcks(slack, sender, app, '/roi', () => 'spring-expo'),
        bare: await measureAcks(slack, sender, bare, '/roi', () => 'spring-expo'),
      },
      roiAnswer: await measureRoiAnswers(slack, app.url),
    };
    console.log(describeAcks('/lead source ack, 20 concurrent', results.leadSource.app, results.leadSource.bare));
    console.log(describeAcks('/roi ack, 20 concurrent', results.roi.app, results.roi.bare));
    console.log(
      `/roi <campaign> answer, ${LEADS.toLocaleString('en-US')} leads: p50 ${ms(results.roiAnswer.p50)}, p95 ${ms(results.roiAnswer.p95)}`,
    );
    return results;
  } finally {
    sender.stop();
    app.stop();
    bare.stop();
    await slack.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runSlackBench();
