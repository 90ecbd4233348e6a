import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkBlockKit } from '../fakes/slack/index.js';
import type { TestApp } from '../helpers/app-harness.js';
import { buttonsOf, clickButton, day, runSlash, seedLead, shownText, startCommandApp } from './command-harness.js';

// The same flows as over HTTP, delivered as Socket Mode envelopes over the WebSocket.
let t: TestApp;

beforeAll(async () => {
  t = await startCommandApp({
    mode: 'socket',
    seed: (service, services) => {
      seedLead(service, 'Acme Corp', { source: 'thomasnet', campaign: 'spring-expo', at: day(11, 2) });
      seedLead(service, 'Acme Corp', { source: 'referral', at: day(11, 3) });
      services.plans.recordSpend(
        { campaign: 'spring-expo', month: '2026-11', amount: 1000, category: 'media' },
        { actor: { id: 'U0MANAGER', name: 'maria' } },
      );
    },
  });
  await t.slack.waitForSocketClient();
});

afterAll(async () => {
  await t.stop();
});

describe('Socket Mode', () => {
  it('logs a lead and moves it with a button', async () => {
    const { reply, ackBody } = await runSlash(t, '/lead', 'source linkedin Beta LLC');
    expect(ackBody).toEqual({});
    expect(reply.text).toBe('Logged Beta LLC from LinkedIn.');

    await clickButton(t, reply, 'Move to MQL');
    expect(t.service.listLeads().find((lead) => lead.company === 'Beta LLC')?.stage).toBe('mql');
  });

  it('asks which lead and applies the change to the one picked', async () => {
    const { reply } = await runSlash(t, '/lead', 'won Acme Corp value:12k');
    await clickButton(t, reply, 'Acme Corp (L-000001)');

    expect(t.service.getLead('L-000001')).toMatchObject({ stage: 'customer', value: 12_000 });
    expect(t.service.getLead('L-000002')?.stage).toBe('lead');
  });

  it('answers /roi and shares it in the channel', async () => {
    const { reply } = await runSlash(t, '/roi', '');
    // spring-expo: Acme won for $12,000 this quarter on $1,000 spend: (12,000 − 1,000) / 1,000 = +1,100%.
    expect(shownText(reply)).toContain('1. *spring-expo* — ROI +1,100%');

    const { reply: shared } = await clickButton(t, reply, 'Share in channel');
    expect(shared.response_type).toBe('in_channel');
  });

  it('runs the modal: field errors, then a lead confirmed by DM', async () => {
    await t.slack.slashCommand({ command: '/lead', text: '', userId: 'U0REP2' });
    await vi.waitFor(() => expect(t.slack.views.filter((view) => view.userId === 'U0REP2')).toHaveLength(1));
    const values = (value: string) => ({
      company: { company_input: { type: 'plain_text_input', value: 'Gamma GmbH' } },
      source: {
        source_select: {
          type: 'static_select',
          selected_option: { value: 'webinar', text: { type: 'plain_text', text: 'Webinar' } },
        },
      },
      value: { value_input: { type: 'plain_text_input', value } },
    });

    const refused = await t.slack.viewSubmission({
      userId: 'U0REP2',
      view: { callback_id: 'log_lead_modal', state: { values: values('-5') } },
    });
    expect(refused.ackBody.response_action).toBe('errors');
    const saved = await t.slack.viewSubmission({
      userId: 'U0REP2',
      view: { callback_id: 'log_lead_modal', state: { values: values('9k') } },
    });
    expect(saved.ackBody).toEqual({});

    await vi.waitFor(() => expect(t.slack.messages.filter((message) => message.channel === 'D0REP2')).toHaveLength(1));
    const dm = t.slack.messages.find((message) => message.channel === 'D0REP2');
    expect(dm?.text).toBe('Logged Gamma GmbH.');
    expect(checkBlockKit(dm?.blocks ?? [], 'message')).toEqual([]);
    expect(buttonsOf(dm ?? {}).map((button) => button.label)).toEqual(['Move to MQL', 'Won', 'Lost']);
    expect(t.service.listLeads().find((lead) => lead.company === 'Gamma GmbH')).toMatchObject({
      source: 'webinar',
      value: 9000,
    });
  });
});
