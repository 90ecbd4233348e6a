// `npm run bench -- ingest`: the inquiry webhook at 100k leads, side by side with a bare Node server that reads each
// body and answers 200. Each runs in a process of its own, the load generator in a third (ack-sender.ts), as in the
// Slack benchmark. Latency: 15 bursts of 20 concurrent signed inquiries, 1.5 s apart; throughput: 2,000 inquiries
// sent 20 at a time, back to back.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeIngestSignature } from '../src/ingest/signature.js';
import { type SignedRequest, startFakeSlack } from '../test/fakes/slack/index.js';
import { type AppProcess, type Sender, startAppProcess, startSender } from './slack.js';
import { ms, summarize } from './stats.js';

const SECRET = 'bench-ingest-secret-0123456789';
const LEADS = 100_000;
const CONCURRENCY = 20;
const ROUNDS = 15;
const THROUGHPUT_REQUESTS = 2_000;
let sequence = 0;

/** A signed inquiry from a company no lead has yet (the heavier path: a new lead, its event, outbox row and prompt). */
function buildInquiry(target: AppProcess, run: string): SignedRequest {
  sequence += 1;
  const body = JSON.stringify({
    id: `${run}-${sequence}`,
    channel: sequence % 5 < 3 ? 'phone' : 'web-form',
    company: `Benchmark Inquiry ${run} ${sequence} Holdings`,
    tracking_number: '+1 555 010 2000',
    utm_source: 'google',
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headers = {
    'content-type': 'application/json',
    'x-ingest-timestamp': timestamp,
    'x-ingest-signature': computeIngestSignature(SECRET, timestamp, body),
  };
  return { url: `${target.base}/ingest/inquiry`, body, headers } as SignedRequest;
}

async function measureLatency(sender: Sender, target: AppProcess, run: string) {
  const samples: number[] = [];
  await sender.send(Array.from({ length: CONCURRENCY }, () => buildInquiry(target, `${run}-warm`)));
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await target.pauses('reset');
  for (let round = 0; round < ROUNDS; round++) {
    const burst = await sender.send(Array.from({ length: CONCURRENCY }, () => buildInquiry(target, run)));
    const refused = burst.statuses.find((status) => status !== 200 && status !== 202);
    if (refused !== undefined) throw new Error(`the webhook answered ${refused}`);
    samples.push(...burst.samples);
    if (process.env.BENCH_VERBOSE) console.error(run, round, burst.samples.map((x) => x.toFixed(0)).join(' '));
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }
  return { ...summarize(samples), pauses: await target.pauses('report') };
}

/** Inquiries per second with CONCURRENCY in flight, back to back. */
async function measureThroughput(sender: Sender, target: AppProcess, run: string): Promise<number> {
  const started = performance.now();
  for (let sent = 0; sent < THROUGHPUT_REQUESTS; sent += CONCURRENCY) {
    const burst = await sender.send(Array.from({ length: CONCURRENCY }, () => buildInquiry(target, run)));
    if (burst.statuses.some((status) => status >= 300)) throw new Error('the webhook refused an inquiry');
  }
  return THROUGHPUT_REQUESTS / ((performance.now() - started) / 1000);
}

export async function runIngestBench() {
  const slack = await startFakeSlack();
  const dataDir = mkdtempSync(join(tmpdir(), 'roi-bench-ingest-'));
  const env = { INGEST_SECRET: SECRET, DIGEST_CHANNEL: '' };
  const app = await startAppProcess(slack, ['roi-runway', String(LEADS)], dataDir, env);
  const bare = await startAppProcess(slack, ['bare-http'], dataDir);
  const sender = startSender();
  try {
    const latency = { app: await measureLatency(sender, app, 'app'), bare: await measureLatency(sender, bare, 'bare') };
    const throughput = {
      app: await measureThroughput(sender, app, 'app-tp'),
      bare: await measureThroughput(sender, bare, 'bare-tp'),
    };
    const ratio = latency.app.p99 / latency.bare.p99;
    console.log(
      `webhook, ${LEADS.toLocaleString('en-US')} leads, ${CONCURRENCY} concurrent: ROI Runway p50 ${ms(latency.app.p50)} ` +
        `p99 ${ms(latency.app.p99)} | bare server p50 ${ms(latency.bare.p50)} p99 ${ms(latency.bare.p99)} | p99 ratio ` +
        `${ratio.toFixed(2)}× (target ≤ 2× and < 50 ms)`,
    );
    const { pauses } = latency.app;
    console.log(
      `  while measured, ROI Runway: longest GC ${ms(pauses.gcMax)}, longest event-loop stall ${ms(pauses.loopDelayMax)}`,
    );
    console.log(
      `webhook throughput: ROI Runway ${throughput.app.toFixed(0)}/s | bare server ${throughput.bare.toFixed(0)}/s ` +
        `(${THROUGHPUT_REQUESTS.toLocaleString('en-US')} inquiries, ${CONCURRENCY} in flight)`,
    );
    return { leads: LEADS, latency, throughput, p99Ratio: ratio };
  } finally {
    sender.stop();
    app.stop();
    bare.stop();
    await slack.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
