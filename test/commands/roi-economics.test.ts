// Unit economics where a person asks `/roi`: cost per stage, CAC beside blended CAC, CLV and CLV:CAC and the
// pipeline on a campaign's card (beside its lag-aware verdict), and the quarter's totals above the ranking — through
// the real app and fake Slack.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreServices } from '../../src/store/index.js';
import type { TestApp } from '../helpers/app-harness.js';
import { day, REP, runSlash, seedLead, shownText, startCommandApp } from './command-harness.js';

// Q4 2026 (the quarter of NOW, 25 Nov):
//   spring-expo: Alpha won Oct 20 for $30,000 (skipping every stage); Beta reached MQL; Gamma is an open
//     opportunity worth $40,000 (skipped MQL); Delta was an opportunity, lost on Oct 30 ("Price").
//     October spend: $10,000 event (direct) and $2,000 salaries (hidden).
//   q4-google-ads: Epsilon won Nov 10 for $4,000; $4,000 media in November.
//   $6,000 overhead in November, booked to no campaign.
function seedQuarter(services: StoreServices): void {
  const { leads, plans } = services;
  const ctx = (month: number, date: number) => ({ actor: REP, at: day(month, date) });
  const expo = { source: 'trade-show', campaign: 'spring-expo' };
  const alpha = seedLead(leads, 'Alpha Inc', { ...expo, at: day(10, 5) });
  leads.moveStage(alpha.id, 'customer', ctx(10, 20), { value: 30_000 });
  const beta = seedLead(leads, 'Beta LLC', { ...expo, at: day(10, 6) });
  leads.moveStage(beta.id, 'mql', ctx(10, 10));
  const gamma = seedLead(leads, 'Gamma GmbH', { ...expo, at: day(10, 7) });
  leads.moveStage(gamma.id, 'sql', ctx(10, 12));
  leads.moveStage(gamma.id, 'opportunity', ctx(10, 15), { value: 40_000 });
  const delta = seedLead(leads, 'Delta SA', { ...expo, at: day(10, 8) });
  leads.moveStage(delta.id, 'opportunity', ctx(10, 14), { value: 12_000 });
  leads.markLost(delta.id, 'Price', ctx(10, 30));
  const epsilon = seedLead(leads, 'Epsilon AG', { source: 'google-ads', campaign: 'q4-google-ads', at: day(11, 2) });
  leads.moveStage(epsilon.id, 'customer', ctx(11, 10), { value: 4_000 });
  const manager = { actor: REP };
  plans.recordSpend({ campaign: 'spring-expo', month: '2026-10', amount: 10_000, category: 'event' }, manager);
  plans.recordSpend({ campaign: 'spring-expo', month: '2026-10', amount: 2_000, category: 'salaries' }, manager);
  plans.recordSpend({ campaign: 'q4-google-ads', month: '2026-11', amount: 4_000, category: 'media' }, manager);
  plans.recordSpend({ campaign: null, month: '2026-11', amount: 6_000, category: 'overhead' }, manager);
}

describe('/roi with the default CLV settings', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startCommandApp({ seed: (_service, services) => seedQuarter(services) });
  });

  afterAll(async () => {
    await t.stop();
  });

  it("shows a campaign's cost per stage, CAC and blended CAC, CLV, CLV:CAC and pipeline", async () => {
    const { reply } = await runSlash(t, '/roi', 'spring-expo this-quarter');
    const shown = shownText(reply);

    // Q4: 4 new leads; MQLs Alpha, Beta, Gamma, Delta (skips count) = 4; SQLs and opportunities Alpha, Gamma,
    // Delta = 3; 1 customer. Direct spend $10,000, salaries $2,000.
    for (const part of [
      '*Cost*\\n$12,000',
      '*ROI* (first touch)\\n+150%', // (30,000 − 12,000) / 12,000
      '*CPL*\\n$2,500', // direct 10,000 / 4 leads
      '*CAC*\\n$10,000', // direct 10,000 / 1
      '*Cost per MQL / SQL / Opp*\\n$2,500 / $3,333 / $3,333', // 10,000 / 4, / 3, / 3
      '*Blended CAC*\\n$12,000', // (10,000 + 2,000) / 1
      '*CLV*\\n$90,000', // 30,000 × 1 purchase a year × 3 years
      '*CLV:CAC*\\n7.5:1', // 90,000 / 12,000
      // Decided: Alpha and Epsilon won, Delta lost = 2 of 3; spring-expo has 2 decided, so the team's rate:
      // Gamma's 40,000 × 2/3 = 26,667.
      '*Pipeline*\\n$26,667 · 1 open opportunity, $40,000 × 67% win rate',
      'Cost = $10,000 direct + $2,000 salaries and overhead; CAC and cost per stage use direct spend',
      'CLV = average won deal × 1 purchase a year × 3 years; CLV:CAC divides by blended CAC',
      "Win rate: the team's; this campaign has 2 decided, its own counts from 10",
      // The lag-aware lines stay beside the unit economics: Alpha won, Delta lost = 2 of 4 leads settled.
      '*Paying* — +150% so far, projected ',
      'Its 4 leads of the period: $30,000 won so far (1 customer)',
      '50% of these leads are won, lost or past the point where leads usually close · paid back in Oct 2026',
    ]) {
      expect(shown).toContain(part);
    }
  });

  it('leaves out blended CAC for a campaign without salaries or overhead', async () => {
    const { reply } = await runSlash(t, '/roi', 'q4-google-ads this-quarter');
    const shown = shownText(reply);

    expect(shown).toContain('*CAC*\\n$4,000');
    expect(shown).not.toContain('Blended CAC');
    expect(shown).toContain('*CLV:CAC*\\n3.0:1'); // 4,000 × 3 = 12,000 / 4,000
    expect(shown).toContain('*Pipeline*\\n$0 · no open opportunity');
  });

  it("puts the quarter's totals above the ranking: blended CAC, CLV:CAC and pipeline", async () => {
    const { reply } = await runSlash(t, '/roi', '');
    const shown = shownText(reply);

    // 5 new leads, Alpha and Epsilon won 34,000; direct 14,000, hidden 2,000 + 6,000.
    for (const part of [
      '*New leads*\\n5',
      '*Customers*\\n2',
      '*Revenue*\\n$34,000',
      '*Direct spend*\\n$14,000',
      '*ROI*\\n+143%', // (34,000 − 14,000) / 14,000
      '*CAC / blended CAC*\\n$7,000 / $11,000', // 14,000 / 2; 22,000 / 2
      '*CLV*\\n$51,000', // 17,000 average × 3
      '*CLV:CAC*\\n4.6:1', // 51,000 / 11,000 = 4.64
      '*Pipeline*\\n$26,667',
      '1. *spring-expo* — ROI +150%',
      // Ranked by the lag-aware ROI under the totals: each judged line ends with its projection.
      '4 leads · 1 customer · projected +',
    ]) {
      expect(shown).toContain(part);
    }
  });
});

describe('/roi with PURCHASES_PER_YEAR and RETENTION_YEARS set', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startCommandApp({
      seed: (_service, services) => seedQuarter(services),
      env: { PURCHASES_PER_YEAR: '2', RETENTION_YEARS: '4' },
    });
  });

  afterAll(async () => {
    await t.stop();
  });

  it('computes CLV from the configured purchases and retention', async () => {
    const { reply } = await runSlash(t, '/roi', 'spring-expo this-quarter');
    const shown = shownText(reply);

    expect(shown).toContain('*CLV*\\n$240,000'); // 30,000 × 2 × 4
    expect(shown).toContain('*CLV:CAC*\\n20.0:1'); // 240,000 / 12,000
    expect(shown).toContain('CLV = average won deal × 2 purchases a year × 4 years');
  });
});
