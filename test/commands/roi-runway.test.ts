import { afterEach, describe, expect, it } from 'vitest';
import type { StoreServices } from '../../src/store/index.js';
import type { TestApp } from '../helpers/app-harness.js';
import { day, REP, runSlash, seedLead, shownText, startCommandApp } from './command-harness.js';

// As of Wed Nov 25, 2026 (UTC). Few conversions, so every transition matures after the fallback 30 days:
//   June cohort: 4 leads; 2 MQL (Jun 10), 1 of them SQL (Jun 20) → Opportunity (Jul 1) → Customer (Aug 1, $10,000).
//     Its rate into Customer is judged from Jun 30 + 4 × 30 days = Oct 28: judged, 1 of 1 = 100%.
//   September and October: 3 leads each (October's from Google Ads, 1,000 Google Ads visits recorded for October).
//   November, under way: 3 leads, one of them MQL on Nov 12. Every November rate is too early.
// Plan for November: 10 leads, 2,000 visits, 50% into SQL.
function seedYear(services: StoreServices): void {
  const { leads, plans } = services;
  const at = (month: number, date: number) => ({ actor: REP, at: day(month, date) });
  const june = [2, 3, 4, 5].map((date) =>
    seedLead(leads, `June ${date} Co`, { source: 'thomasnet', at: day(6, date) }),
  );
  leads.moveStage(june[0]!.id, 'mql', at(6, 10));
  leads.moveStage(june[1]!.id, 'mql', at(6, 10));
  leads.moveStage(june[0]!.id, 'sql', at(6, 20));
  leads.moveStage(june[0]!.id, 'opportunity', at(7, 1));
  leads.moveStage(june[0]!.id, 'customer', at(8, 1), { value: 10_000 });
  for (const date of [7, 8, 9]) seedLead(leads, `September ${date} Co`, { source: 'referral', at: day(9, date) });
  for (const date of [7, 8, 9]) seedLead(leads, `October ${date} Co`, { source: 'google-ads', at: day(10, date) });
  const november = [2, 3, 10].map((date) => seedLead(leads, `November ${date} Co`, { at: day(11, date) }));
  leads.moveStage(november[0]!.id, 'mql', at(11, 12));
  plans.recordTarget({ month: '2026-11', stage: 'lead', count: 10 }, { actor: REP });
  plans.recordTarget({ month: '2026-11', stage: 'visits', count: 2_000 }, { actor: REP });
  plans.recordTarget({ month: '2026-11', stage: 'sql', rate: 0.5 }, { actor: REP });
  plans.recordVisits({ month: '2026-10', source: 'google-ads', visits: 1_000 }, { actor: REP });
}

let t: TestApp | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

function findBlock(reply: { blocks?: unknown[] }, blockId: string) {
  return (reply.blocks as { block_id?: string; type: string }[] | undefined)?.find(
    (block) => block.block_id === blockId,
  );
}

describe('/roi runway', () => {
  it('answers the year per stage, the month under way with its counts and "too early" rates, and the chart', async () => {
    t = await startCommandApp({ seed: (_service, services) => seedYear(services) });
    const { reply } = await runSlash(t, '/roi', 'runway');
    const shown = shownText(reply);

    expect(shown).toContain('Results Runway 2026');
    expect(shown).toContain('*November 2026*, under way');
    expect(shown).toContain('• Lead: 3 so far');
    expect(shown).toMatch(/• SQL: 0 so far[^•]* · rate too early \(50% planned\)/);
    // No visits recorded for November yet; the projection is October's 1,000 (the only month with a record).
    expect(shown).toContain('• Visits: not recorded yet, 1,000 projected vs 2,000 planned');
    // October: 3 Google Ads leads from 1,000 Google Ads visits = 0.3%, judged once October was over.
    expect(shown).toContain('leads per visit 0.3% (October cohort)');
    // June's cohort into Customer: 1 of 1, the latest month old enough to judge.
    expect(shown).toMatch(/\*Customer\* ·[^\\]*rate 100% \(June cohort\)/);
    expect(shown).not.toContain('rate 0% vs');
    // Lead: 10 planned for the year (November only); 3 so far + the rest of November at 2 a month ≈ 3.4: 7 short,
    // 66% behind — further behind than Visits (1,000 projected of 2,000: 50%).
    expect(shown).toContain("*Biggest gap: leads*, 7 short of the year's plan (−66%)");
    // SQL can be projected from no mature rate, so the year says what is known.
    expect(shown).toContain('*SQL* · 1 so far, no projection yet');

    const chart = findBlock(reply, 'chart:runway') as { type: string; slack_file?: { id: string } } | undefined;
    expect(chart?.type).toBe('image');
    const file = t.slack.files.find((candidate) => candidate.id === chart?.slack_file?.id);
    expect(file).toMatchObject({ filename: 'roi-runway-2026-runway.png', completed: true });
    // Uploaded into no channel: the reply is for the asker alone, so is the chart.
    expect(file?.channel).toBeUndefined();
    expect(file?.bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(reply.response_type).toBe('ephemeral');
  });

  it('shows another year, and explains the year it wants', async () => {
    t = await startCommandApp({ seed: (_service, services) => seedYear(services) });
    const { reply } = await runSlash(t, '/roi', 'runway 2025');
    expect(shownText(reply)).toContain('Results Runway 2025');
    expect(shownText(reply)).not.toContain('under way');

    const { reply: wrong } = await runSlash(t, '/roi', 'runway 26');
    expect(wrong.text).toBe(
      '"26" is not a year: write it as YYYY, e.g. 2026. Use /roi runway [YYYY], e.g. /roi runway 2026.',
    );
  });

  it('waits for Slack to process the chart, and says it in words if it never is', async () => {
    t = await startCommandApp({
      seed: (_service, services) => seedYear(services),
      fakeSlack: { fileProcessingMs: 700 },
    });
    const { reply } = await runSlash(t, '/roi', 'runway');
    expect(findBlock(reply, 'chart:runway')?.type).toBe('image');
    await t.stop();

    t = await startCommandApp({
      seed: (_service, services) => seedYear(services),
      fakeSlack: { fileProcessingMs: 3_600_000 },
    });
    const { reply: words } = await runSlash(t, '/roi', 'runway');
    const placeholder = findBlock(words, 'chart:runway');
    expect(placeholder?.type).toBe('context');
    expect(JSON.stringify(placeholder)).toContain('Results Runway 2026, plan vs actual per stage.');
  }, 20_000);
});
