// The App Home tab at 100k leads, through the shipped wiring (buildRuntime, real Bolt over HTTP) and the fake Slack in
// this process: from app_home_opened sent to the view published. Three kinds of open:
//   first        the first after start: the snapshot laid out and history learnt for the first time;
//   fresh data   a lead was just logged: the team's figures are computed again (in steps), the runway chart drawn
//                and uploaded again, the tab published;
//   same minute  another person right after: the figures and the chart are reused, only their own leads are walked.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRuntime, buildStorePath } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { createMemoryLogger } from '../src/log.js';
import { generateSampleData, loadSample } from '../src/sample/generate.js';
import { buildStoreServices } from '../src/store/index.js';
import { buildSilentSlackLogger, type FakeSlack, startFakeSlack } from '../test/fakes/slack/index.js';
import { ms, type Summary, summarize } from './stats.js';

const AS_OF = Date.parse('2026-11-23T15:00:00Z');
const ROUNDS = 5;

export interface HomeBenchResult {
  leads: number;
  /** The first open after start: the snapshot is laid out and history learnt for the first time. */
  firstOpenMs: number;
  freshData: Summary;
  sameMinute: Summary;
  uploads: number;
}

async function openAndWait(slack: FakeSlack, userId: string): Promise<number> {
  const before = slack.homeViews.get(userId)?.publishes ?? 0;
  const started = performance.now();
  await slack.appHomeOpened({ userId, to: 'http' });
  while ((slack.homeViews.get(userId)?.publishes ?? 0) === before) {
    if (performance.now() - started > 30_000) throw new Error('the Home tab was not published within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return performance.now() - started;
}

function prepareStore(dataDir: string, leads: number): void {
  const services = buildStoreServices(buildStorePath(dataDir), () => AS_OF);
  loadSample(services.store, generateSampleData({ seed: 7, asOf: AS_OF, leads, timeZone: 'America/Chicago' }));
  services.store.close();
}

export async function runHomeBench(leads = 100_000): Promise<HomeBenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'roi-runway-home-bench-'));
  prepareStore(dataDir, leads);
  const slack = await startFakeSlack({ ackTimeoutMs: 10_000 });
  const started = Date.now();
  // The app's clock moves with real time from the sample's as-of instant, so "the same minute" is a real minute.
  const clock = () => AS_OF + (Date.now() - started);
  const env = {
    ...{ SLACK_BOT_TOKEN: slack.options.botToken, SLACK_SIGNING_SECRET: slack.options.signingSecret },
    ...{
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
      DATA_DIR: dataDir,
      MANAGERS: 'U0MANAGER',
      DIGEST_TZ: 'America/Chicago',
    },
  };
  const log = createMemoryLogger('warn').logger;
  const runtime = buildRuntime(parseConfig(env, 'bot'), { clock, log, slackLogger: buildSilentSlackLogger() });
  const freshData: number[] = [];
  const sameMinute: number[] = [];
  let firstOpenMs = Number.NaN;
  try {
    await runtime.start();
    slack.options.appUrl = `http://127.0.0.1:${runtime.slack.port()}/slack/events`;
    const owner = runtime.deps.services.leads.dataset().leads[0]!;
    const actor = { id: owner.ownerId, name: owner.ownerName };
    firstOpenMs = await openAndWait(slack, 'U0REP2');
    for (let round = 0; round < ROUNDS; round += 1) {
      // A new lead this month: the KPIs and the runway's month move, so the chart is drawn and uploaded again.
      runtime.deps.services.leads.createLead({ company: `Bench Home Co ${round}` }, { actor, at: clock() });
      freshData.push(await openAndWait(slack, 'U0MANAGER'));
      sameMinute.push(await openAndWait(slack, 'U0REP1'));
    }
  } finally {
    await runtime.stop();
    await slack.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const uploads = slack.files.length;
  return { leads, firstOpenMs, freshData: summarize(freshData), sameMinute: summarize(sameMinute), uploads };
}

export function printHomeBench(result: HomeBenchResult): void {
  const { freshData, sameMinute } = result;
  console.log(
    `home tab ${result.leads.toLocaleString('en-US')} leads, open → published: first after start ` +
      `${ms(result.firstOpenMs)}; after a change p50 ${ms(freshData.p50)}` +
      ` max ${ms(freshData.max)} (figures, chart drawn and uploaded); same minute p50 ${ms(sameMinute.p50)} max ` +
      `${ms(sameMinute.max)}; ${result.uploads} uploads in ${freshData.n * 2 + 1} opens`,
  );
}
