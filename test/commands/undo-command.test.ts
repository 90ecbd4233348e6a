// `/lead undo` refused because others changed the lead since: the reply names them, and the lead stays.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app-harness.js';
import { runSlash, shownText, startCommandApp } from './command-harness.js';

let t: TestApp;

beforeEach(async () => {
  t = await startCommandApp();
});

afterEach(async () => {
  await t.stop();
});

describe('/lead undo after someone else changed the lead', () => {
  it('names the colleague with a mention and keeps the lead they moved on', async () => {
    await runSlash(t, '/lead', 'source thomasnet Acme Corp', 'U0REP1');
    await runSlash(t, '/lead', 'stage sql Acme Corp value:40k', 'U0REP3');

    const { reply } = await runSlash(t, '/lead', 'undo', 'U0REP1');

    expect(reply.text).toBe(
      'Could not undo: Acme Corp (L-000001) has been changed since by <@U0REP3>. ' +
        'Undoing now would throw their change away, so nothing was undone.',
    );
    expect(t.service.listLeads()).toEqual([expect.objectContaining({ company: 'Acme Corp', stage: 'sql' })]);
  });

  it('says "someone in Notion" for an edit pulled from Notion, and escapes the company name', async () => {
    await runSlash(t, '/lead', 'source thomasnet Acme <!channel>', 'U0REP1');
    const [lead] = t.service.listLeads();
    if (lead === undefined) throw new Error('no lead');
    // What the Notion pull does with a row someone edited there.
    t.service.applyRemoteLead({ ...lead, value: 1200, updatedAt: lead.updatedAt + 60_000 });

    const { reply } = await runSlash(t, '/lead', 'undo', 'U0REP1');

    expect(shownText(reply)).toContain(
      'Could not undo: Acme &lt;!channel&gt; (L-000001) has been changed since by someone in Notion.',
    );
    expect(reply.text).not.toContain('<!channel>');
    expect(t.service.listLeads()).toHaveLength(1);
  });
});
