import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TestApp } from '../helpers/app-harness.js';
import { runSlash, startCommandApp } from './command-harness.js';

const MANAGER = 'U0MANAGER';
let t: TestApp;
beforeEach(async () => {
  t = await startCommandApp();
});
afterEach(async () => {
  await t.stop();
});

const visitRows = () => t.services.plans.listVisits().map((row) => [row.month, row.source, row.visits]);
const targetRows = () =>
  t.services.plans.listTargets().map((target) => [target.month, target.stage, target.count, target.rate]);

describe('/roi visits', () => {
  it('adds a second report of the month, replaces it with set:, and shows the month before and after', async () => {
    const { reply } = await runSlash(t, '/roi', 'visits 2026-11 12400 source:"organic search"', MANAGER);
    expect(reply.text).toBe(
      "Added 12,400 visits from Organic search for November 2026: the month's visits went from 0 to 12,400. " +
        '/lead undo takes it back within 10 minutes.',
    );
    const { reply: more } = await runSlash(t, '/roi', 'visits 2026-11 600 source:seo', MANAGER);
    expect(more.text).toContain(
      "Added 600 visits from Organic search for November 2026: the month's visits went from 12,400 to 13,000.",
    );
    const { reply: again } = await runSlash(t, '/roi', 'visits 2026-11 set:12,650 source:seo', MANAGER);
    expect(again.text).toContain(
      "Set the visits from Organic search for November 2026: the month's visits went from 13,000 to 12,650.",
    );
    const { reply: site } = await runSlash(t, '/roi', 'visits 2026-10 set: 30.5k', MANAGER);
    expect(site.text).toContain(
      "Set the visits to the whole site for October 2026: the month's visits went from 0 to 30,500.",
    );
    expect(visitRows()).toEqual([
      ['2026-10', null, 30_500],
      ['2026-11', 'organic-search', 12_650],
    ]);
  });

  it('undoes just the last addition', async () => {
    await runSlash(t, '/roi', 'visits 2026-11 12400', MANAGER);
    await runSlash(t, '/roi', 'visits 2026-11 600', MANAGER);
    const { reply } = await runSlash(t, '/lead', 'undo', MANAGER);
    expect(reply.text).toBe('Undid your addition to the visits record (all sources, 2026-11).');
    expect(visitRows()).toEqual([['2026-11', null, 12_400]]);
  });

  it('changes nothing for someone who is not a manager, an unknown source or a count that is not one', async () => {
    const { reply: rep } = await runSlash(t, '/roi', 'visits 2026-11 12400', 'U0REP1');
    expect(rep.text).toContain('Only managers can record visits, so nothing was changed.');
    const { reply: unknown } = await runSlash(t, '/roi', 'visits 2026-11 12400 source:tiktokk', MANAGER);
    expect(unknown.text).toMatch(/^source: "tiktokk" is not a source I know, so nothing was recorded\./);
    const { reply: fraction } = await runSlash(t, '/roi', 'visits 2026-11 12.45', MANAGER);
    expect(fraction.text).toContain('"12.45" is not a whole number of visits.');
    const { reply: month } = await runSlash(t, '/roi', 'visits 11-2026 12400', MANAGER);
    expect(month.text).toContain('is not a month: write it as YYYY-MM');
    expect(visitRows()).toEqual([]);
  });
});

describe('/roi target for a year', () => {
  it('plans the same count for each month of a range, in one go', async () => {
    const { reply } = await runSlash(t, '/roi', 'target sql 20 month:2026-01..2026-12', MANAGER);
    expect(reply.text).toContain(
      'Planned 20 leads reaching SQL for each month from January 2026 to December 2026 (12 months).',
    );
    expect(targetRows()).toHaveLength(12);
    expect(targetRows()[0]).toEqual(['2026-01', 'sql', 20, null]);
    expect(targetRows()[11]).toEqual(['2026-12', 'sql', 20, null]);
  });

  it('plans visits as a count, and refuses a reversed range or a visits rate', async () => {
    const { reply } = await runSlash(t, '/roi', 'target visits 6000 month:2027-01', MANAGER);
    expect(reply.text).toContain('Planned 6,000 visits for January 2027.');
    const { reply: reversed } = await runSlash(t, '/roi', 'target sql 20 month:2026-12..2026-01', MANAGER);
    expect(reversed.text).toBe('month: 2026-12 comes after 2026-01.');
    const { reply: rate } = await runSlash(t, '/roi', 'target visits 5%', MANAGER);
    expect(rate.text).toContain('Visits are planned as a count a month');
    expect(targetRows()).toEqual([['2027-01', 'visits', 6_000, null]]);
  });
});

describe('/roi target plan', () => {
  async function openPlan(userId = MANAGER, text = 'target plan 2026') {
    const result = await t.slack.slashCommand({ command: '/roi', text, userId });
    expect(result.ackBody).toEqual({});
    await vi.waitFor(() => expect(t.slack.views.filter((view) => view.userId === userId)).toHaveLength(1));
    return t.slack.views[0]!;
  }

  const line = (value: string) => ({ values: { type: 'plain_text_input', value } });

  function submit(values: Record<string, string>) {
    return t.slack.viewSubmission({
      userId: MANAGER,
      view: {
        callback_id: 'target_plan_modal',
        state: { values: Object.fromEntries(Object.entries(values).map(([block, value]) => [block, line(value)])) },
      },
    });
  }

  it('opens a year of 12 months × stages, prefilled with what is recorded, within Slack’s modal rules', async () => {
    t.services.plans.recordTarget(
      { month: '2026-03', stage: 'sql', count: 25, rate: 0.4 },
      { actor: { id: MANAGER, name: 'm' } },
    );
    const opened = await openPlan();
    const view = opened.view as {
      title: { text: string };
      blocks: { block_id?: string; element?: { initial_value?: string } }[];
    };

    // The fake checked the view at views.open with its own Block Kit rules (it refuses what Slack refuses).
    expect(view.title.text).toBe('Plan 2026');
    expect(view.blocks.map((block) => block.block_id).filter(Boolean)).toEqual([
      'count_visits',
      'count_lead',
      'count_mql',
      'count_sql',
      'count_opportunity',
      'count_customer',
      'rate_mql',
      'rate_sql',
      'rate_opportunity',
      'rate_customer',
    ]);
    const initial = (id: string) => view.blocks.find((block) => block.block_id === id)?.element?.initial_value;
    expect(initial('count_sql')).toBe('-, -, 25, -, -, -, -, -, -, -, -, -');
    expect(initial('rate_sql')).toBe('-, -, 40%, -, -, -, -, -, -, -, -, -');
    expect(initial('count_lead')).toBeUndefined();
  });

  it('keeps the modal open with the reason under each wrong line, saving nothing', async () => {
    await openPlan();
    const result = await submit({
      count_lead: '120, 130, 140',
      rate_sql: '35%, 35%, abc, 35%, 35%, 35%, 35%, 35%, 35%, 35%, 35%, 35%',
      count_visits: '9000, 9000, 9000, 9000, 9000, 9000, 9000, 9000, 9000, 9000, 9000, 9000',
    });

    expect(result.ackBody).toEqual({
      response_action: 'errors',
      errors: {
        count_lead:
          'Give 12 values, one per month from January to December (this line has 3); - leaves a month as it is.',
        rate_sql: 'March: "abc" is not a rate (a percentage up to 100%, e.g. 35%).',
      },
    });
    expect(targetRows()).toEqual([]);
    expect(t.slack.views[0]?.closed).toBe(false);
  });

  it('saves every month given in one go and confirms by DM; "-" leaves a month as it is', async () => {
    t.services.plans.recordTarget(
      { month: '2026-02', stage: 'lead', count: 99 },
      { actor: { id: MANAGER, name: 'm' } },
    );
    await openPlan();
    const result = await submit({
      count_visits: '5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000',
      count_lead: '120, -, 140, , , , , , , , , 200',
      rate_customer: '-, -, -, -, -, -, -, -, -, -, -, 33%',
    });

    expect(result.ackBody).toEqual({});
    expect(t.slack.views[0]?.closed).toBe(true);
    await vi.waitFor(() =>
      expect(t.slack.messages.filter((message) => message.channel === 'D0MANAGER')).toHaveLength(1),
    );
    const dm = t.slack.messages.find((message) => message.channel === 'D0MANAGER');
    // 12 visits + 3 leads + 1 rate = 16 monthly targets; February's 99 leads stay as they were.
    expect(dm?.text).toBe(
      'Saved the plan for 2026: 16 monthly targets changed, 0 already as planned. /roi runway 2026 shows it against what happens.',
    );
    const rows = targetRows();
    expect(rows.filter(([, stage]) => stage === 'visits')).toHaveLength(12);
    expect(rows.filter(([, stage]) => stage === 'lead')).toEqual([
      ['2026-01', 'lead', 120, null],
      ['2026-02', 'lead', 99, null],
      ['2026-03', 'lead', 140, null],
      ['2026-12', 'lead', 200, null],
    ]);
    expect(rows.filter(([, stage]) => stage === 'customer')).toEqual([['2026-12', 'customer', null, 0.33]]);
  });

  it('opens nothing for someone who is not a manager', async () => {
    const { reply } = await runSlash(t, '/roi', 'target plan', 'U0REP1');
    expect(reply.text).toContain('Only managers can record targets');
    expect(t.slack.views).toEqual([]);
  });
});
