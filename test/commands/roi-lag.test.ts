import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreServices } from '../../src/store/index.js';
import type { TestApp } from '../helpers/app-harness.js';
import { day, REP, runSlash, seedLead, shownText, startCommandApp } from './command-harness.js';

// A team with history, and a campaign that just started (NOW is Nov 25, 2026):
//   summer-fair (June): 10 trade-show leads; 4 won in August and September for $20,000 each, 6 lost in June;
//                       $20,000 of event spend in June.
//   winter-webinar (from Nov 16): 5 email leads, none older than 10 days, none won yet; $3,000 in November.
function seedHistory(services: StoreServices): void {
  const { leads, plans } = services;
  for (let i = 0; i < 10; i += 1) {
    const lead = seedLead(leads, `Fair Visitor ${i}`, { source: 'trade-show', campaign: 'summer-fair', at: day(6, 2) });
    if (i < 4) {
      leads.moveStage(lead.id, 'mql', { actor: REP, at: day(6, 10) });
      leads.moveStage(lead.id, 'opportunity', { actor: REP, at: day(7, 1) });
      leads.moveStage(lead.id, 'customer', { actor: REP, at: day(8 + (i % 2), 15) }, { value: 20_000 });
    } else leads.markLost(lead.id, 'not a fit', { actor: REP, at: day(6, 20) });
  }
  for (let i = 0; i < 5; i += 1) {
    seedLead(leads, `Webinar Guest ${i}`, { source: 'email', campaign: 'winter-webinar', at: day(11, 16 + 2 * i) });
  }
  plans.recordSpend({ campaign: 'summer-fair', month: '2026-06', amount: 20_000, category: 'event' }, { actor: REP });
  plans.recordSpend({ campaign: 'winter-webinar', month: '2026-11', amount: 3_000, category: 'media' }, { actor: REP });
}

let t: TestApp;

beforeAll(async () => {
  t = await startCommandApp({ seed: (_service, services) => seedHistory(services) });
});

afterAll(async () => {
  await t.stop();
});

describe('/roi with lag-aware ROI', () => {
  it('puts a campaign whose leads are days old in its own group, projected, never at −100%', async () => {
    const { reply } = await runSlash(t, '/roi', '');
    const shown = shownText(reply);

    expect(shown).toContain('*Too early to judge* (most of their leads are younger than leads usually take to close)');
    // Its interval may start at −100% (none of the five may close), but its ROI is never given as the loss so far.
    expect(shown).toMatch(
      /• \*winter-webinar\* — too early to judge — projected \+[\d,]+% \([+−]?[\d,]+% to \+[\d,]+%\), judged by [A-Z][a-z]{2} \d+, 2027 · cost \$3,000 · revenue \$0 · 5 leads · 0 customers/,
    );
    expect(shown).not.toMatch(/winter-webinar\* — ROI/);
  });

  it('answers the campaign card with the verdict, the projection and when it can be judged', async () => {
    const { reply } = await runSlash(t, '/roi', 'winter-webinar this-quarter');
    const shown = shownText(reply);

    expect(shown).toContain('*ROI* (first touch)\\ntoo early to judge');
    expect(shown).toContain('*Too early to judge* — projected');
    expect(shown).toContain('Its 5 leads of the period: $0 won so far (0 customers)');
    expect(shown).toContain('0% of these leads are won, lost or past the point where leads usually close');
    expect(shown).not.toContain('*ROI* (first touch)\\n−100%');
  });

  it('judges a campaign whose leads have all been decided: paid back in the month its wins passed its cost', async () => {
    const { reply } = await runSlash(t, '/roi', 'summer-fair');
    const shown = shownText(reply);

    // 4 × $20,000 won on $20,000: (80,000 − 20,000) / 20,000 = +300%, nothing left open to add.
    expect(shown).toContain('*Paying* — +300%, nothing left open');
    // June $20,000 spent; August brings two wins ($40,000): paid back in August.
    expect(shown).toContain('100% of these leads are won, lost or past the point where leads usually close');
    expect(shown).toContain('paid back in Aug 2026');
  });
});
