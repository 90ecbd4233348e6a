// The Monday digest's line about inquiries: how they arrive and how often tracked and said agree, quarter to date,
// posted through the real runner to the fake Slack once the team uses the inquiry webhook.

import { afterEach, expect, it } from 'vitest';
import { startCommandApp } from '../commands/command-harness.js';
import type { TestApp } from '../helpers/app-harness.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

function contextTexts(blocks: unknown[] | undefined): string[] {
  return ((blocks ?? []) as { type: string; elements?: { text?: string }[] }[])
    .filter((block) => block.type === 'context')
    .flatMap((block) => (block.elements ?? []).map((element) => element.text ?? ''));
}

it('adds one line to the weekly digest once inquiries arrive through the webhook, and none before', async () => {
  t = await startCommandApp();
  const rep = { id: 'U0REP1', name: 'ravi' };
  const { inquiries, leads, plans } = t.services;
  leads.createLead({ company: 'Hand Logged Co', source: 'referral' }, { actor: rep, at: Date.UTC(2026, 10, 17, 10) });
  const before = await t.deps.runDigest?.({ mode: 'preview', userId: 'U0MANAGER' });
  expect(before?.posted).toBe(true);
  const plain = t.slack.messages.at(-2);
  expect(contextTexts(plain?.blocks).some((text) => text.startsWith('Inquiries'))).toBe(false);

  plans.recordNumber({ number: '+15550102000', source: 'thomasnet' }, { actor: rep });
  for (const [index, channel] of (['phone', 'phone', 'web-form'] as const).entries()) {
    const { leadId } = inquiries.recordInquiry({
      id: `q${index}`,
      channel,
      receivedAt: Date.UTC(2026, 10, 18 + index, 10),
      company: ['Alpha Valves', 'Beta Pumps', 'Gamma Seals'][index] ?? '',
      contact: null,
      notes: null,
      owner: null,
      payloadDigest: `q${index}`,
      tracking: { trackingNumber: '+15550102000', utmSource: null, utmCampaign: null },
    });
    if (index < 2) leads.recordSaidSource(leadId, index === 0 ? 'thomasnet' : 'linkedin', { actor: rep });
  }
  await t.deps.runDigest?.({ mode: 'now', userId: 'U0MANAGER' });

  const weekly = t.slack.messages.find(
    (message) => message.channel === 'C0GENERAL' && String(message.text).startsWith('*ROI Runway — week of'),
  );
  // 4 inquiries this quarter: 3 through the webhook, 1 logged by hand; 3 by phone.
  expect(contextTexts(weekly?.blocks)).toContain(
    'Inquiries, quarter to date: 4 inquiries: Phone 75% (about 4 in 5) · Web form 25% · tracked and said agree on 1 of 2 (50%) · /roi sources for more',
  );
});
