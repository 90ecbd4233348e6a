// `/funnel` shows how long each transition takes and why leads were lost, for the leads it counts — through the
// real app and fake Slack, the reply as Slack received it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreServices } from '../../src/store/index.js';
import type { TestApp } from '../helpers/app-harness.js';
import { day, REP, runSlash, seedLead, shownText, startCommandApp } from './command-harness.js';

// Created Oct 1 (Referral): four leads reach MQL after 2, 4, 6 and 8 days; the first two go on to SQL after 10 and 1
// days. The third is then lost at MQL over price (an expected $5,000), the fourth with no reason.
// Created Oct 2–3 (Thomasnet): four leads lost at Lead: "Spam", "spam ", "Student project", "<!channel> & co".
function seedFunnel(services: StoreServices): void {
  const { leads } = services;
  const at = (month: number, date: number) => ({ actor: REP, at: day(month, date) });
  const converting = [2, 4, 6, 8].map((days, i) => {
    const lead = seedLead(leads, `Referral ${i + 1}`, { source: 'referral', at: day(10, 1) });
    leads.moveStage(lead.id, 'mql', at(10, 1 + days));
    return lead;
  });
  const [first, second, third, fourth] = converting.map((lead) => lead.id);
  leads.moveStage(first!, 'sql', at(10, 13));
  leads.moveStage(second!, 'sql', at(10, 6));
  leads.setValue(third!, 5_000, at(10, 15));
  leads.markLost(third!, 'Price', at(10, 20));
  leads.markLost(fourth!, null, at(10, 20));
  ['Spam', 'spam ', 'Student project', '<!channel> & co'].forEach((reason, i) => {
    const lead = seedLead(leads, `Thomasnet ${i + 1}`, { source: 'thomasnet', at: day(10, 2 + (i % 2)) });
    leads.markLost(lead.id, reason, at(10, 4));
  });
}

let t: TestApp;

beforeAll(async () => {
  t = await startCommandApp({ seed: (_service, services) => seedFunnel(services) });
});

afterAll(async () => {
  await t.stop();
});

describe('/funnel detail', () => {
  it('shows the median and 90th percentile time of each transition, with its number of conversions', async () => {
    const { reply } = await runSlash(t, '/funnel', '');

    // Lead → MQL: 2, 4, 6, 8 days: median 5; p90 at position 3 × 0.9 = 2.7: 6 + 0.7 × 2 = 7.4.
    // MQL → SQL: 1 and 10 days: median 5.5; p90 at position 0.9: 1 + 0.9 × 9 = 9.1.
    expect(shownText(reply)).toContain(
      '*Time to convert* (median, 90th percentile)\\n' +
        '• Lead → MQL: median 5 days, p90 7.4 days (4 conversions)\\n' +
        '• MQL → SQL: median 5.5 days, p90 9.1 days (2 conversions)\\n' +
        '• SQL → Opportunity: no measured conversion yet\\n' +
        '• Opportunity → Customer: no measured conversion yet',
    );
  });

  it('totals the lost reasons per stage, alike spellings together, typed text escaped', async () => {
    const { reply } = await runSlash(t, '/funnel', '');
    const shown = shownText(reply);

    expect(shown).toContain(
      '*Lost from Lead*: 4 leads\\n' +
        '• Spam — 2 leads\\n' +
        '• &lt;!channel&gt; &amp; co — 1 lead\\n' +
        '• Student project — 1 lead\\n' +
        '*Lost from MQL*: 2 leads · $5,000\\n' +
        '• Price — 1 lead · $5,000\\n' +
        '• _no reason given_ — 1 lead',
    );
    expect(shown).not.toContain('<!channel>');
  });

  it('narrows the detail with the filter', async () => {
    const { reply } = await runSlash(t, '/funnel', 'source:referral');
    const shown = shownText(reply);

    expect(shown).toContain('• Lead → MQL: median 5 days, p90 7.4 days (4 conversions)');
    expect(shown).toContain('*Lost from MQL*: 2 leads · $5,000');
    expect(shown).not.toContain('Lost from Lead');
  });

  it('shows no detail for a period without leads', async () => {
    const { reply } = await runSlash(t, '/funnel', '2026-Q1');
    expect(shownText(reply)).not.toContain('Time to convert');
    expect(shownText(reply)).not.toContain('Why leads were lost');
  });
});
