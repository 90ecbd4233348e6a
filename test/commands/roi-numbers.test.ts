// `/roi number`, `/roi numbers` and `/roi sources` typed in Slack, answered through the fake's response_url.

import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app-harness.js';
import { NOW, runSlash, shownText, startCommandApp } from './command-harness.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

const MANAGER = 'U0MANAGER';

describe('/roi number and /roi numbers', () => {
  it('maps a tracking number written any way, lists it, changes it in place, and undoes', async () => {
    t = await startCommandApp();
    const mapped = await runSlash(t, '/roi', 'number +1 555 010 2000 campaign:spring-expo source:expo', MANAGER);
    expect(mapped.reply.text).toBe(
      'Mapped +1 555 010 2000 to source Trade show, campaign spring-expo. Inquiries to it now say where they came from.',
    );

    const changed = await runSlash(t, '/roi', 'number (555) 010-2000 source:thomasnet', MANAGER);
    expect(changed.reply.text).toBe(
      'Changed +1 555 010 2000: it was source Trade show, campaign spring-expo, it is now source Thomasnet, campaign spring-expo.',
    );
    const listed = await runSlash(t, '/roi', 'numbers', 'U0REP1');
    expect(shownText(listed.reply)).toContain('+1 555 010 2000* → source Thomasnet, campaign spring-expo');
    expect(t.services.plans.listNumbers()).toHaveLength(1);

    const undone = await runSlash(t, '/lead', 'undo', MANAGER);
    expect(undone.reply.text).toContain('Undid your change to the tracking number');
    expect(t.services.plans.listNumbers()[0]).toMatchObject({ number: '+15550102000', source: 'trade-show' });
  });

  it('refuses a non-manager, a number that is not one, an unknown source and a mapping to nothing', async () => {
    t = await startCommandApp();
    const answers = [
      await runSlash(t, '/roi', 'number +1 555 010 2000 source:thomasnet', 'U0REP1'),
      await runSlash(t, '/roi', 'number 12 source:thomasnet', MANAGER),
      await runSlash(t, '/roi', 'number +1 555 010 2000 source:thomasnett', MANAGER),
      await runSlash(t, '/roi', 'number +1 555 010 2000', MANAGER),
    ];
    expect(answers.map((answer) => answer.reply.text)).toEqual([
      'Only managers can map tracking numbers, so nothing was changed. Ask a manager, or an admin to add you to MANAGERS.',
      expect.stringContaining('"12" is not a phone number'),
      '"thomasnett" is not one of our sources. Closest: thomasnet. Nothing was changed.',
      expect.stringContaining('Map the number to a campaign, a source or both.'),
    ]);
    expect(t.services.plans.listNumbers()).toEqual([]);
    expect((await runSlash(t, '/roi', 'numbers')).reply.text).toContain('No tracking numbers yet.');
  });
});

describe('/roi sources', () => {
  it('shows per tracked source how often the said source agrees, inquiries by channel, and what attribution used', async () => {
    t = await startCommandApp();
    const { inquiries, leads, plans } = t.services;
    const rep = { id: 'U0REP1', name: 'ravi' };
    plans.recordNumber({ number: '+15550102000', source: 'thomasnet' }, { actor: rep });
    const call = (id: string, company: string, channel: 'phone' | 'web-form' = 'phone') =>
      inquiries.recordInquiry({
        id,
        channel,
        receivedAt: NOW - 86_400_000,
        company,
        contact: null,
        notes: null,
        owner: null,
        payloadDigest: id,
        tracking: { trackingNumber: '+15550102000', utmSource: null, utmCampaign: null },
      }).leadId;
    // Thomasnet-tracked: 3 answered, 2 said Thomasnet; one web form unanswered; one lead a rep logged by phone.
    leads.recordSaidSource(call('q1', 'Alpha Valves'), 'thomasnet', { actor: rep });
    leads.recordSaidSource(call('q2', 'Beta Pumps'), 'thomasnet', { actor: rep });
    leads.recordSaidSource(call('q3', 'Gamma Seals'), 'referral', { actor: rep });
    call('q4', 'Delta Gears', 'web-form');
    leads.createLead({ company: 'Epsilon Tools', source: 'linkedin' }, { actor: rep, at: NOW - 3_600_000 });

    const { reply } = await runSlash(t, '/roi', 'sources this-month');
    const shown = shownText(reply);
    expect(reply.text).toMatch(/^Tracked vs said — this month \(November/);
    // 5 inquiries: 4 by phone (3 webhook calls + the rep's), 1 web form.
    expect(shown).toContain('5 inquiries: Phone 80% (about 4 in 5) · Web form 20%');
    expect(shown).toContain('tracked and said agree on 2 of 3 (67%)');
    expect(shown).toContain('*Thomasnet* (tracked): 2 of 3 said the same (67%)');
    expect(shown).toContain(
      'Attribution used what the caller said for 3 new leads, the tracked source for 1, the source a rep logged for 1; 0 without a source.',
    );
  });
});
