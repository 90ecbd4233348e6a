import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreServices } from '../../src/store/index.js';
import type { TestApp } from '../helpers/app-harness.js';
import { buttonsOf, clickButton, day, REP, runSlash, seedLead, shownText, startCommandApp } from './command-harness.js';

// 40 leads created Oct 1–20 (20 Thomasnet, 20 Referral); 8 reached MQL on Oct 22 (2 Thomasnet, 6 Referral); 2 of
// those (Referral) became customers on Oct 25 for $10,000 each. The plan for October: 80% of leads become MQLs.
function seedLeak(services: StoreServices): void {
  const { leads, plans } = services;
  for (let i = 0; i < 40; i += 1) {
    const source = i < 20 ? 'thomasnet' : 'referral';
    const lead = seedLead(leads, `Company ${i}`, { source, at: day(10, 1 + (i % 20)) });
    const converts = (i >= 0 && i < 2) || (i >= 20 && i < 26);
    if (converts) leads.moveStage(lead.id, 'mql', { actor: REP, at: day(10, 22) });
    if (i >= 20 && i < 22) leads.moveStage(lead.id, 'customer', { actor: REP, at: day(10, 25) }, { value: 10_000 });
  }
  plans.recordTarget({ month: '2026-10', stage: 'mql', rate: 0.8 }, { actor: REP });
}

let t: TestApp;

beforeAll(async () => {
  t = await startCommandApp({ seed: (_service, services) => seedLeak(services) });
});

afterAll(async () => {
  await t.stop();
});

describe('/funnel', () => {
  it('shows counts and rates of the last 90 days and the weakest stage with its cost and sources', async () => {
    const { reply } = await runSlash(t, '/funnel', '');
    const shown = shownText(reply);

    // 8 / 40 = 20%, 2 / 8 = 25%, 2 / 2 = 100%.
    expect(shown).toContain('*Lead* 40\\n*MQL* 8 (20% of Lead)\\n*SQL* 2 (25% of MQL)\\n*Opportunity* 2 (100% of SQL)');
    expect(shown).toContain('Weakest stage: Lead → MQL* converts 20% (8 of 40,');
    expect(shown).toContain('vs target 80%');
    // Missing 0.8 × 40 − 8 = 24 conversions × P(customer | MQL) 2/8 × average won $10,000 = $60,000.
    expect(shown).toContain('About 24 missing conversions, costing about *$60,000*');
    // Thomasnet misses 0.8 × 20 − 2 = 14, Referral 0.8 × 20 − 6 = 10.
    expect(shown).toContain('Driven by: Thomasnet (2 of 20), Referral (6 of 20).');
    expect(reply.text).toContain('40 new leads, weakest stage Lead → MQL');
    expect(buttonsOf(reply).map((b) => b.label)).toEqual(['Share in channel']);
  });

  it('narrows to one source', async () => {
    const { reply } = await runSlash(t, '/funnel', 'last-90d source:thomasnet');
    const shown = shownText(reply);

    expect(shown).toContain('Only source: Thomasnet');
    expect(shown).toContain('*Lead* 20\\n*MQL* 2 (10% of Lead)');
    // 0.8 × 20 − 2 = 14 missing × 2/8 × $10,000 = $35,000.
    expect(shown).toContain('About 14 missing conversions, costing about *$35,000*');
  });

  it('says there is no significant leak, and why, for a period without leads', async () => {
    const { reply } = await runSlash(t, '/funnel', '2026-Q1');
    expect(shownText(reply)).toContain('No new leads in Q1 2026.');
    expect(shownText(reply)).toContain('No significant leak: not enough mature leads yet.');
  });

  it('suggests the source meant when a filter has a typo', async () => {
    const { reply } = await runSlash(t, '/funnel', 'source:thomsnet');
    expect(reply.text).toBe('source: "thomsnet" is not a source I know. Did you mean thomasnet?');
    expect(buttonsOf(reply)).toEqual([]);
  });

  it('explains an unknown period', async () => {
    const { reply } = await runSlash(t, '/funnel', 'next-year');
    expect(reply.text).toContain('Unknown period "next-year"');
  });

  it('shares the funnel in the channel', async () => {
    const { reply } = await runSlash(t, '/funnel', 'source:referral');
    const { reply: shared } = await clickButton(t, reply, 'Share in channel');

    expect(shared.response_type).toBe('in_channel');
    expect(shownText(shared)).toContain('Only source: Referral');
    expect(buttonsOf(shared)).toEqual([]);
  });

  it('starts at the website where visits are recorded: visitor → lead per source', async () => {
    t.services.plans.recordVisits({ month: '2026-10', source: 'thomasnet', visits: 2_000 }, { actor: REP });
    t.services.plans.recordVisits({ month: '2026-10', source: 'referral', visits: 1_000 }, { actor: REP });

    const { reply } = await runSlash(t, '/funnel', '2026-10');
    // 20 Thomasnet leads of 2,000 visits = 1.0%; 20 Referral leads of 1,000 = 2.0%.
    expect(shownText(reply)).toContain(
      '*Visits* 3,000\\nVisitor → lead: Thomasnet 1.0% (20 of 2,000) · Referral 2.0% (20 of 1,000)',
    );
    const { reply: one } = await runSlash(t, '/funnel', '2026-10 source:thomasnet');
    expect(shownText(one)).toContain('*Visits* 2,000\\nVisitor → lead: Thomasnet 1.0% (20 of 2,000)');
    // Visits are recorded per source, not per campaign: a campaign's funnel starts at Lead.
    const { reply: campaign } = await runSlash(t, '/funnel', '2026-10 campaign:spring-expo');
    expect(shownText(campaign)).not.toContain('*Visits*');
  });
});
