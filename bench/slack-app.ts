// A Slack app process for the Slack benchmark, apart from the load generator as it would be in production:
//   slack-app.ts roi-runway <leads>   the real app (buildRuntime) over a store filled with <leads> sample leads
//   slack-app.ts serve                the real app over the store already in DATA_DIR (filled by another process)
//   slack-app.ts distribution         the real app installed in many workspaces (SLACK_CLIENT_ID set): OAuth
//                                     installations and one store per workspace, all in DATABASE_URL (tenants.ts)
//   slack-app.ts bare                 a bare Bolt app that only acks /lead and /roi
//   slack-app.ts bare-http            a bare Node HTTP server that reads each body and answers 200 (the webhook's
//                                     baseline: the same server work without signature, parsing or the store)
// Configuration comes from the environment (the fake Slack's URLs and secrets). Prints {"port": N} when ready, and
// reports its pauses when asked (pauses.ts).

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import bolt from '@slack/bolt';
import { buildRuntime } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { buildOAuthDistribution } from '../src/distribution-oauth.js';
import { createLogger } from '../src/log.js';
import { generateSampleData, loadSample } from '../src/sample/generate.js';
import { buildSilentSlackLogger } from '../test/fakes/slack/index.js';
import { watchPauses } from './pauses.js';

const AS_OF = Date.parse('2026-11-23T15:00:00Z');

/** leads null: the store in DATA_DIR is served as it is. */
async function startRoiRunway(leads: number | null): Promise<number> {
  const config = parseConfig(process.env, 'bot');
  const runtime = buildRuntime(config, {
    log: createLogger({ level: 'error' }),
    slackLogger: buildSilentSlackLogger(),
    retryConfig: { retries: 0 },
    host: '127.0.0.1',
    scheduleDigests: false,
  });
  if (leads !== null) loadSample(runtime.deps.services.store, generateSampleData({ seed: 7, asOf: AS_OF, leads }));
  await runtime.start();
  return runtime.slack.port();
}

/** As `npm start` runs it with SLACK_CLIENT_ID set: its digest timers and job queue on, Slack's retries as shipped. */
async function startDistribution(): Promise<number> {
  const runtime = buildOAuthDistribution(parseConfig(process.env, 'bot'), {
    log: createLogger({ level: 'error' }),
    slackLogger: buildSilentSlackLogger(),
    host: '127.0.0.1',
  });
  await runtime.start();
  return runtime.slack.port();
}

async function startBare(): Promise<number> {
  const receiver = new bolt.HTTPReceiver({
    signingSecret: process.env.SLACK_SIGNING_SECRET ?? '',
    logger: buildSilentSlackLogger(),
  });
  const app = new bolt.App({
    token: process.env.SLACK_BOT_TOKEN,
    receiver,
    logger: buildSilentSlackLogger(),
    clientOptions: { slackApiUrl: process.env.SLACK_API_URL, retryConfig: { retries: 0 } },
  });
  for (const command of ['/lead', '/roi']) app.command(command, async ({ ack }) => ack());
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as { address(): { port: number } };
  return server.address().port;
}

async function startBareHttp(): Promise<number> {
  const server = createServer((request, response) => {
    request.on('data', () => {});
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1' }, resolve));
  return (server.address() as AddressInfo).port;
}

watchPauses();
const [kind, leads] = process.argv.slice(2);
const port =
  kind === 'bare'
    ? await startBare()
    : kind === 'bare-http'
      ? await startBareHttp()
      : kind === 'distribution'
        ? await startDistribution()
        : await startRoiRunway(kind === 'serve' ? null : Number(leads ?? 100_000));
process.stdout.write(`${JSON.stringify({ port })}\n`);
