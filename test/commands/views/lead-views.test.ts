import { describe, expect, it } from 'vitest';
import { buildStageMoves } from '../../../src/slack/views/lead-card.js';
import {
  buildCompanyChoice,
  buildFindResults,
  buildLeadConfirmation,
  buildNameSuggestions,
  buildUndoReply,
} from '../../../src/slack/views/lead-views.js';
import { buildErrorReply, buildSyncNote } from '../../../src/slack/views/reply.js';
import { checkBlockKit } from '../../fakes/slack/index.js';
import { buildDummyLead, FORMAT } from './fixtures.js';

const json = (value: unknown) => JSON.stringify(value);

describe('buildLeadConfirmation', () => {
  it('shows the lead as it is now, the sync state and the next moves', () => {
    const lead = buildDummyLead({ stage: 'sql', value: 25_000, campaign: 'spring-expo' });
    const reply = buildLeadConfirmation(
      {
        lead,
        headline: 'Moved Acme Corp to SQL.',
        syncStatus: 'pending',
        buttons: [{ label: 'Won', value: '{"x":1}', style: 'primary' }],
      },
      FORMAT,
    );
    expect(reply.text).toBe('Moved Acme Corp to SQL.');
    const shown = json(reply.blocks);
    for (const part of ['Acme Corp (L-000001)', 'SQL', 'Thomasnet', 'spring-expo', '$25,000', 'ravi']) {
      expect(shown).toContain(part);
    }
    expect(shown).toContain('Saved · syncing to Notion');
    expect(shown).toContain('"action_id":"lead_continue:0"');
    expect(checkBlockKit(reply.blocks, 'message')).toEqual([]);
  });

  it('escapes a company that tries to ping the channel', () => {
    const lead = buildDummyLead({ company: '<!channel> & <http://evil|Acme>' });
    const reply = buildLeadConfirmation(
      { lead, headline: `Logged ${lead.company} from Thomasnet.`, syncStatus: null, buttons: [] },
      FORMAT,
    );
    const shown = json(reply.blocks);
    expect(shown).not.toContain('<!channel>');
    expect(shown).toContain('&lt;!channel&gt; &amp; &lt;http://evil|Acme&gt;');
  });

  it('stays inside Slack limits with the longest company, reason and contact', () => {
    const long = `${'🏭<&>'.repeat(50)}`;
    const lead = buildDummyLead({
      company: long,
      contact: long,
      stage: 'lost',
      lostFrom: 'sql',
      lostReason: 'x'.repeat(2000),
      touches: Array.from({ length: 60 }, (_, i) => ({
        source: 'webinar',
        campaign: `c-${i}`,
        at: Date.UTC(2026, 10, 1),
      })),
    });
    const reply = buildLeadConfirmation(
      { lead, headline: long.repeat(20), syncStatus: 'failed', backdatedTo: Date.UTC(2026, 10, 1), buttons: [] },
      FORMAT,
    );
    expect(checkBlockKit(reply.blocks, 'message')).toEqual([]);
    expect(json(reply.blocks)).toContain('Lost (from SQL)');
  });

  it('leaves out the sync line when there is no Notion', () => {
    expect(buildSyncNote('local')).toBeNull();
    expect(buildSyncNote(null)).toBeNull();
    expect(buildSyncNote('synced')).toBe('Saved · in Notion');
  });
});

describe('buildStageMoves', () => {
  it('offers the next stage, Won and Lost, and nothing that would not move the lead', () => {
    const labels = (stage: Parameters<typeof buildDummyLead>[0]) =>
      buildStageMoves(buildDummyLead(stage)).map((m) => m.label);
    expect(labels({ stage: 'lead' })).toEqual(['Move to MQL', 'Won', 'Lost']);
    expect(labels({ stage: 'opportunity' })).toEqual(['Won', 'Lost']);
    expect(labels({ stage: 'customer' })).toEqual([]);
    expect(labels({ stage: 'lost', lostFrom: 'mql' })).toEqual(['Reopen as Lead']);
  });
});

describe('lead lists and questions', () => {
  it('lists found leads with stage, source, owner and value', () => {
    const reply = buildFindResults(
      'acme',
      [buildDummyLead({ value: 1200 }), buildDummyLead({ id: 'L-000002', company: 'Acme Labs' })],
      FORMAT,
    );
    expect(reply.text).toBe('2 leads match "acme":');
    expect(json(reply.blocks)).toContain('*Acme Corp* (L-000001) · Lead · Thomasnet · ravi · $1,200');
    expect(buildFindResults('zzz', [], FORMAT).text).toBe('No lead matches "zzz".');
  });

  it('asks which lead, with a button per candidate and one for a new lead', () => {
    const reply = buildCompanyChoice(
      {
        typed: 'Acme',
        candidates: [
          { lead: buildDummyLead(), value: 'a' },
          { lead: buildDummyLead({ id: 'L-000002', company: 'Acme Labs' }), value: 'b' },
        ],
        newLeadValue: 'c',
      },
      FORMAT,
    );
    const actions = reply.blocks.find((block) => block.type === 'actions');
    const labels =
      actions?.type === 'actions' ? actions.elements.map((e) => (e.type === 'button' ? e.text.text : '')) : [];
    expect(labels).toEqual(['Acme Corp (L-000001)', 'Acme Labs (L-000002)', "It's a new lead"]);
    expect(checkBlockKit(reply.blocks, 'message')).toEqual([]);
  });

  it('says to use the lead id when the change is too long for a button', () => {
    const reply = buildCompanyChoice(
      { typed: 'Acme', candidates: [{ lead: buildDummyLead(), value: 'v'.repeat(2001) }] },
      FORMAT,
    );
    expect(reply.blocks.some((block) => block.type === 'actions')).toBe(false);
    expect(json(reply.blocks)).toContain('L-000042');
  });

  it('suggests names as buttons and escapes what was typed', () => {
    const reply = buildNameSuggestions({
      typed: '<!here>',
      what: 'source',
      suggestions: [{ label: 'Thomasnet', value: 'x' }],
      offers: [],
      hint: 'Sources I know: thomasnet.',
    });
    expect(reply.text).toContain('"&lt;!here&gt;" is not a source I know. Did you mean one of these?');
    expect(json(reply)).not.toContain('<!here>');
  });

  it('does not ask "did you mean" when it can only offer to add the name', () => {
    const reply = buildNameSuggestions({
      typed: 'podcast',
      what: 'source',
      suggestions: [],
      offers: [{ label: 'Add "podcast" as a new source', value: 'x' }],
      hint: 'Sources I know: thomasnet.',
    });
    expect(reply.text).toBe('"podcast" is not a source I know. Sources I know: thomasnet.');
    expect(reply.blocks.at(-1)?.type).toBe('actions');
  });

  it('confirms an undo and escapes errors', () => {
    expect(
      buildUndoReply('Undid your stage change on Acme Corp (L-000001).', buildDummyLead(), FORMAT).blocks,
    ).toHaveLength(2);
    expect(json(buildErrorReply('No lead matches "<!channel>".').blocks)).toContain('&lt;!channel&gt;');
  });
});
