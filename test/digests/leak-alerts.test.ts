// Leak alerts between digests, through the real app and the fake Slack on simulated time: a planted drop alerts once
// however many hourly checks see it, 1 of 4 never alerts, a restart does not alert again, the recovery is posted once,
// and neither Slack being down nor a store that cannot record the post makes an alert twice.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { detectLeaks } from '../../src/domain/leak.js';
import type { FakeSlack } from '../fakes/slack/index.js';
import {
  ALERT_CHANNEL,
  checkAt,
  checkHourly,
  listChannelPosts,
  readBlockText,
  startAlertApp,
  startAlertSlack,
  waitInRealTime,
} from '../helpers/alert-rig.js';
import type { TestApp } from '../helpers/app-harness.js';
import { buildOneOfFour, buildPlantedDrop, DROP_AT, HOUR, listDropIds, loadLeads, T0 } from './alert-fixture.js';

const DAY = 24 * HOUR;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.useRealTimers();
});

async function startWorld(): Promise<{ slack: FakeSlack; dataDir: string }> {
  const slack = await startAlertSlack(T0 - 5 * 60_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'roi-runway-alerts-'));
  cleanups.push(() => slack.close());
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  return { slack, dataDir };
}

async function startApp(slack: FakeSlack, dataDir: string, leads?: Parameters<typeof loadLeads>[1]): Promise<TestApp> {
  const app = await startAlertApp(slack, dataDir, leads && ((rig) => loadLeads(rig.services, leads)));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.stop();
  };
  cleanups.push(stop);
  return { ...app, stop };
}

/** Half the planted drop becomes MQL two days after it arrived: 100 of 200, back at the 50% baseline. */
function convertHalfTheDrop(app: TestApp, dropIds: readonly string[]): void {
  for (const id of dropIds.slice(0, 50)) {
    app.services.leads.moveStage(id, 'mql', { actor: { id: 'U0REP1', name: 'Ravi Rep' }, at: DROP_AT + 2 * DAY });
  }
}

describe('leak alerts', () => {
  it('alerts once for a planted drop across hourly checks, with its rate, interval, baseline, money and sources', async () => {
    const { slack, dataDir } = await startWorld();
    const app = await startApp(slack, dataDir, buildPlantedDrop());

    await checkAt(app, T0);
    expect(listChannelPosts(slack)).toEqual([]);
    await checkHourly(app, T0 + HOUR, T0 + 5 * HOUR);

    const posts = listChannelPosts(slack);
    expect(posts).toHaveLength(1);
    const text = readBlockText(posts[0]);
    expect(text).toContain('Leak alert: Lead → MQL');
    expect(text).toContain('*25%* of 200 mature Lead leads moved on (95% CI 20%–31%) vs *50% baseline*');
    expect(text).toContain(
      '*About $83.3K at stake*: 50 missing conversions × 17% of them become customers × $10,000 average won deal.',
    );
    expect(text).toContain('• *Trade show*: 0 of 90 (0%), 45 missing');
    // A source typed into Notion as `<!channel>` is shown, and pings nobody.
    expect(text).toContain('• *&lt;!channel&gt;*: 0 of 10 (0%), 5 missing');
    expect(JSON.stringify(posts[0])).not.toContain('<!channel>');
    expect(text).toContain('Show the funnel');
    expect(text).toContain('Mute for a month');
    expect(app.services.alerts.readRecords(ALERT_CHANNEL).get('lead')?.announced).toBe('leaking');
  });

  it('never alerts on 1 of 4, which looks far below a 60% baseline but whose interval is not', async () => {
    const { slack, dataDir } = await startWorld();
    const leads = buildOneOfFour();
    const app = await startApp(slack, dataDir, leads);

    await checkHourly(app, T0, T0 + 6 * HOUR);

    expect(listChannelPosts(slack)).toEqual([]);
    // The four were judged: 1 of 4 mature leads converted, against 60% expected.
    const verdict = detectLeaks({ leads, spend: [], targets: [] }, T0 + HOUR, app.deps.settings);
    expect(verdict.transitions[0]).toMatchObject({ from: 'lead', mature: 4, converted: 1, significant: false });
    expect(verdict.transitions[0]?.expected).toBeCloseTo(0.6, 9);
  });

  it('does not alert again after a restart, and posts the recovery once, a day after it was back', async () => {
    const { slack, dataDir } = await startWorld();
    const leads = buildPlantedDrop();
    const first = await startApp(slack, dataDir, leads);
    await checkHourly(first, T0, T0 + 2 * HOUR);
    await first.stop();

    vi.setSystemTime(T0 + 2.5 * HOUR);
    const second = await startApp(slack, dataDir);
    await checkAt(second, T0 + 3 * HOUR);
    expect(listChannelPosts(slack)).toHaveLength(1);

    convertHalfTheDrop(second, listDropIds(leads));
    // Clear from T0 + 4 h: the recovery is owed 24 hours later, at T0 + 28 h, and only then.
    await checkHourly(second, T0 + 4 * HOUR, T0 + 27 * HOUR);
    expect(listChannelPosts(slack)).toHaveLength(1);
    await checkHourly(second, T0 + 28 * HOUR, T0 + 31 * HOUR);

    const posts = listChannelPosts(slack);
    expect(posts).toHaveLength(2);
    expect(readBlockText(posts[1])).toContain(
      '*Lead → MQL has recovered* (alerted on Nov 24, 2026): *50%* of 200 mature Lead leads moved on (95% CI 43%–57%) ' +
        'vs *50% baseline*, no longer significantly below it at any check for 24 hours.',
    );
    expect(second.services.alerts.listPosts(ALERT_CHANNEL).map((post) => [post.kind, post.postedAt])).toEqual([
      ['alert', T0 + HOUR],
      ['recovery', T0 + 28 * HOUR],
    ]);
  });

  it('retries an alert Slack refused a minute later, and posts it once', async () => {
    const { slack, dataDir } = await startWorld();
    const app = await startApp(slack, dataDir, buildPlantedDrop());
    slack.failNext('chat.postMessage', { status: 503 });

    await checkAt(app, T0 + HOUR);
    expect(listChannelPosts(slack)).toEqual([]);
    expect(app.logs.some((line) => line.includes('The leak check will be tried again'))).toBe(true);
    await checkAt(app, T0 + HOUR + 60_000);
    await checkHourly(app, T0 + 2 * HOUR, T0 + 3 * HOUR);

    expect(listChannelPosts(slack)).toHaveLength(1);
    expect(app.services.alerts.listPosts(ALERT_CHANNEL)).toMatchObject([
      { kind: 'alert', postedAt: T0 + HOUR + 60_000 },
    ]);
  });

  it('does not post again an alert Slack accepted but the store could not record', async () => {
    const { slack, dataDir } = await startWorld();
    const app = await startApp(slack, dataDir, buildPlantedDrop());
    // A real SQLite failure (as a full disk gives) on the very write that keeps the post.
    app.store.db.exec(`CREATE TRIGGER refuse_post BEFORE INSERT ON leak_alert_posts
      BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);

    await checkAt(app, T0 + HOUR);
    expect(listChannelPosts(slack)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(HOUR);
    const postedAgain = () => listChannelPosts(slack).length > 1;
    const refused = () => app.logs.some((line) => line.includes('still cannot be recorded'));
    await waitInRealTime(() => refused() || postedAgain(), 'the next check to find the post unrecorded');
    expect(listChannelPosts(slack)).toHaveLength(1);
    app.store.db.exec('DROP TRIGGER refuse_post');
    await checkAt(app, T0 + 2 * HOUR + 60_000);
    await checkAt(app, T0 + 3 * HOUR);

    const posts = listChannelPosts(slack);
    expect(posts).toHaveLength(1);
    expect(app.services.alerts.listPosts(ALERT_CHANNEL)).toMatchObject([{ kind: 'alert', ts: posts[0]?.ts }]);
  });
});
