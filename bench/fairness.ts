// Fairness between workspaces (distribution mode, SQLite): how long one workspace's ack and answer wait while another
// workspace is busy, through the real app over HTTP against the fake Slack (both in this process, so a blocked event
// loop delays the fake's clock of the ack too, as it would delay Slack's view of it).
//   1. open: a closed workspace with many leads is opened by a command while a small one sends /roi.
//   2. burst: fifty /roi from fifty people of the big workspace, and one /roi of the small one in the middle.
//   3. sweep: the Monday digests of every workspace, posted through the wake-up sweep (local dispatch), one at a time
//      and WORKSPACE_JOB_CONCURRENCY=4, each Web API call answered [slackDelayMs] later (Slack from afar), while a rep
//      of one workspace keeps asking.
// The event loop's longest stall is printed with each. The machine is shared: run `uptime` beside it.
//   npx tsx bench/fairness.ts [bigLeads] [sweepWorkspaces] [sweepLeads] [slackDelayMs]

import { createServer } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseConfig } from '../src/config.js';
import { generateSampleData, loadSample } from '../src/sample/generate.js';
import { openWorkspaceStore } from '../src/workspace-store.js';
import { startFakeSlackWorkspaces } from '../test/fakes/slack/workspaces.js';
import { MONDAY, startWorkspacesApp, type WorkspacesApp, weeklyDigestsIn } from '../test/helpers/workspaces-harness.js';

const BIG_LEADS = Number(process.argv[2] ?? 100_000);
const SWEEP_WORKSPACES = Number(process.argv[3] ?? 20);
const SWEEP_LEADS = Number(process.argv[4] ?? 5_000);
const SLACK_DELAY_MS = Number(process.argv[5] ?? 100);
const AS_OF = MONDAY;

function seed(app: WorkspacesApp, key: string, leads: number, seedNumber: number) {
  const config = parseConfig({ SLACK_SIGNING_SECRET: 'bench', PORT: '0', DATA_DIR: app.dataDir }, 'offline');
  const { services } = openWorkspaceStore(config, key, () => AS_OF);
  loadSample(services.store, generateSampleData({ seed: seedNumber, asOf: AS_OF, leads }));
  services.store.close();
}

async function timed(app: WorkspacesApp, team: string, command: string, text: string, userId: string, t0: number) {
  const result = await app.slack.team(team).slashCommand({ command, text, userId });
  const ackMs = performance.now() - t0;
  await result.waitForResponses(1, 60_000);
  return { ackMs: Math.round(ackMs), answerMs: Math.round(performance.now() - t0) };
}

function stallMs(histogram: ReturnType<typeof monitorEventLoopDelay>) {
  return Math.round(histogram.max / 1e6);
}

async function openWhileOther(app: WorkspacesApp) {
  await timed(app, 'T0SMALL', '/roi', '', 'U0WARM', performance.now());
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const t0 = performance.now();
  const big = timed(app, 'T0BIG', '/roi', '', 'U0BIG', t0);
  await new Promise((resolve) => setTimeout(resolve, 20));
  const small = await timed(app, 'T0SMALL', '/roi', '', 'U0SMALL', t0);
  const bigDone = await big;
  loop.disable();
  return { scenario: 'open big while small asks', big: bigDone, small, stallMs: stallMs(loop) };
}

async function burstWhileOther(app: WorkspacesApp) {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const t0 = performance.now();
  const burst = Array.from({ length: 50 }, (_, i) => timed(app, 'T0BIG', '/roi', '', `U0B${i}`, t0));
  await new Promise((resolve) => setTimeout(resolve, 20));
  const small = await timed(app, 'T0SMALL', '/roi', '', 'U0SMALL', t0);
  const bigs = await Promise.all(burst);
  loop.disable();
  const lastBig = Math.max(...bigs.map((b) => b.answerMs));
  const bigAcks = bigs.map((b) => b.ackMs).sort((a, b) => a - b);
  const acks = { first: bigAcks[0], median: bigAcks[25], last: bigAcks[49] };
  return { scenario: '50 /roi big, 1 small', bigAcks: acks, lastBigAnswerMs: lastBig, small, stallMs: stallMs(loop) };
}

/** A Web API front that answers every call `delayMs` later, as slack.com does from afar. */
async function startSlowFront(target: string, delayMs: number) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      setTimeout(async () => {
        const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => name !== 'host')) as Record<
          string,
          string
        >;
        const answer = await fetch(new URL(req.url!.replace(/^\/api\//, ''), target), {
          method: req.method,
          headers,
          body: req.method === 'GET' ? undefined : Buffer.concat(chunks),
        });
        res.writeHead(answer.status, Object.fromEntries(answer.headers));
        res.end(Buffer.from(await answer.arrayBuffer()));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/api/`, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function sweep(concurrency: string) {
  const teams = Array.from({ length: SWEEP_WORKSPACES }, (_, i) => `T0SW${i}`);
  const slack = await startFakeSlackWorkspaces(teams);
  const front = await startSlowFront(slack.apiUrl, SLACK_DELAY_MS);
  const env = { WORKSPACE_JOB_CONCURRENCY: concurrency, SLACK_API_URL: front.url };
  const app = await startWorkspacesApp({ teams, slack, clock: () => AS_OF, scheduleDigests: true, env });
  try {
    for (const [i, team] of teams.entries()) seed(app, team, SWEEP_LEADS, 100 + i);
    const loop = monitorEventLoopDelay({ resolution: 5 });
    const t0 = performance.now();
    loop.enable();
    let sweeping = true;
    const sweepDone = app.runtime.wakeUps.digests().finally(() => {
      sweeping = false;
    });
    // A rep of the first workspace keeps asking while the others' digests go out.
    const acks: number[] = [];
    while (sweeping) {
      const asked = performance.now();
      await app.slack.team(teams[0]!).slashCommand({ command: '/lead', text: 'show Acme', userId: 'U0ASK' });
      acks.push(Math.round(performance.now() - asked));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await sweepDone;
    const totalMs = Math.round(performance.now() - t0);
    loop.disable();
    const posted = teams.filter((team) => weeklyDigestsIn(app, team).length > 0).length;
    acks.sort((a, b) => a - b);
    const ackMs = { median: acks[Math.floor(acks.length / 2)], max: acks.at(-1), count: acks.length };
    const scenario = `sweep ${teams.length} × ${SWEEP_LEADS}, Slack +${SLACK_DELAY_MS} ms, concurrency ${concurrency}`;
    return { scenario, posted, totalMs, ackMs, stallMs: stallMs(loop) };
  } finally {
    await app.stop();
    await front.close();
    await slack.close();
  }
}

async function main() {
  const app = await startWorkspacesApp({ teams: ['T0BIG', 'T0SMALL'], clock: () => AS_OF });
  try {
    seed(app, 'T0BIG', BIG_LEADS, 7);
    seed(app, 'T0SMALL', 500, 8);
    console.log(JSON.stringify(await openWhileOther(app).catch((error) => ({ error: String(error), logs: app.logs }))));
    console.log(JSON.stringify(await burstWhileOther(app)));
  } finally {
    await app.stop();
  }
  for (const concurrency of ['1', '4']) console.log(JSON.stringify(await sweep(concurrency)));
}

await main();
