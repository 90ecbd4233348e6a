// The App Home tab through the real app and the fake Slack: a person opens the tab (app_home_opened over HTTP or
// Socket Mode), and the view Slack received is checked as a person would see it, and by the fake's own Block Kit
// checker. Then the buttons, the managers' modals, and the refresh after a digest.

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../src/domain/types.js';
import type { StoreServices } from '../../src/store/index.js';
import { checkView, type FakeSlack } from '../fakes/slack/index.js';
import type { TestApp } from '../helpers/app-harness.js';
import { buttonsOf, day, shownText, startCommandApp } from './command-harness.js';

const RAVI: Actor = { id: 'U0REP1', name: 'ravi' };
const ROSA: Actor = { id: 'U0REP2', name: 'rosa' };
const MARIA: Actor = { id: 'U0MANAGER', name: 'maria' };
const HOSTILE = '<!channel> Evil & Sons <https://x.example|click>';

function seedBook(_: unknown, services: StoreServices): void {
  const { leads, plans } = services;
  const create = (actor: Actor, company: string, source: string | undefined, at: number, campaign?: string) =>
    leads.createLead(
      { company, ...(source === undefined ? {} : { source }), campaign: campaign ?? null, value: 5_000 },
      { actor, at },
    );
  create(RAVI, HOSTILE, undefined, day(11, 20));
  create(RAVI, 'Ravi Known Source', 'thomasnet', day(11, 2), 'spring-expo');
  // Logged in August and never moved: stuck at Lead well past the usual time.
  create(RAVI, 'Ravi Stalled Co', 'google-ads', day(8, 3));
  create(ROSA, 'Rosa Unknown Co', undefined, day(11, 21));
  plans.changeSpend({ campaign: 'spring-expo', month: '2026-11', amount: 2_000, category: 'media' }, 'add', {
    actor: MARIA,
  });
}

async function openHome(t: TestApp, userId: string, to: 'http' | 'socket' = 'http') {
  const before = t.slack.homeViews.get(userId)?.publishes ?? 0;
  const ack = await t.slack.appHomeOpened({ userId, to });
  expect(ack.status).toBe(200);
  await vi.waitFor(() => expect(t.slack.homeViews.get(userId)?.publishes).toBe(before + 1), { timeout: 10_000 });
  // The view exactly as the app sent it (the recorded one carries Slack's echoed ids), checked by the fake's checker.
  const sent = t.slack.calls.findLast((call) => call.method === 'views.publish' && call.error === undefined)!.args;
  const published: unknown = typeof sent.view === 'string' ? JSON.parse(sent.view) : sent.view;
  expect(checkView(published, 'home')).toEqual([]);
  return t.slack.homeViews.get(userId)!.view as { type: string; id: string; blocks: unknown[] };
}

function dmsTo(slack: FakeSlack, channel: string) {
  return slack.messages.filter((message) => message.channel === channel && message.kind === 'chat.postMessage');
}

let t: TestApp;
afterEach(async () => {
  await t.stop();
});

describe('the App Home tab', () => {
  it('shows a rep the quarter, the runway chart, the weakest stage, the campaigns and their own leads only', async () => {
    t = await startCommandApp({ seed: seedBook });

    const view = await openHome(t, 'U0REP1');

    expect(view.type).toBe('home');
    const text = shownText(view);
    expect(text).toContain('ROI Runway · Q4 2026');
    expect(text).toContain('*New leads*');
    expect(text).toContain('Results Runway 2026');
    expect(text).toMatch(/No significant leak|Weakest stage/);
    expect(text).toContain('Campaigns to watch');
    expect(text).toContain('spring-expo');
    // Their own leads: the one without a source (escaped as typed), the stalled one; never Rosa's.
    expect(text).toContain('Your leads missing a source* (1)');
    expect(text).toContain('&lt;!channel&gt; Evil &amp; Sons &lt;https://x.example|click&gt;');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('Ravi Stalled Co');
    expect(text).not.toContain('Rosa Unknown Co');
    // The runway chart is an uploaded image, shown from its Slack file.
    const images = view.blocks.filter((block) => (block as { type: string }).type === 'image');
    expect(images).toEqual([expect.objectContaining({ slack_file: { id: t.slack.files[0]?.id } })]);
    expect(buttonsOf(view).map((b) => b.label)).toEqual(['Log a lead', '/roi', '/funnel', 'Find duplicates']);
  });

  it('gives a manager the spend, targets and visits buttons too, over Socket Mode, and reuses the chart', async () => {
    t = await startCommandApp({ mode: 'socket', seed: seedBook });

    const first = await openHome(t, 'U0MANAGER', 'socket');
    await openHome(t, 'U0REP2', 'socket');
    const again = await openHome(t, 'U0MANAGER', 'socket');

    expect(buttonsOf(first).map((b) => b.label)).toEqual([
      ...['Log a lead', '/roi', '/funnel', 'Find duplicates'],
      ...['Record spend', 'Set targets', 'Record visits'],
    ]);
    expect(shownText(again)).toContain('Every lead of yours has a source.');
    // Three opens, one picture: the runway has not changed, so its upload is reused.
    expect(t.slack.files).toHaveLength(1);
    expect(shownText(t.slack.homeViews.get('U0REP2')!.view)).toContain('Rosa Unknown Co');
  });

  it('ignores the Messages tab', async () => {
    t = await startCommandApp({ seed: seedBook });

    const ack = await t.slack.appHomeOpened({ userId: 'U0REP1', tab: 'messages' });
    await openHome(t, 'U0REP2');

    expect(ack.status).toBe(200);
    expect(t.slack.homeViews.has('U0REP1')).toBe(false);
  });

  it('waits for Slack to process a fresh chart, then shows it', async () => {
    t = await startCommandApp({ seed: seedBook, fakeSlack: { fileProcessingMs: 300, clock: () => Date.now() } });

    const view = await openHome(t, 'U0REP1');

    const refused = t.slack.calls.filter((call) => call.method === 'views.publish' && call.error !== undefined);
    expect(refused.map((call) => call.error)).toEqual(['invalid_arguments']);
    expect(view.blocks).toContainEqual(expect.objectContaining({ type: 'image' }));
  });

  it('republishes the tabs opened lately after a digest is posted', async () => {
    t = await startCommandApp({ seed: seedBook });
    await openHome(t, 'U0REP1');
    await openHome(t, 'U0MANAGER');
    t.services.leads.createLead({ company: 'After Open Unknown' }, { actor: RAVI, at: day(11, 24) });

    const result = await t.deps.runDigest!({ mode: 'now', userId: 'U0MANAGER' });

    expect(result.posted).toBe(true);
    await vi.waitFor(() => expect(t.slack.homeViews.get('U0REP1')?.publishes).toBe(2), { timeout: 10_000 });
    await vi.waitFor(() => expect(t.slack.homeViews.get('U0MANAGER')?.publishes).toBe(2), { timeout: 10_000 });
    expect(shownText(t.slack.homeViews.get('U0REP1')!.view)).toContain('After Open Unknown');
    expect(t.slack.homeViews.has('U0REP2')).toBe(false);
  });
});

describe('the Home tab buttons', () => {
  async function click(userId: string, label: string) {
    const view = await openHome(t, userId);
    const button = buttonsOf(view).find((candidate) => candidate.label === label);
    if (button === undefined) throw new Error(`no ${label} button`);
    const result = await t.slack.blockAction({ userId, actionId: button.actionId, blockId: button.blockId, view });
    expect([result.status, result.ackBody]).toEqual([200, {}]);
    return result;
  }

  it('answers /roi, /funnel and duplicates in a direct message, and opens the Log a lead modal', async () => {
    t = await startCommandApp({ seed: seedBook });

    await click('U0REP1', '/roi');
    await click('U0REP1', '/funnel');
    await click('U0REP1', 'Find duplicates');
    await click('U0REP1', 'Log a lead');

    await vi.waitFor(() => expect(dmsTo(t.slack, 'D0REP1')).toHaveLength(3), { timeout: 10_000 });
    const shown = dmsTo(t.slack, 'D0REP1').map(shownText);
    expect(shown).toContainEqual(expect.stringContaining('ROI by campaign · Q4 2026'));
    expect(shown.find((text) => text.includes('ROI by campaign'))).toContain('spring-expo');
    expect(shown).toContainEqual(expect.stringContaining('Funnel'));
    expect(shown).toContainEqual(expect.stringContaining('No likely duplicates among 4 leads.'));
    await vi.waitFor(() => expect(t.slack.views.map((view) => view.callbackId)).toEqual(['log_lead_modal']));
  });

  it('opens the year’s plan form for a manager', async () => {
    t = await startCommandApp({ seed: seedBook });

    await click('U0MANAGER', 'Set targets');

    await vi.waitFor(() => expect(t.slack.views.map((view) => view.callbackId)).toEqual(['target_plan_modal']));
    expect(shownText(t.slack.views[0]!.view)).toContain('2026');
  });

  it('refuses a rep the managers’ forms, changing nothing', async () => {
    t = await startCommandApp({ seed: seedBook });
    const view = await openHome(t, 'U0REP1');

    await t.slack.blockAction({ userId: 'U0REP1', actionId: 'home_record_spend', blockId: 'home:managers', view });

    await vi.waitFor(() => expect(dmsTo(t.slack, 'D0REP1')).toHaveLength(1));
    expect(dmsTo(t.slack, 'D0REP1')[0]?.text).toContain('Only managers can record spend');
    expect(t.slack.views).toEqual([]);
  });

  it('records spend from the manager’s modal: bad fields keep it open, a good one adds and confirms', async () => {
    t = await startCommandApp({ seed: seedBook });
    await click('U0MANAGER', 'Record spend');
    await vi.waitFor(() => expect(t.slack.views).toHaveLength(1));
    const modal = t.slack.views[0]!;
    expect(modal.callbackId).toBe('home_spend_modal');
    const values = (campaign: string, amount: string, month: string) => ({
      spend_campaign: { value: { type: 'plain_text_input', value: campaign } },
      spend_amount: { value: { type: 'plain_text_input', value: amount } },
      spend_month: { value: { type: 'plain_text_input', value: month } },
      spend_category: { value: { type: 'static_select', selected_option: { value: 'event' } } },
      spend_mode: { value: { type: 'radio_buttons', selected_option: { value: 'add' } } },
    });

    const bad = await t.slack.viewSubmission({
      userId: 'U0MANAGER',
      view: {
        id: modal.id,
        callback_id: 'home_spend_modal',
        state: { values: values('spring expo', 'lots', '2026-13') },
      },
    });
    const good = await t.slack.viewSubmission({
      userId: 'U0MANAGER',
      view: {
        id: modal.id,
        callback_id: 'home_spend_modal',
        state: { values: values('Spring Expo', '2.5k', '2026-11') },
      },
    });

    expect(bad.ackBody).toMatchObject({
      response_action: 'errors',
      errors: { spend_amount: expect.any(String), spend_month: expect.any(String) },
    });
    expect(Object.keys((bad.ackBody as { errors: object }).errors)).not.toContain('spend_campaign');
    expect(good.ackBody).toEqual({});
    await vi.waitFor(() => expect(dmsTo(t.slack, 'D0MANAGER')).toHaveLength(1));
    expect(dmsTo(t.slack, 'D0MANAGER')[0]?.text).toContain(
      'Added $2,500 of event spend on spring-expo for November 2026',
    );
    const spend = t.services.plans.listSpend().filter((row) => row.category === 'event');
    expect(spend.map((row) => [row.campaign, row.month, row.amount])).toEqual([['spring-expo', '2026-11', 2_500]]);
  });

  it('records visits from the manager’s modal, refusing a bad count', async () => {
    t = await startCommandApp({ seed: seedBook });
    await click('U0MANAGER', 'Record visits');
    await vi.waitFor(() => expect(t.slack.views).toHaveLength(1));
    const modal = t.slack.views[0]!;
    expect(modal.callbackId).toBe('home_visits_modal');
    const values = (visits: string) => ({
      visits_month: { value: { type: 'plain_text_input', value: '2026-10' } },
      visits_count: { value: { type: 'plain_text_input', value: visits } },
      visits_source: { value: { type: 'static_select', selected_option: { value: 'organic-search' } } },
      visits_mode: { value: { type: 'radio_buttons', selected_option: { value: 'set' } } },
    });

    const bad = await t.slack.viewSubmission({
      userId: 'U0MANAGER',
      view: { id: modal.id, callback_id: 'home_visits_modal', state: { values: values('-40') } },
    });
    const good = await t.slack.viewSubmission({
      userId: 'U0MANAGER',
      view: { id: modal.id, callback_id: 'home_visits_modal', state: { values: values('12.4k') } },
    });

    expect(bad.ackBody).toMatchObject({ response_action: 'errors', errors: { visits_count: expect.any(String) } });
    expect(good.ackBody).toEqual({});
    await vi.waitFor(() => expect(dmsTo(t.slack, 'D0MANAGER')).toHaveLength(1));
    expect(dmsTo(t.slack, 'D0MANAGER')[0]?.text).toContain('12,400');
    const visits = t.services.plans.listVisits();
    expect(visits.map((row) => [row.month, row.source, row.visits])).toEqual([['2026-10', 'organic-search', 12_400]]);
  });
});
