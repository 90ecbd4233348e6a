// "Where did they say they heard of us?" through the fake Slack: the question within a minute of an inquiry (or of a
// lead logged without a source), its buttons and menu, the answer kept beside the tracked source, and the single
// reminder after FOLLOW_UP_HOURS working hours, with fake time across a weekend.

import { afterEach, describe, expect, it } from 'vitest';
import type { RecordedMessage } from '../fakes/slack/index.js';
import { checkBlockKit } from '../fakes/slack/index.js';
import { startTestApp, type TestApp } from '../helpers/app-harness.js';
import { INGEST_SECRET, sendInquiry } from './ingest-client.js';

/** Friday 20 November 2026, 15:00 UTC (DIGEST_TZ is UTC in the harness). */
const FRIDAY_3PM = Date.UTC(2026, 10, 20, 15);
const HOUR = 3_600_000;

let t: TestApp | undefined;
let now = FRIDAY_3PM;
afterEach(async () => {
  await t?.stop();
  t = undefined;
  now = FRIDAY_3PM;
});

async function start(env: Record<string, string> = {}) {
  t = await startTestApp({
    mode: 'http',
    env: { INGEST_SECRET, INQUIRY_CHANNEL: 'C0GENERAL', ...env },
    clock: () => now,
    logLevel: 'info',
    startPrompts: false,
  });
  t.services.plans.recordNumber(
    { number: '+15550102000', campaign: 'spring-expo', source: 'thomasnet' },
    { actor: { id: 'U0MANAGER', name: 'maria' } },
  );
  return t;
}

async function call(app: TestApp, fields: Record<string, unknown> = {}) {
  const base = app.healthUrl.replace('/healthz', '');
  const body = {
    id: `call-${now}`,
    channel: 'phone',
    company: 'Acme Corp',
    tracking_number: '555-010-2000',
    ...fields,
  };
  const sent = await sendInquiry(base, now, body);
  expect(sent.status).toBe(202);
  await app.runtime.ingest.drain();
  return app.services.inquiries.getInquiry(String(sent.body.id))?.leadId ?? '';
}

/** Messages posted to a channel, or to a user's DM with the bot (the fake names it D + the user id's tail). */
function sentTo(app: TestApp, channelOrUser: string): RecordedMessage[] {
  const channel = channelOrUser.startsWith('U') ? `D${channelOrUser.slice(1)}` : channelOrUser;
  return app.slack.messages.filter((message) => message.kind === 'chat.postMessage' && message.channel === channel);
}

interface ShownElement {
  type: string;
  action_id: string;
  text?: { text: string };
  value?: string;
  options?: { text: { text: string }; value: string }[];
}

function elementsOf(message: RecordedMessage): ShownElement[] {
  const block = (message.blocks as { type: string; elements?: ShownElement[] }[]).find((b) => b.type === 'actions');
  return block?.elements ?? [];
}

describe('asking the rep', () => {
  it('asks INQUIRY_CHANNEL within a minute with the likely sources, and the menu answer becomes the said source', async () => {
    const app = await start();
    const leadId = await call(app);
    expect(await app.runtime.prompts.runNow()).toBe(1);

    const [question] = sentTo(app, 'C0GENERAL');
    expect(question?.text).toBe(
      'Call from Acme Corp (tracked: Thomasnet, spring-expo) — where did they say they heard of us?',
    );
    expect(checkBlockKit(question?.blocks ?? [], 'message')).toEqual([]);
    const elements = elementsOf(question!);
    expect(elements.filter((e) => e.type === 'button').map((e) => e.text?.text)).toEqual([
      'Thomasnet',
      'Google Ads',
      'LinkedIn',
      'Organic search',
    ]);
    const menu = elements.find((e) => e.type === 'static_select');
    const referral = menu?.options?.find((option) => option.text.text === 'Referral');
    expect(referral).toBeDefined();

    const click = await app.slack.blockAction({
      userId: 'U0REP1',
      actionId: menu!.action_id,
      blockId: 'prompt_answer',
      selectedOption: { text: 'Referral', value: referral!.value },
      message: { channel: 'C0GENERAL', ts: question!.ts },
    });
    const [answer] = await click.waitForResponses(1);

    expect(answer).toMatchObject({ replace_original: true });
    expect(answer?.text).toBe(`Acme Corp (${leadId}): they said Referral; tracked: Thomasnet. Recorded by ravi.`);
    expect(app.service.getLead(leadId)).toMatchObject({
      source: 'referral',
      reportedSource: 'referral',
      trackedSource: 'thomasnet',
      trackedCampaign: 'spring-expo',
    });
    // Answered: the reminder comes due on Monday and is dropped without a word.
    now = Date.UTC(2026, 10, 23, 12);
    expect(await app.runtime.prompts.runNow()).toBe(1);
    expect(sentTo(app, 'C0GENERAL')).toHaveLength(1);
    expect(app.services.inquiries.promptsOf(leadId).map((p) => [p.kind, p.outcome])).toEqual([
      ['ask', 'sent'],
      ['reminder', 'answered'],
    ]);
  });

  it('reminds the owner once after 4 working hours: Friday 15:00 is Monday 11:00, then never again', async () => {
    const app = await start();
    await call(app, { owner: 'U0REP2' });
    await app.runtime.prompts.runNow();
    expect(sentTo(app, 'U0REP2')).toHaveLength(1);

    for (const at of [Date.UTC(2026, 10, 20, 23), Date.UTC(2026, 10, 21, 12), Date.UTC(2026, 10, 23, 10, 59, 59)]) {
      now = at;
      await app.runtime.prompts.runNow();
    }
    expect(sentTo(app, 'U0REP2')).toHaveLength(1);

    now = Date.UTC(2026, 10, 23, 11);
    await app.runtime.prompts.runNow();
    const reminders = sentTo(app, 'U0REP2');
    expect(reminders).toHaveLength(2);
    expect(reminders[1]?.text).toBe(
      'Reminder: Acme Corp (tracked: Thomasnet, spring-expo) still has no answer — where did they say they heard of us?',
    );

    for (const later of [1, 24, 24 * 7]) {
      now = Date.UTC(2026, 10, 23, 11) + later * HOUR;
      await app.runtime.prompts.runNow();
    }
    expect(sentTo(app, 'U0REP2')).toHaveLength(2);
    expect(sentTo(app, 'C0GENERAL')).toHaveLength(0);

    // The reminder's first button: the caller confirmed the tracked source.
    const button = elementsOf(reminders[1]!).find((element) => element.text?.text === 'Thomasnet');
    const click = await app.slack.blockAction({
      userId: 'U0REP2',
      actionId: button!.action_id,
      blockId: 'prompt_answer',
      value: button!.value!,
      message: { channel: 'D0REP2', ts: reminders[1]!.ts },
    });
    const [answer] = await click.waitForResponses(1);
    expect(answer?.text).toMatch(/: they said Thomasnet; tracked: Thomasnet\. Recorded by rosa\.$/);
    expect(app.service.listLeads()[0]).toMatchObject({ source: 'thomasnet', reportedSource: 'thomasnet' });
  });

  it('finds an owner given by email in Slack, asks them, and makes them the lead owner', async () => {
    const app = await start();
    const leadId = await call(app, { owner: 'Ravi@Example.com' });
    await app.runtime.prompts.runNow();

    expect(sentTo(app, 'U0REP1')).toHaveLength(1);
    expect(app.service.getLead(leadId)).toMatchObject({ ownerId: 'U0REP1', ownerName: 'Ravi Rep' });
  });

  it('asks a rep who logged a lead without a source a minute later, unless they set one meanwhile', async () => {
    const app = await start();
    const rep = { id: 'U0REP2', name: 'rosa' };
    const quiet = app.service.createLead({ company: 'Bolt Co' }, { actor: rep });
    const fixed = app.service.createLead({ company: 'Nut Co' }, { actor: rep });
    app.service.setSource(fixed.id, 'linkedin', { actor: rep });
    expect(await app.runtime.prompts.runNow()).toBe(0);

    now += 60_000;
    await app.runtime.prompts.runNow();
    expect(sentTo(app, 'U0REP2').map((message) => message.text)).toEqual([
      'You logged Bolt Co without a source — where did they say they heard of us?',
    ]);
    expect(app.services.inquiries.promptsOf(fixed.id).map((p) => p.outcome)).toEqual(['answered']);
    expect(app.service.getLead(quiet.id)?.source).toBe('unknown');
  });

  it('offers "Same company as X — merge" when the caller only resembles a lead, and the button merges them', async () => {
    const app = await start();
    const rep = { id: 'U0REP1', name: 'ravi' };
    const kept = app.service.createLead({ company: 'Northgate Robotics', source: 'thomasnet' }, { actor: rep });
    const leadId = await call(app, { company: 'Northgate Robotics Systems' });
    expect(leadId).not.toBe(kept.id);
    await app.runtime.prompts.runNow();

    const [question] = sentTo(app, 'C0GENERAL');
    expect(checkBlockKit(question?.blocks ?? [], 'message')).toEqual([]);
    const shown = JSON.stringify(question?.blocks);
    expect(shown).toContain(`It may be the same company as Northgate Robotics (${kept.id}): if so, merge it below.`);
    const merge = (question!.blocks as { block_id?: string; elements?: ShownElement[] }[]).find(
      (block) => block.block_id === 'prompt_merge',
    )?.elements?.[0];
    expect(merge?.text?.text).toBe('Same company as Northgate Robotics — merge');

    const click = await app.slack.blockAction({
      userId: 'U0REP1',
      actionId: merge!.action_id,
      blockId: 'prompt_merge',
      value: merge!.value!,
      channelId: 'C0GENERAL',
    });
    const [merged] = await click.waitForResponses(1);
    expect(merged?.text).toContain(
      `Merged Northgate Robotics Systems (${leadId}) into Northgate Robotics (${kept.id}).`,
    );
    expect(app.service.listLeads().map((lead) => lead.id)).toEqual([kept.id]);
    // The merged-away lead is not asked again: its reminder finds it gone.
    now += 5 * 24 * HOUR;
    await app.runtime.prompts.runNow();
    expect(sentTo(app, 'C0GENERAL')).toHaveLength(1);
  });
});
