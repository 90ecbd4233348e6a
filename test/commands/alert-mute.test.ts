// The buttons under a leak alert, clicked through the fake Slack: "Mute for a month" is for managers only (anyone
// else gets a refusal only they see, and nothing changes); a manager's mute marks the alert and holds back the
// transition's alerts, across a restart, until the same time a month later. "Show the funnel" answers anyone.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LEAK_ALERT_FUNNEL_ACTION, LEAK_ALERT_MUTE_ACTION } from '../../digests/alert-messages.js';
import {
  buildPlantedDrop,
  CONVERSION_DAYS,
  DROP_AT,
  HOUR,
  listDropIds,
  loadLeads,
  T0,
} from '../digests/alert-fixture.js';
import type { FakeSlack, RecordedMessage } from '../fakes/slack/index.js';
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

const DAY = 24 * HOUR;
const RAVI = { id: 'U0REP1', name: 'Ravi Rep' };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.useRealTimers();
});

interface World {
  slack: FakeSlack;
  dataDir: string;
  app: TestApp;
  dropIds: string[];
}

/** The planted drop alerted at T0 + 1 h. */
async function startAlerted(): Promise<World> {
  const slack = await startAlertSlack(T0 - 5 * 60_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'roi-runway-mute-'));
  cleanups.push(() => slack.close());
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const leads = buildPlantedDrop();
  const app = await startStoppable(slack, dataDir, (rig) => loadLeads(rig.services, leads));
  await checkAt(app, T0 + HOUR);
  expect(listChannelPosts(slack)).toHaveLength(1);
  return { slack, dataDir, app, dropIds: listDropIds(leads) };
}

async function startStoppable(
  slack: FakeSlack,
  dataDir: string,
  seed?: Parameters<typeof startAlertApp>[2],
): Promise<TestApp> {
  const app = await startAlertApp(slack, dataDir, seed);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.stop();
  };
  cleanups.push(stop);
  return { ...app, stop };
}

function clickMute(slack: FakeSlack, alert: RecordedMessage, userId: string) {
  const value = JSON.stringify({ transition: 'lead' });
  return slack.blockAction({
    userId,
    actionId: LEAK_ALERT_MUTE_ACTION,
    value,
    message: { ts: alert.ts, channel: ALERT_CHANNEL, text: alert.text, blocks: alert.blocks },
  });
}

describe('"Mute for a month" under a leak alert', () => {
  it('refuses a rep with a reply only they see, and mutes nothing', async () => {
    const { slack, app } = await startAlerted();
    const [alert] = listChannelPosts(slack);
    if (alert === undefined) throw new Error('no alert');

    const click = await clickMute(slack, alert, RAVI.id);
    const [reply] = await click.waitForResponses(1);

    expect(click.status).toBe(200);
    expect(reply).toMatchObject({ response_type: 'ephemeral', replace_original: false, user: RAVI.id });
    expect(reply?.text).toContain('Only managers can mute leak alerts, so nothing was changed.');
    expect(app.services.alerts.readRecords(ALERT_CHANNEL).get('lead')).toMatchObject({ mutedUntil: null });
    expect(alert.edits).toBe(0);
    expect(readBlockText(alert)).toContain('Mute for a month');
  });

  it('lets a manager mute: the alert says so, no alert comes for a month, then one does', async () => {
    const { slack, dataDir, app, dropIds } = await startAlerted();
    const [alert] = listChannelPosts(slack);
    if (alert === undefined) throw new Error('no alert');
    // The drop recovers: half of it converted. The recovery is posted a day later (announced state back to ok).
    for (const id of dropIds.slice(0, 50))
      app.services.leads.moveStage(id, 'mql', { actor: RAVI, at: DROP_AT + 2 * DAY });
    await checkHourly(app, T0 + 2 * HOUR, T0 + 26 * HOUR);
    expect(listChannelPosts(slack)).toHaveLength(2);

    // Wed Nov 25, 12:00 UTC: the manager mutes Lead → MQL from the first alert, until Fri Dec 25, 12:00.
    await clickMute(slack, alert, 'U0MANAGER');
    await waitInRealTime(() => alert.edits === 1, 'the alert to be marked muted');
    expect(readBlockText(alert)).toContain(
      ':no_bell: Muted by <@U0MANAGER> until Dec 25, 2026: no alerts for Lead → MQL',
    );
    expect(readBlockText(alert)).toContain('Show the funnel');
    expect(readBlockText(alert)).not.toContain('Mute for a month');
    const muteEnd = Date.UTC(2026, 11, 25, 12);
    expect(app.services.alerts.readRecords(ALERT_CHANNEL).get('lead')).toMatchObject({
      mutedUntil: muteEnd,
      mutedBy: 'U0MANAGER',
      mutedAt: T0 + 26 * HOUR,
    });

    // A second drop, mature at once: significant again, but muted.
    const arrived = T0 + 26 * HOUR - CONVERSION_DAYS * DAY - HOUR;
    for (let i = 0; i < 100; i += 1) {
      app.services.leads.createLead(
        { company: `Second Drop ${i}`, source: 'trade-show', createdAt: arrived },
        { actor: RAVI },
      );
    }
    await checkHourly(app, T0 + 27 * HOUR, T0 + 29 * HOUR);
    expect(listChannelPosts(slack)).toHaveLength(2);
    expect(app.logs.some((line) => line.includes('A leak alert is held back by a mute'))).toBe(true);

    // Restarted an hour before the mute ends: still nothing; at the mute's end, the alert.
    await app.stop();
    vi.setSystemTime(muteEnd - HOUR);
    const restarted = await startStoppable(slack, dataDir);
    expect(listChannelPosts(slack)).toHaveLength(2);
    await checkAt(restarted, muteEnd);

    const posts = listChannelPosts(slack);
    expect(posts).toHaveLength(3);
    expect(readBlockText(posts[2])).toContain('Leak alert: Lead → MQL');
  });
});

describe('"Show the funnel" under a leak alert', () => {
  it('answers whoever clicks with the funnel of the last 90 days, only to them', async () => {
    const { slack } = await startAlerted();

    const click = await slack.blockAction({ userId: RAVI.id, actionId: LEAK_ALERT_FUNNEL_ACTION, value: 'last-90d' });
    const [reply] = await click.waitForResponses(1);

    expect(reply).toMatchObject({ response_type: 'ephemeral', user: RAVI.id });
    expect(readBlockText(reply)).toContain('Lead → MQL');
  });
});
