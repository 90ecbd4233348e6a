// Slack benchmarks over real HTTP against the fake Slack:
// - ack latency of /lead source and /roi at 20 concurrent requests, side by side with a bare Bolt app that only acks;
// - /roi <campaign> answer time (ack → response_url post) with 100k leads in the store.

import bolt from '@slack/bolt';
import { generateSampleData, loadSample } from '../src/sample/generate.js';
import { buildSilentSlackLogger, type FakeSlack } from '../test/fakes/slack/index.js';
import { startTestApp } from '../test/helpers/app-harness.js';
import { ms, type Summary, summarize } from './stats.js';

const CONCURRENCY = 20;
const ROUNDS = 15;
const AS_OF = Date.parse('2026-11-23T15:00:00Z');

async function startBareBolt(slack: FakeSlack): Promise<{ url: string; stop: () => Promise<void> }> {
  const receiver = new bolt.HTTPReceiver({
    signingSecret: slack.options.signingSecret,
    logger: buildSilentSlackLogger(),
  });
  const app = new bolt.App({
    token: slack.options.botToken,
    receiver,
    logger: buildSilentSlackLogger(),
    clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
  });
  for (const command of ['/lead', '/roi']) app.command(command, async ({ ack }) => ack());
  const server = (await app.start(0)) as { address(): { port: number } };
  return {
    url: `http://127.0.0.1:${server.address().port}/slack/events`,
    stop: async () => {
      await app.stop();
    },
  };
}

/** ROUNDS bursts of CONCURRENCY commands; each sample is the time until the app's HTTP answer (the ack). */
async function measureAcks(slack: FakeSlack, url: string, command: string, text: (i: number) => string) {
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, i) => {
        const started = performance.now();
        const result = await slack.slashCommand({
          command,
          text: text(round * CONCURRENCY + i),
          userId: 'U0REP1',
          url,
          to: 'http',
        });
        if (result.status !== 200) throw new Error(`${command} answered ${result.status}`);
        samples.push(performance.now() - started);
      }),
    );
    // Let the app finish the replies of this burst before the next one, as between real bursts of use.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return summarize(samples);
}

async function measureRoiAnswers(slack: FakeSlack, url: string, runs = 40): Promise<Summary> {
  const samples: number[] = [];
  const campaigns = ['spring-expo', 'q4-google-ads', 'thomasnet-premium', 'linkedin-abm'];
  for (let i = 0; i < runs; i++) {
    const result = await slack.slashCommand({
      command: '/roi',
      text: campaigns[i % 4]!,
      userId: 'U0REP1',
      url,
      to: 'http',
    });
    const acked = performance.now();
    await result.waitForResponses(1, 10_000);
    samples.push(performance.now() - acked);
  }
  return summarize(samples);
}

function line(name: string, app: Summary, bare: Summary): string {
  return `${name}: app p50 ${ms(app.p50)} p99 ${ms(app.p99)} | bare Bolt p50 ${ms(bare.p50)} p99 ${ms(bare.p99)} | p99 ratio ${(app.p99 / bare.p99).toFixed(2)}×`;
}

export async function runSlackBench() {
  const sample = generateSampleData({ seed: 7, asOf: AS_OF, leads: 100_000 });
  const test = await startTestApp({
    mode: 'http',
    logLevel: 'warn',
    seed: (_, services) => loadSample(services.store, sample),
  });
  const bare = await startBareBolt(test.slack);
  try {
    // Warm both apps (JIT, the dataset snapshot) before measuring.
    await measureRoiAnswers(test.slack, test.url, 3);
    const results = {
      leadSource: {
        app: await measureAcks(test.slack, test.url, '/lead', (i) => `source thomasnet Bench Co ${i}`),
        bare: await measureAcks(test.slack, bare.url, '/lead', (i) => `source thomasnet Bench Co ${i}`),
      },
      roi: {
        app: await measureAcks(test.slack, test.url, '/roi', () => 'spring-expo'),
        bare: await measureAcks(test.slack, bare.url, '/roi', () => 'spring-expo'),
      },
      roiAnswer100k: await measureRoiAnswers(test.slack, test.url),
    };
    console.log(line('/lead source ack (20 concurrent)', results.leadSource.app, results.leadSource.bare));
    console.log(line('/roi ack (20 concurrent)', results.roi.app, results.roi.bare));
    const answer = results.roiAnswer100k;
    console.log(
      `/roi <campaign> answer with 100k leads: p50 ${ms(answer.p50)}, p95 ${ms(answer.p95)} (ack → response_url)`,
    );
    return results;
  } finally {
    await bare.stop();
    await test.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runSlackBench();
