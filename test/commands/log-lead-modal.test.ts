import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkBlockKit } from '../fakes/slack/index.js';
import type { TestApp } from '../helpers/app-harness.js';
import { buttonsOf, clickButton, day, NOW, seedLead, startCommandApp } from './command-harness.js';

interface FormFields {
  company?: string;
  contact?: string;
  source?: string;
  campaign?: string;
  channel?: string;
  stage?: string;
  value?: string;
  notes?: string;
  isNew?: boolean;
}

const selected = (action: string, value: string | undefined) => ({
  [action]: {
    type: 'static_select',
    selected_option: value === undefined ? null : { text: { type: 'plain_text', text: value }, value },
  },
});
const typed = (action: string, value: string | undefined) => ({
  [action]: { type: 'plain_text_input', value: value ?? null },
});

/** The state Slack sends on submit, block by block, as the rep filled the form in. */
function buildFormValues(fields: FormFields) {
  return {
    company: typed('company_input', fields.company),
    contact: typed('contact_input', fields.contact),
    source: selected('source_select', fields.source),
    campaign: {
      campaign: {
        type: 'external_select',
        selected_option: fields.campaign
          ? { text: { type: 'plain_text', text: fields.campaign }, value: fields.campaign }
          : null,
      },
    },
    channel: selected('channel_select', fields.channel ?? 'phone'),
    stage: selected('stage_select', fields.stage ?? 'lead'),
    value: typed('value_input', fields.value),
    notes: typed('notes_input', fields.notes),
    is_new: { is_new_check: { type: 'checkboxes', selected_options: fields.isNew ? [{ value: 'new' }] : [] } },
  };
}

let t: TestApp;

beforeEach(async () => {
  t = await startCommandApp();
});

afterEach(async () => {
  await t.stop();
});

async function openByCommand(userId = 'U0REP1') {
  const result = await t.slack.slashCommand({ command: '/lead', text: '', userId });
  expect(result.ackBody).toEqual({});
  await vi.waitFor(() =>
    expect(t.slack.views.filter((view) => view.userId === userId && !view.closed)).toHaveLength(1),
  );
}

function submit(fields: FormFields, userId = 'U0REP1') {
  return t.slack.viewSubmission({
    userId,
    view: { callback_id: 'log_lead_modal', state: { values: buildFormValues(fields) } },
  });
}

async function waitForDm(userId = 'U0REP1') {
  const channel = `D${userId.slice(1)}`;
  await vi.waitFor(() => expect(t.slack.messages.filter((message) => message.channel === channel)).toHaveLength(1));
  const dm = t.slack.messages.find((message) => message.channel === channel);
  if (!dm) throw new Error('no DM');
  expect(checkBlockKit(dm.blocks ?? [], 'message')).toEqual([]);
  return dm;
}

describe('opening the Log a lead modal', () => {
  it('opens from /lead with every field, sources from the catalog and the team', async () => {
    t.service.addSource('podcast', { id: 'U0MANAGER', name: 'maria' });
    await openByCommand();

    const view = t.slack.views[0]?.view as {
      blocks: { block_id: string; element: { options?: { value: string }[] } }[];
    };
    expect(view.blocks.map((block) => block.block_id)).toEqual([
      'company',
      'contact',
      'source',
      'campaign',
      'channel',
      'stage',
      'value',
      'notes',
      'is_new',
    ]);
    const sources = view.blocks
      .find((block) => block.block_id === 'source')
      ?.element.options?.map((option) => option.value);
    expect(sources).toHaveLength(13);
    expect(sources?.at(-1)).toBe('podcast');
  });

  it('opens from the global shortcut', async () => {
    const result = await t.slack.shortcut({ callbackId: 'log_lead', userId: 'U0REP2' });
    expect(result.ackBody).toEqual({});
    await vi.waitFor(() =>
      expect(t.slack.views.map((view) => [view.userId, view.callbackId])).toEqual([['U0REP2', 'log_lead_modal']]),
    );
  });

  it('offers campaigns in use as the rep types, and what they typed as a new one', async () => {
    seedLead(t.service, 'Alpha Inc', { campaign: 'spring-expo', at: day(11, 2) });
    seedLead(t.service, 'Beta LLC', { campaign: 'summer-webinar', at: day(11, 3) });

    const all = await t.slack.blockSuggestion({ actionId: 'campaign', value: '', userId: 'U0REP1' });
    const typedSpr = await t.slack.blockSuggestion({ actionId: 'campaign', value: 'spr', userId: 'U0REP1' });

    const values = (options: unknown[]) => options.map((option) => (option as { value: string }).value);
    expect(values(all.options)).toEqual(['spring-expo', 'summer-webinar']);
    expect(values(typedSpr.options)).toEqual(['spring-expo', 'spr']);
  });
});

describe('submitting the Log a lead modal', () => {
  beforeEach(async () => {
    await openByCommand();
  });

  it('keeps the modal open with the reason under a bad value or an overlong company, saving nothing', async () => {
    const badValue = await submit({ company: 'Acme Corp', source: 'thomasnet', value: '1.200' });
    expect(badValue.ackBody.response_action).toBe('errors');
    expect(badValue.ackBody.errors).toEqual({
      value: '"1.200" is ambiguous: write 1200 or 1.20. Amounts look like 25k, $25,000 or 1.2m.',
    });

    const longName = await submit({ company: 'A'.repeat(201), source: 'thomasnet' });
    expect(longName.ackBody.errors).toEqual({ company: 'At most 200 characters.' });
    expect(t.service.listLeads()).toEqual([]);
    expect(t.slack.views[0]?.closed).toBe(false);
  });

  it('creates the lead, closes the modal, and confirms by DM with buttons that move the stage', async () => {
    const result = await submit({
      company: 'Acme Corp',
      contact: 'Jane Roe',
      source: 'thomasnet',
      campaign: 'Spring Expo',
      channel: 'email',
      stage: 'mql',
      value: '25k',
      notes: 'Needs 500 valves',
    });

    expect(result.ackBody).toEqual({});
    expect(t.slack.views[0]?.closed).toBe(true);
    const dm = await waitForDm();
    expect(dm.text).toBe('Logged Acme Corp.');
    expect(t.service.listLeads()[0]).toMatchObject({
      company: 'Acme Corp',
      contact: 'Jane Roe',
      source: 'thomasnet',
      campaign: 'spring-expo',
      channel: 'email',
      stage: 'mql',
      value: 25_000,
      notes: 'Needs 500 valves',
      ownerId: 'U0REP1',
      stageDates: { mql: NOW },
    });
    expect(buttonsOf(dm).map((button) => button.label)).toEqual(['Move to SQL', 'Won', 'Lost']);

    const { reply } = await clickButton(t, dm, 'Move to SQL');
    expect(reply.text).toBe('Moved Acme Corp to SQL. Value $25,000.');
    expect(t.service.listLeads()[0]?.stage).toBe('sql');
  });

  it('updates the lead a company already is instead of logging it twice', async () => {
    seedLead(t.service, 'Acme Corp', { source: 'thomasnet', at: day(11, 2) });
    await submit({ company: 'ACME Corp.', source: 'linkedin', stage: 'sql' });

    const dm = await waitForDm();
    expect(dm.text).toBe('Acme Corp was already a lead (L-000001); updated it.');
    const leads = t.service.listLeads();
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({ source: 'thomasnet', stage: 'sql', touches: [{ source: 'linkedin' }] });
  });

  it('logs a name merely close to two leads as a new lead without holding the modal, and merges it on a click', async () => {
    seedLead(t.service, 'Acme Corp', { source: 'thomasnet', at: day(11, 2) });
    seedLead(t.service, 'Acme Corp', { source: 'referral', at: day(11, 3) });

    const result = await submit({ company: 'Acme Corp', source: 'webinar' });

    expect(result.ackBody).toEqual({});
    expect(t.slack.views[0]?.closed).toBe(true);
    const dm = await waitForDm();
    expect(dm.text).toBe(
      'Logged Acme Corp as a new lead (L-000003). It may be the same company as Acme Corp (L-000001) or Acme Corp (L-000002): if so, merge it below.',
    );
    expect(t.service.listLeads().map((lead) => lead.source)).toEqual(['thomasnet', 'referral', 'webinar']);

    const { reply } = await clickButton(t, dm, 'Same company as Acme Corp (L-000002)');
    expect(reply.text).toBe('Merged Acme Corp (L-000003) into Acme Corp (L-000002). /lead undo takes it back.');
    expect(t.service.listLeads().map((lead) => lead.id)).toEqual(['L-000001', 'L-000002']);
  });
});
