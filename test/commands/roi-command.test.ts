import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreServices } from '../../src/store/index.js';
import type { TestApp } from '../helpers/app-harness.js';
import { buttonsOf, clickButton, day, REP, runSlash, seedLead, shownText, startCommandApp } from './command-harness.js';

// Q4 2026 (the quarter of NOW, 25 Nov):
//   spring-expo   (trade show): Alpha won on Oct 20 for $30,000, Beta reached MQL; $10,000 event spend in October.
//   q4-google-ads (Google Ads): Gamma won on Nov 10 for $4,000, Delta is a lead;   $4,000 media spend in November.
function seedQuarter(services: StoreServices): void {
  const { leads, plans } = services;
  const ctx = (month: number, date: number) => ({ actor: REP, at: day(month, date) });
  const alpha = seedLead(leads, 'Alpha Inc', { source: 'trade-show', campaign: 'spring-expo', at: day(10, 5) });
  leads.moveStage(alpha.id, 'customer', ctx(10, 20), { value: 30_000 });
  const beta = seedLead(leads, 'Beta LLC', { source: 'trade-show', campaign: 'spring-expo', at: day(10, 6) });
  leads.moveStage(beta.id, 'mql', ctx(10, 10));
  const gamma = seedLead(leads, 'Gamma GmbH', { source: 'google-ads', campaign: 'q4-google-ads', at: day(11, 2) });
  leads.moveStage(gamma.id, 'customer', ctx(11, 10), { value: 4_000 });
  seedLead(leads, 'Delta SA', { source: 'google-ads', campaign: 'q4-google-ads', at: day(11, 3) });
  plans.recordSpend({ campaign: 'spring-expo', month: '2026-10', amount: 10_000, category: 'event' }, { actor: REP });
  plans.recordSpend({ campaign: 'q4-google-ads', month: '2026-11', amount: 4_000, category: 'media' }, { actor: REP });
}

let t: TestApp;

beforeAll(async () => {
  t = await startCommandApp({ seed: (_service, services) => seedQuarter(services) });
});

afterAll(async () => {
  await t.stop();
});

describe('/roi answers', () => {
  it('ranks every campaign of this quarter by ROI, first touch', async () => {
    const { reply } = await runSlash(t, '/roi', '');
    const shown = shownText(reply);

    expect(shown).toContain('ROI by campaign · this quarter (Q4 2026) · first touch');
    // spring-expo: (30,000 − 10,000) / 10,000 = +200%; q4-google-ads: (4,000 − 4,000) / 4,000 = 0%.
    expect(shown).toContain('1. *spring-expo* — ROI +200% · cost $10,000 · revenue $30,000 · 2 leads · 1 customer');
    expect(shown).toContain('2. *q4-google-ads* — ROI 0% · cost $4,000 · revenue $4,000 · 2 leads · 1 customer');
    expect(buttonsOf(reply).map((b) => b.label)).toEqual(['Share in channel']);
  });

  it('shows one campaign card with every figure and the model named', async () => {
    const { reply } = await runSlash(t, '/roi', 'spring-expo');
    const shown = shownText(reply);

    expect(shown).toContain('ROI · spring-expo · all time');
    // ROAS 30,000 / 10,000 event spend = 3.0×; CPL 10,000 / 2 leads = $5,000; CAC 10,000 / 1 customer = $10,000.
    // Alpha skipped MQL, SQL and Opportunity on its way to Customer, so it counts for each: MQL 2, SQL 1, Opps 1.
    for (const part of [
      '*Cost*\\n$10,000',
      '*Revenue* (first touch)\\n$30,000',
      '*ROI* (first touch)\\n+200%',
      '*ROAS*\\n3.0×',
      '*Leads*\\n2',
      '*MQL / SQL / Opps*\\n2 / 1 / 1',
      '*Customers*\\n1',
      '*CPL*\\n$5,000',
      '*CAC*\\n$10,000',
      'Lead 2 → MQL 2 → SQL 1 → Opportunity 1 → Customer 1',
    ]) {
      expect(shown).toContain(part);
    }
  });

  it('names the model asked for', async () => {
    const { reply } = await runSlash(t, '/roi', 'spring-expo this-quarter model:linear');
    expect(shownText(reply)).toContain('*ROI* (linear)\\n+200%');
  });

  it('answers an unknown campaign with the closest names', async () => {
    const { reply } = await runSlash(t, '/roi', 'sprng-expo');
    expect(reply.text).toBe('I have no campaign "sprng-expo". Closest: spring-expo.');
    expect(buttonsOf(reply)).toEqual([]);
  });

  it('shows a source card, with campaign spend booked to the source behind its leads', async () => {
    const { reply } = await runSlash(t, '/roi', 'source trade show');
    expect(shownText(reply)).toContain('ROI · Trade show · all time');
    expect(shownText(reply)).toContain('*ROI* (first touch)\\n+200%');
  });

  it('shares an answer in the channel without its buttons', async () => {
    const { reply } = await runSlash(t, '/roi', 'last-quarter');
    const { reply: shared } = await clickButton(t, reply, 'Share in channel');

    expect(shared.response_type).toBe('in_channel');
    expect(shared.replace_original).toBe(false);
    expect(buttonsOf(shared)).toEqual([]);
    expect(shownText(shared)).toContain('ROI by campaign · last quarter (Q3 2026)');
    expect(shownText(shared)).toContain('Shared by <@U0REP1>');
  });

  it('answers help', async () => {
    const { reply } = await runSlash(t, '/roi', 'help');
    expect(shownText(reply)).toContain('/roi cost &lt;campaign&gt; &lt;amount&gt;');
  });
});

describe('/roi for managers', () => {
  it('records spend for a manager', async () => {
    const before = t.services.plans.listSpend().length;
    const { reply } = await runSlash(t, '/roi', 'cost spring-expo 5k month:2026-11 category:agency', 'U0MANAGER');

    expect(reply.text).toBe(
      "Added $5,000 of agency spend on spring-expo for November 2026: the month's total went from $0 to $5,000. " +
        '/lead undo takes it back within 10 minutes.',
    );
    const spend = t.services.plans.listSpend();
    expect(spend).toHaveLength(before + 1);
    expect(spend.find((row) => row.category === 'agency')).toMatchObject({
      campaign: 'spring-expo',
      month: '2026-11',
      amount: 5000,
    });
  });

  it('refuses spend and targets from someone who is not a manager, changing nothing', async () => {
    const spend = t.services.plans.listSpend();
    const targets = t.services.plans.listTargets();
    const { reply } = await runSlash(t, '/roi', 'cost spring-expo 99k', 'U0REP1');
    const { reply: target } = await runSlash(t, '/roi', 'target sql 35%', 'U0REP1');

    expect(reply.text).toContain('Only managers can record spend, so nothing was changed.');
    expect(target.text).toContain('Only managers can record targets');
    expect(t.services.plans.listSpend()).toEqual(spend);
    expect(t.services.plans.listTargets()).toEqual(targets);
  });

  it('records a target as a rate or a count', async () => {
    const { reply } = await runSlash(t, '/roi', 'target sql 35%', 'U0MANAGER');
    const { reply: count } = await runSlash(t, '/roi', 'target mql 40 month:2026-12', 'U0MANAGER');

    expect(reply.text).toBe(
      'Planned 35% conversion into SQL for November 2026. /lead undo takes it back within 10 minutes.',
    );
    expect(count.text).toContain('Planned 40 leads reaching MQL for December 2026.');
    expect(
      t.services.plans.listTargets().map((target) => [target.month, target.stage, target.count, target.rate]),
    ).toEqual([
      ['2026-11', 'sql', null, 0.35],
      ['2026-12', 'mql', 40, null],
    ]);
  });

  it('sends the digest preview to the asker only, and posts it now only for a manager', async () => {
    const { reply } = await runSlash(t, '/roi', 'digest preview', 'U0REP1');
    expect(reply.text).toContain('Your digest preview is in your direct messages');
    expect(
      t.slack.messages.some((message) => message.kind === 'chat.postMessage' && message.channel === 'D0REP1'),
    ).toBe(true);

    const { reply: refused } = await runSlash(t, '/roi', 'digest now', 'U0REP1');
    expect(refused.text).toContain('Only managers can post the digest');
    expect(
      t.slack.messages.filter((message) => message.channel === 'C0GENERAL' && message.kind === 'chat.postMessage'),
    ).toEqual([]);

    const { reply: posted } = await runSlash(t, '/roi', 'digest now', 'U0MANAGER');
    expect(posted.text).toBe('Posted the digest.');
    expect(shownText(posted)).toContain('Posted the digest to <#C0GENERAL>.');
    expect(
      t.slack.messages.some((message) => message.channel === 'C0GENERAL' && message.kind === 'chat.postMessage'),
    ).toBe(true);
  });
});
