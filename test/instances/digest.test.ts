// Two bot processes on one Postgres, both owing the same digest at start: it goes out once; and when the instance
// posting it is SIGKILLed half-way, the other finishes it, posting no part twice.

import { describe, expect, it } from 'vitest';
import type { FakeSlack } from '../fakes/slack/index.js';
import { startFakeSlack } from '../fakes/slack/index.js';
import { seedActiveWeek } from '../helpers/digest-rig.js';
import { type Instance, sleep, useInstanceSuite, waitFor, withStore } from './instance-rig.js';

const DAY = 86_400_000;
const suite = useInstanceSuite();
const { rig } = suite;

/**
 * A weekly DIGEST_CRON whose last occurrence was an hour ago (so the catch-up at start owes it, and the next is six
 * days away), and the Monday that starts the week it reports on.
 */
function digestDueAnHourAgo(now = Date.now()) {
  const due = new Date(now - 3_600_000);
  const cron = `${due.getUTCMinutes()} ${due.getUTCHours()} * * ${due.getUTCDay()}`;
  const mondayOfDue =
    Date.UTC(due.getUTCFullYear(), due.getUTCMonth(), due.getUTCDate()) - ((due.getUTCDay() + 6) % 7) * DAY;
  return { cron, reportedWeekStart: mondayOfDue - 7 * DAY };
}

const digestPosts = (fake: FakeSlack) =>
  fake.messages.filter(
    (message) =>
      message.kind === 'chat.postMessage' && /^\*(ROI Runway|Funnel leaks) — week of/.test(message.text ?? ''),
  );
const headers = (fake: FakeSlack) => digestPosts(fake).map((message) => message.text?.split(' — ')[0]);
const chartShares = (fake: FakeSlack) => fake.messages.filter((message) => message.kind === 'file_share');

/** A database that owes the digest, and the environment both instances start with. */
async function prepareDueDigest(extra: Record<string, string> = {}) {
  const url = await suite.database();
  const { cron, reportedWeekStart } = digestDueAnHourAgo();
  withStore(url, (services) => seedActiveWeek(services, reportedWeekStart));
  return { DATABASE_URL: url, DIGEST_CRON: cron, LOG_LEVEL: 'debug', ...extra };
}

function digestJobStarted(instance: Instance): boolean {
  return instance.logs().some((line) => line.msg === 'Job started' && line.queue === 'digest');
}

describe('the digest with two instances on one Postgres', () => {
  it('goes out exactly once when it is due in both at start', async () => {
    const slack = suite.closeAfter(await startFakeSlack({ rateLimits: {} }));
    const env = await prepareDueDigest();
    const fake = slack;
    const [a, b] = await Promise.all([rig.spawnInstance('a', fake, env), rig.spawnInstance('b', fake, env)]);

    await waitFor(() => (digestPosts(fake).length >= 2 ? true : null), 30_000, 'the digest');
    // Time for a second run, were there one: both instances poll every second and retry within seconds.
    await sleep(4_000);

    expect(headers(fake)).toEqual(['*ROI Runway', '*Funnel leaks']);
    expect(chartShares(fake)).toHaveLength(2);
    expect([a, b].filter(digestJobStarted)).toHaveLength(1);
  }, 60_000);

  it('is finished by the other instance, once, when the one posting it is SIGKILLed half-way', async () => {
    const slack = suite.closeAfter(await startFakeSlack({ rateLimits: {} }));
    const fake = slack;
    // The ROI digest's charts are shared and it is posted; then Slack takes the funnel-leak charts' share and never
    // answers (nothing is shared: the process is killed before Slack carried it out).
    fake.failNext('files.completeUploadExternal', 'pass');
    fake.failNext('files.completeUploadExternal', 'hang');
    const env = await prepareDueDigest({ JOB_EXPIRE_SECONDS: '10' });
    const [a, b] = await Promise.all([rig.spawnInstance('a', fake, env), rig.spawnInstance('b', fake, env)]);
    const hung = () => fake.calls.some((call) => call.method === 'files.completeUploadExternal' && call.status === 0);
    await waitFor(() => (hung() ? true : null), 30_000, 'the funnel-leak share to hang');
    expect(headers(fake)).toEqual(['*ROI Runway']);

    const poster = [a, b].find(digestJobStarted);
    const other = poster === a ? b : a;
    if (poster === undefined) throw new Error('no instance says it started the digest');
    const killedAt = Date.now();
    poster.proc.kill('SIGKILL');
    await poster.exited;
    await waitFor(() => (digestPosts(fake).length >= 2 ? true : null), 90_000, 'the other instance to finish');
    const finishedMs = Date.now() - killedAt;
    console.info(`digest finished by the other instance ${finishedMs} ms after the SIGKILL`);
    // A second run, were there one, would come within seconds.
    await sleep(3_000);

    expect(headers(fake)).toEqual(['*ROI Runway', '*Funnel leaks']);
    expect(chartShares(fake)).toHaveLength(2);
    expect(other.logs().some((line) => line.msg === 'Digest part already posted; not posting it again')).toBe(true);
    // JOB_EXPIRE_SECONDS=10: the job is handed over after 10 s, the claim lapses 15 s later.
    expect(finishedMs).toBeLessThan(45_000);
  }, 120_000);
});
