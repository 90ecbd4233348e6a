// Slack benchmarks over real HTTP. The fake Slack and the load generator live in this process; each app under test
// runs in a process of its own, as it would in production:
// - ack latency of /lead source and /roi at 20 concurrent requests, side by side with a bare Bolt app that only acks;
// - /roi <campaign> answer time (command sent → response_url post) with 100k leads in the store.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type FakeSlack, startFakeSlack } from '../test/fakes/slack/index.js';
import { buildTestEnv } from '../test/helpers/app-harness.js';
import { ms, type Summary, summarize } from './stats.js';

const CONCURRENCY = 20;
const ROUNDS = 15;
const LEADS = 100_000;

interface AppProcess {
  url: string;
  stop(): void;
}

async function startAppProcess(slack: FakeSlack, args: string[], dataDir: string): Promise<AppProcess> {
  const env = { ...process.env, ...buildTestEnv(slack, 'http', dataDir), MANAGERS: 'U0MANAGER' };
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'slack-app.ts'), ...args],
    {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const port = (JSON.parse(line) as { port?: number }).port;
    if (port) return { url: `http://127.0.0.1:${port}/slack/events`, stop: () => child.kill('SIGTERM') };
  }
  throw new Error(`app process ${args.join(' ')} exited before it was ready`);
}

/** `rounds` bursts of CONCURRENCY commands; each sample is the time until the app's HTTP answer (the ack). */
async function measureAcks(
  slack: FakeSlack,
  url: string,
  command: string,
  text: (i: number) => string,
  rounds = ROUNDS,
) {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const burst = Array.from({ length: CONCURRENCY }, async (_, i) => {
      const started = performance.now();
      const sent = await slack.slashCommand({
        command,
        text: text(round * CONCURRENCY + i),
        userId: 'U0REP1',
        url,
        to: 'http',
      });
      if (sent.status !== 200) throw new Error(`${command} answered ${sent.status}`);
      samples.push(performance.now() - started);
    });
    await Promise.all(burst);
    // Let the app finish this burst's replies before the next one, as between real bursts of use.
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }
  return summarize(samples);
}

async function measureRoiAnswers(slack: FakeSlack, url: string, runs = 40): Promise<Summary> {
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

function describeAcks(name: string, app: Summary, bare: Summary): string {
  return (
    `${name}: ROI Runway p50 ${ms(app.p50)} p99 ${ms(app.p99)} | bare Bolt p50 ${ms(bare.p50)} p99 ${ms(bare.p99)}` +
    ` | p99 ratio ${(app.p99 / bare.p99).toFixed(2)}×`
  );
}

export async function runSlackBench() {
  const slack = await startFakeSlack();
  const dataDir = mkdtempSync(join(tmpdir(), 'roi-bench-slack-'));
  const app = await startAppProcess(slack, ['roi-runway', String(LEADS)], dataDir);
  const bare = await startAppProcess(slack, ['bare'], dataDir);
  try {
    await measureRoiAnswers(slack, app.url, 4); // warm-up: JIT and the metrics snapshot
    // Warm-up of both apps and of this load generator alike: one untimed burst of each command, so the first measured
    // burst is not the first time either process runs that code or opens twenty connections.
    for (const target of [app, bare]) {
      await measureAcks(slack, target.url, '/lead', (i) => `source thomasnet Xylo Warmup Lead ${i}`, 1);
      await measureAcks(slack, target.url, '/roi', () => 'spring-expo', 1);
    }
    const leadText = (i: number) => `source thomasnet Bench Company ${i}`;
    const results = {
      leads: LEADS,
      leadSource: {
        app: await measureAcks(slack, app.url, '/lead', leadText),
        bare: await measureAcks(slack, bare.url, '/lead', leadText),
      },
      roi: {
        app: await measureAcks(slack, app.url, '/roi', () => 'spring-expo'),
        bare: await measureAcks(slack, bare.url, '/roi', () => 'spring-expo'),
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
    app.stop();
    bare.stop();
    await slack.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runSlackBench();
