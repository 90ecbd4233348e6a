import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app-harness.js';
import {
  buttonsOf,
  clickButton,
  day,
  leadsNamed,
  NOW,
  runSlash,
  seedLead,
  shownText,
  startCommandApp,
} from './command-harness.js';

let t: TestApp;

beforeEach(async () => {
  t = await startCommandApp();
});

afterEach(async () => {
  await t.stop();
});

describe('re-logging a company already there', () => {
  it('adds a touch for a different suffix or a typo, and creates nothing', async () => {
    seedLead(t.service, 'Northgate Robotics', { source: 'thomasnet', at: day(11, 2) });
    seedLead(t.service, 'Northgate Systems', { source: 'referral', at: day(11, 3) });
    seedLead(t.service, 'Bellwood Robotics', { source: 'referral', at: day(11, 4) });

    const { reply: suffix } = await runSlash(t, '/lead', 'source linkedin Northgate Robotics Inc.');
    const { reply: typo } = await runSlash(t, '/lead', 'source google ads Northgate Robotcs');

    expect(suffix.text).toBe('Northgate Robotics first came from Thomasnet; LinkedIn is recorded as a touch.');
    expect(typo.text).toBe('Northgate Robotics first came from Thomasnet; Google Ads is recorded as a touch.');
    expect(t.service.listLeads()).toHaveLength(3);
    expect(leadsNamed(t, 'Northgate Robotics')[0]?.touches).toEqual([
      { source: 'linkedin', campaign: null, at: NOW },
      { source: 'google-ads', campaign: null, at: NOW },
    ]);
  });
});

describe('/lead merge', () => {
  beforeEach(() => {
    seedLead(t.service, 'Globex Corp', { source: 'thomasnet', value: 30_000, at: day(11, 2) });
    seedLead(t.service, 'Globex Industrial', { source: 'linkedin', campaign: 'fall-mailer', at: day(11, 5) });
  });

  it('merges one company into another, and the merged id then names the survivor', async () => {
    const { reply } = await runSlash(t, '/lead', 'merge Globex Industrial into Globex Corp');

    expect(reply.text).toBe(
      'Merged Globex Industrial (L-000002) into Globex Corp (L-000001). /lead undo takes it back.',
    );
    expect(shownText(reply)).toContain('Globex Corp (L-000001)');
    expect(t.service.listLeads()).toMatchObject([
      {
        id: 'L-000001',
        source: 'thomasnet',
        value: 30_000,
        touches: [{ source: 'linkedin', campaign: 'fall-mailer', at: day(11, 5) }],
      },
    ]);

    const { reply: moved } = await runSlash(t, '/lead', 'stage sql L-000002');
    expect(moved.text).toBe('Moved Globex Corp to SQL. Value $30,000.');
    expect(t.service.getLead('L-000001')?.stage).toBe('sql');
  });

  it('undoes a merge with /lead undo, both leads back as they were', async () => {
    const before = t.service.listLeads();
    await runSlash(t, '/lead', 'merge Globex Industrial into Globex Corp');

    const { reply } = await runSlash(t, '/lead', 'undo');

    expect(reply.text).toBe(
      'Undid the merge of Globex Industrial (L-000002) into Globex Corp (L-000001): both leads are back.',
    );
    expect(t.service.listLeads().map(({ updatedAt: _at, ...fields }) => fields)).toEqual(
      before.map(({ updatedAt: _at, ...fields }) => fields),
    );
  });

  it('asks which lead a name means when several could be, and merges the one picked', async () => {
    seedLead(t.service, 'Globex Corp', { source: 'referral', at: day(11, 6) });
    const { reply } = await runSlash(t, '/lead', 'merge Globex Industrial into Globex Corp');

    expect(reply.text).toBe('Several leads could be "Globex Corp". Which one did you mean?');
    expect(buttonsOf(reply).map((b) => b.label)).toEqual(['Globex Corp (L-000001)', 'Globex Corp (L-000003)']);
    expect(t.service.listLeads()).toHaveLength(3);

    const { reply: merged } = await clickButton(t, reply, 'Globex Corp (L-000003)');
    expect(merged.text).toBe(
      'Merged Globex Industrial (L-000002) into Globex Corp (L-000003). /lead undo takes it back.',
    );
    expect(t.service.listLeads().map((lead) => lead.id)).toEqual(['L-000001', 'L-000003']);
  });

  it('says what is wrong when both sides are one lead or a side matches nothing, changing nothing', async () => {
    const { reply: same } = await runSlash(t, '/lead', 'merge Globex Corp into GLOBEX Corporation');
    const { reply: none } = await runSlash(t, '/lead', 'merge Initrode into Globex Corp');

    expect(same.text).toBe('Both name Globex Corp (L-000001): nothing to merge.');
    expect(none.text).toContain('No lead matches "Initrode"');
    expect(t.service.listLeads()).toHaveLength(2);
  });

  it('answers a second click on a merge button with what already happened', async () => {
    const { reply } = await runSlash(t, '/lead', 'source webinar Globex Corporation Holdings');
    const label = buttonsOf(reply).find((button) => button.label.startsWith('Same company as Globex Corp'))?.label;
    expect(label).toBe('Same company as Globex Corp — merge');

    await clickButton(t, reply, 'Same company as Globex Corp');
    const { reply: again } = await clickButton(t, reply, 'Same company as Globex Corp');

    expect(again.text).toBe('Globex Corporation Holdings (L-000003) is already merged into Globex Corp (L-000001).');
    expect(t.service.listLeads()).toHaveLength(2);
  });
});

describe('/lead duplicates', () => {
  it('lists the likeliest duplicate pairs with merge buttons, and merges the pair clicked', async () => {
    seedLead(t.service, 'Acme Corp', { source: 'thomasnet', at: day(11, 2) });
    seedLead(t.service, 'Bellwood Automation', { source: 'referral', at: day(11, 3) });
    seedLead(t.service, 'Zeta Works', { source: 'referral', at: day(11, 4) });
    seedLead(t.service, 'ACME Corporation', { source: 'linkedin', at: day(11, 5) });
    seedLead(t.service, 'Bell Wood Automation', { source: 'webinar', at: day(11, 6) });

    const { reply } = await runSlash(t, '/lead', 'duplicates');

    expect(reply.text).toBe('2 pairs of leads look like one company logged twice.');
    expect(shownText(reply)).toContain('*Acme Corp* (L-000001)');
    expect(shownText(reply)).toContain('*ACME Corporation* (L-000004)');
    expect(shownText(reply)).toContain('the same name but for spaces');
    expect(buttonsOf(reply).map((b) => b.label)).toEqual([
      'Merge L-000004 into L-000001',
      'Merge L-000005 into L-000002',
    ]);

    const { reply: merged } = await clickButton(t, reply, 'Merge L-000005 into L-000002');
    expect(merged.text).toBe(
      'Merged Bell Wood Automation (L-000005) into Bellwood Automation (L-000002). /lead undo takes it back.',
    );
    const { reply: after } = await runSlash(t, '/lead', 'duplicates');
    expect(after.text).toBe('1 pair of leads looks like one company logged twice.');
  });

  it('says so when there are none', async () => {
    seedLead(t.service, 'Acme Corp', { source: 'thomasnet', at: day(11, 2) });
    seedLead(t.service, 'Zeta Works', { source: 'referral', at: day(11, 4) });

    const { reply } = await runSlash(t, '/lead', 'duplicates');

    expect(reply.text).toBe('No likely duplicates among 2 leads.');
    expect(buttonsOf(reply)).toEqual([]);
  });
});
