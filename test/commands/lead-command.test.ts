import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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

describe('/lead source', () => {
  it('acks empty, creates the lead, and confirms it with the next moves', async () => {
    const { reply, ackBody } = await runSlash(t, '/lead', 'source thomasnet Acme Corp');

    expect(ackBody).toEqual({});
    expect(reply.text).toBe('Logged Acme Corp from Thomasnet.');
    expect(reply.response_type).toBe('ephemeral');
    expect(buttonsOf(reply).map((b) => b.label)).toEqual(['Move to MQL', 'Won', 'Lost']);
    const [lead] = t.service.listLeads();
    expect(lead).toMatchObject({
      company: 'Acme Corp',
      source: 'thomasnet',
      stage: 'lead',
      ownerId: 'U0REP1',
      ownerName: 'ravi',
    });
  });

  it('does not count the same company logged again as a new lead', async () => {
    await runSlash(t, '/lead', 'source thomasnet Acme Corp');
    const { reply } = await runSlash(t, '/lead', 'source tnet ACME corporation');

    expect(reply.text).toBe('Acme Corp already has Thomasnet; nothing changed.');
    expect(t.service.listLeads()).toHaveLength(1);
  });

  it('keeps the first source, records a second as a touch, and offers to make it primary', async () => {
    seedLead(t.service, 'Acme Corp', { source: 'thomasnet', at: day(11, 2) });
    const { reply } = await runSlash(t, '/lead', 'source linkedin Acme Corp');

    expect(reply.text).toBe('Acme Corp first came from Thomasnet; LinkedIn is recorded as a touch.');
    expect(t.service.listLeads()[0]).toMatchObject({
      source: 'thomasnet',
      touches: [{ source: 'linkedin', campaign: null, at: NOW }],
    });

    const { reply: promoted } = await clickButton(t, reply, 'Make LinkedIn the primary source');
    expect(promoted.text).toBe('LinkedIn is now the source of Acme Corp.');
    expect(promoted.replace_original).toBe(true);
    // The old primary becomes a touch dated at the lead's creation; the promoted touch is not counted twice.
    expect(t.service.listLeads()[0]).toMatchObject({
      source: 'linkedin',
      touches: [{ source: 'thomasnet', campaign: null, at: day(11, 2) }],
    });
  });

  it('stores a company as typed and shows it escaped, so <!channel> pings nobody', async () => {
    const { reply } = await runSlash(t, '/lead', 'source web <!channel> & Co');

    expect(t.service.listLeads()[0]?.company).toBe('<!channel> & Co');
    expect(shownText(reply)).not.toContain('<!channel>');
    expect(shownText(reply)).toContain('&lt;!channel&gt; &amp; Co');
    expect(reply.text).not.toContain('<!channel>');
  });

  it('backdates with on:', async () => {
    const { reply } = await runSlash(t, '/lead', 'source referral Zeta Works on:2026-11-20');

    expect(leadsNamed(t, 'Zeta Works')[0]?.createdAt).toBe(Date.UTC(2026, 10, 20));
    expect(shownText(reply)).toContain('Dated Nov 20, 2026');
  });

  it('logs a new lead when the name is only close to existing ones, and offers to merge it into one of them', async () => {
    seedLead(t.service, 'Acme Corp', { source: 'thomasnet', at: day(11, 2) });
    seedLead(t.service, 'Acme Corp', { source: 'referral', at: day(11, 3) });
    const { reply } = await runSlash(t, '/lead', 'source webinar Acme Corp');

    expect(reply.text).toBe(
      'Logged Acme Corp from Webinar as a new lead (L-000003). It may be the same company as Acme Corp (L-000001) or Acme Corp (L-000002): if so, merge it below.',
    );
    expect(buttonsOf(reply).map((b) => b.label)).toEqual([
      'Same company as Acme Corp (L-000001) — merge',
      'Same company as Acme Corp (L-000002) — merge',
      'Move to MQL',
      'Won',
      'Lost',
    ]);
    expect(leadsNamed(t, 'Acme Corp').map((lead) => lead.source)).toEqual(['thomasnet', 'referral', 'webinar']);

    const { reply: merged } = await clickButton(t, reply, 'Same company as Acme Corp (L-000001)');
    expect(merged.text).toBe('Merged Acme Corp (L-000003) into Acme Corp (L-000001). /lead undo takes it back.');
    expect(merged.replace_original).toBe(true);
    expect(leadsNamed(t, 'Acme Corp').map((lead) => lead.id)).toEqual(['L-000001', 'L-000002']);
    expect(t.service.getLead('L-000001')?.touches).toEqual([{ source: 'webinar', campaign: null, at: NOW }]);
  });

  it('logs the lead without a source for a source word it does not know, and sets the one picked on that lead', async () => {
    const { reply } = await runSlash(t, '/lead', 'source thomsnet Acme Corp');

    expect(reply.text).toBe(
      'Logged Acme Corp (L-000001) without a source: "thomsnet" is not a source I know. Which one is it?',
    );
    expect(buttonsOf(reply).map((b) => b.label)).toEqual([
      'Thomasnet',
      'Add "thomsnet" as a new source',
      'Move to MQL',
      'Won',
      'Lost',
    ]);
    expect(t.service.listLeads()).toMatchObject([{ id: 'L-000001', company: 'Acme Corp', source: 'unknown' }]);

    const { reply: done } = await clickButton(t, reply, 'Thomasnet');
    expect(done.text).toBe('Thomasnet is now the source of Acme Corp.');
    expect(t.service.listLeads()).toMatchObject([{ id: 'L-000001', source: 'thomasnet' }]);
    expect(t.service.customSources()).toEqual([]);
  });

  it('asks for the source of a lead it surely knows, changing nothing until one is picked', async () => {
    seedLead(t.service, 'Acme Corp', { source: 'thomasnet', at: day(11, 2) });
    const { reply } = await runSlash(t, '/lead', 'source linkdin ACME Corp.');

    expect(reply.text).toContain('"linkdin" is not a source I know. Did you mean one of these?');
    expect(t.service.listLeads()).toMatchObject([{ source: 'thomasnet', touches: [] }]);
    const { reply: done } = await clickButton(t, reply, 'LinkedIn');
    expect(done.text).toBe('Acme Corp first came from Thomasnet; LinkedIn is recorded as a touch.');
    expect(t.service.listLeads()).toHaveLength(1);
  });

  it('adds a new team source when asked, and knows it next time', async () => {
    const { reply } = await runSlash(t, '/lead', 'source podcast Acme Corp');
    await clickButton(t, reply, 'Add "podcast" as a new source');

    expect(t.service.customSources()).toEqual(['podcast']);
    expect(t.service.listLeads()[0]?.source).toBe('podcast');
    const { reply: again } = await runSlash(t, '/lead', 'source podcast Beta LLC');
    expect(again.text).toBe('Logged Beta LLC from Podcast.');
  });

  it('opens the Log a lead modal prefilled with the source when no company is given', async () => {
    const result = await t.slack.slashCommand({ command: '/lead', text: 'source linkedin', userId: 'U0REP1' });

    expect(result.ackBody).toEqual({});
    await vi.waitFor(() => expect(t.slack.views).toHaveLength(1));
    const view = t.slack.views[0];
    expect(view?.callbackId).toBe('log_lead_modal');
    expect(JSON.stringify(view?.view)).toContain(
      '"initial_option":{"text":{"type":"plain_text","text":"LinkedIn","emoji":true},"value":"linkedin"}',
    );
  });
});

describe('/lead stage, won, lost', () => {
  beforeEach(() => {
    seedLead(t.service, 'Acme Corp', { source: 'thomasnet', at: day(11, 2) });
  });

  it('moves a lead with a value, dating the skipped stages', async () => {
    const { reply } = await runSlash(t, '/lead', 'stage sql acme value:25k');

    expect(reply.text).toBe('Moved Acme Corp to SQL. Value $25,000.');
    expect(t.service.listLeads()[0]).toMatchObject({ stage: 'sql', value: 25_000, stageDates: { mql: NOW, sql: NOW } });
  });

  it('wins and loses with a quoted reason', async () => {
    const { reply } = await runSlash(t, '/lead', 'won Acme Corp value:$48,000');
    expect(reply.text).toBe('Acme Corp is a customer. Won! Value $48,000.');
    expect(buttonsOf(reply)).toEqual([]);

    seedLead(t.service, 'Beta LLC', { source: 'referral', at: day(11, 3) });
    await runSlash(t, '/lead', 'lost Beta LLC reason:"went with competitor"');
    expect(leadsNamed(t, 'Beta LLC')[0]).toMatchObject({
      stage: 'lost',
      lostFrom: 'lead',
      lostReason: 'went with competitor',
    });
  });

  it('explains a bad amount and changes nothing', async () => {
    const { reply } = await runSlash(t, '/lead', 'won Acme Corp value:lots');

    expect(reply.text).toContain('value: "lots" is not an amount. Amounts look like 25k, $25,000 or 1.2m.');
    expect(t.service.listLeads()[0]).toMatchObject({ stage: 'lead', value: null });
  });

  it('says so when no lead matches', async () => {
    const { reply } = await runSlash(t, '/lead', 'stage mql Initrode');
    expect(reply.text).toContain('No lead matches "Initrode"');
  });

  it('moves the stage from the buttons of a confirmation', async () => {
    const { reply } = await runSlash(t, '/lead', 'source thomasnet Acme Corp');
    const { reply: mql } = await clickButton(t, reply, 'Move to MQL');
    expect(mql.text).toBe('Moved Acme Corp to MQL.');
    expect(mql.replace_original).toBe(true);

    await clickButton(t, mql, 'Won');
    expect(t.service.listLeads()[0]).toMatchObject({ stage: 'customer', stageDates: { mql: NOW, customer: NOW } });
  });

  it('asks which lead when two share the name, and moves only the one picked', async () => {
    seedLead(t.service, 'Acme Corp', { source: 'referral', at: day(11, 3) });
    const { reply } = await runSlash(t, '/lead', 'stage sql Acme Corp');

    expect(buttonsOf(reply).map((b) => b.label)).toEqual(['Acme Corp (L-000001)', 'Acme Corp (L-000002)']);
    await clickButton(t, reply, 'Acme Corp (L-000002)');
    expect(t.service.listLeads().map((lead) => lead.stage)).toEqual(['lead', 'sql']);
  });
});

describe('/lead campaign, touch, find, undo, help', () => {
  beforeEach(() => {
    seedLead(t.service, 'Acme Corp', { source: 'thomasnet', at: day(11, 2) });
  });

  it('attributes a lead to a campaign', async () => {
    const { reply } = await runSlash(t, '/lead', 'campaign Spring-Expo Acme Corp');
    expect(reply.text).toBe('Attributed Acme Corp to campaign spring-expo.');
    expect(t.service.listLeads()[0]?.campaign).toBe('spring-expo');
  });

  it('records touches from a source, a known campaign, and a campaign picked after a typo', async () => {
    seedLead(t.service, 'Beta LLC', { source: 'referral', campaign: 'spring-expo', at: day(11, 3) });
    await runSlash(t, '/lead', 'touch webinar Acme Corp');
    await runSlash(t, '/lead', 'touch spring-expo Acme Corp');
    const { reply } = await runSlash(t, '/lead', 'touch sprng-expo Acme Corp');
    expect(buttonsOf(reply).map((b) => b.label)).toContain('Campaign spring-expo');
    await clickButton(t, reply, 'Campaign spring-expo');

    const touches = leadsNamed(t, 'Acme Corp')[0]?.touches.map((touch) => [touch.source, touch.campaign]);
    expect(touches).toEqual([
      ['webinar', null],
      [null, 'spring-expo'],
      [null, 'spring-expo'],
    ]);
  });

  it('finds leads with stage, source, owner and value', async () => {
    seedLead(t.service, 'Acme Labs', { source: 'referral', value: 1200, at: day(11, 3) });
    const { reply } = await runSlash(t, '/lead', 'find acme');

    expect(reply.text).toBe('2 leads match "acme":');
    expect(shownText(reply)).toContain('*Acme Labs* (L-000002) · Lead · Referral · rosa · $1,200');
  });

  it('undoes the last change and says what was undone; a second undo has nothing of mine to undo', async () => {
    await runSlash(t, '/lead', 'stage mql Acme Corp');
    const { reply } = await runSlash(t, '/lead', 'undo');

    expect(reply.text).toBe('Undid your stage change on Acme Corp (L-000001).');
    expect(t.service.listLeads()[0]?.stage).toBe('lead');
    const { reply: again } = await runSlash(t, '/lead', 'undo');
    expect(again.text).toBe('Could not undo: you have no change from the last 10 minutes to undo.');
    // The lead itself was created by another rep (REP), so it is not this user's to undo.
    expect(t.service.listLeads()).toHaveLength(1);
  });

  it('answers help with every form', async () => {
    const { reply } = await runSlash(t, '/lead', 'help');
    for (const form of [
      '/lead source',
      '/lead stage',
      '/lead won',
      '/lead lost',
      '/lead campaign',
      '/lead touch',
      '/lead find',
      '/lead merge',
      '/lead duplicates',
      '/lead undo',
    ]) {
      expect(shownText(reply)).toContain(form);
    }
  });

  it('says whether the change is in Notion yet, and nudges the sync', async () => {
    const nudge = vi.fn();
    t.deps.notion = {
      status: () => ({ configured: true, pending: 1, failed: 0, lastPullAt: null, healthy: true }),
      syncStatus: () => 'pending',
      nudge,
      firstImport: () => ({ done: true, leads: 0 }),
      whenImported: () => Promise.resolve(),
    };
    const { reply } = await runSlash(t, '/lead', 'stage mql Acme Corp');

    expect(shownText(reply)).toContain('Saved · syncing to Notion');
    expect(nudge).toHaveBeenCalledTimes(1);
  });
});
