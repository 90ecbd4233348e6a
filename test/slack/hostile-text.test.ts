// Hostile text — `<!channel>`, `<@U…>`, `<https://evil.example|click>`, typed entities, 3,000 characters, zero-width
// and right-to-left controls — typed into Slack and into Notion, pulled into the store and shown in every view and
// digest, read back the way Slack would show it (test/helpers/slack-render.ts).

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildLogLeadModal } from '../../src/slack/views/log-lead-modal.js';
import { buttonsOf, clickButton, NOW } from '../commands/command-harness.js';
import { type FakeNotion, startFakeNotion } from '../fakes/notion/index.js';
import type { RecordedMessage } from '../fakes/slack/index.js';
import { startTestApp, type TestApp } from '../helpers/app-harness.js';
import { type Rendered, renderMessage, renderSurface } from '../helpers/slack-render.js';
import { INGEST_SECRET, sendInquiry } from '../ingest/ingest-client.js';
import { setUpNotionDatabases } from '../notion/harness.js';
import {
  expectReadsAsTyped,
  findForeignSpecials,
  HOSTILE,
  HOSTILE_IDS,
  HOSTILE_KEYS,
  type HostileKey,
  seedHostileNotionRows,
  seedPlantedLeak,
  TWIN,
} from './hostile-fixture.js';

let notion: FakeNotion;
let t: TestApp;
/** Everything shown, by what produced it, for the check that nothing pings or links. */
const shown: { where: string; rendered: Rendered }[] = [];

/**
 * The id the store holds for the lead seeded under a hostile `Lead ID`: a malformed id typed in Notion is never kept,
 * the row gets a proper id of ours (written back), and that is what every view shows.
 */
function idGivenTo(key: HostileKey): string {
  const seeded = HOSTILE_IDS[key];
  const lead = t.service.listLeads().find((candidate) => candidate.company === HOSTILE[key].slice(0, 200).trim());
  if (lead === undefined) throw new Error(`no lead seeded for ${key}`);
  expect(lead.id).toMatch(/^L-\d{6,9}$/);
  if (/^L-\d{6,9}$/.test(seeded)) expect(lead.id).toBe(seeded);
  return lead.id;
}

function see(where: string, rendered: Rendered): Rendered {
  shown.push({ where, rendered });
  return rendered;
}

async function slash(command: string, text: string, userId = 'U0REP1'): Promise<RecordedMessage> {
  const result = await t.slack.slashCommand({ command, text, userId });
  expect(result.status).toBe(200);
  const [reply] = await result.waitForResponses(1);
  if (reply === undefined) throw new Error(`no reply to ${command} ${text}`);
  see(`${command} ${text.slice(0, 40)}`, renderMessage(reply));
  return reply;
}

beforeAll(async () => {
  notion = await startFakeNotion({ rateLimit: false });
  const { databaseIds, dataSources } = setUpNotionDatabases(notion);
  seedHostileNotionRows(notion, dataSources.lead);
  seedPlantedLeak(notion, dataSources);
  const env = {
    NOTION_TOKEN: notion.token,
    NOTION_API_URL: notion.url,
    NOTION_LEADS_DB: databaseIds.leadsDb,
    NOTION_SPEND_DB: databaseIds.spendDb,
    NOTION_TARGETS_DB: databaseIds.targetsDb,
    INGEST_SECRET,
    INQUIRY_CHANNEL: 'C0GENERAL',
  };
  t = await startTestApp({ mode: 'http', clock: () => NOW, logLevel: 'debug', env });
  await vi.waitFor(
    () => {
      expect(t.service.listLeads()).toHaveLength(114);
      expect(t.services.leads.dataset().targets).toHaveLength(4);
    },
    { timeout: 10_000 },
  );
}, 60_000);

afterAll(async () => {
  await t?.stop();
  await notion?.close();
});

describe('hostile text in every field of every view', () => {
  it('the digest preview: stuck leads and their owners, owners without sources, leak drivers', async () => {
    await slash('/roi', 'digest preview', 'U0MANAGER');
    const dms = t.slack.messages.filter((message) => message.channel === 'D0MANAGER');
    expect(dms).toHaveLength(2);
    const digest = see(
      'digest',
      renderMessage({ text: dms.map((dm) => dm.text).join('\n'), blocks: dms.flatMap((dm) => dm.blocks ?? []) }),
    );
    expect(digest.text).toContain('Weakest stage: SQL → Opportunity');
    // Owners typed into Notion, by their names (their ids are not Slack ids): five shown, the sixth counted.
    const blocks = renderMessage({ blocks: dms.flatMap((dm) => dm.blocks ?? []) });
    expect(blocks.text.match(/: 1 of 1 new leads/g)).toHaveLength(5);
    expect(digest.text).toContain('_and 1 more_');
    for (const key of HOSTILE_KEYS) {
      expectReadsAsTyped(digest, HOSTILE[key], `the stuck lead ${key}`);
    }
  });

  it('read-only answers: ROI ranking and cards, the funnel, help, and a shared copy', async () => {
    await slash('/roi', '');
    await slash('/roi', 'channel-expo all');
    await slash('/roi', 'source unknown all');
    await slash('/roi', 'runway');
    const funnel = await slash('/funnel', 'all');
    await slash('/lead', 'help');
    await slash('/roi', 'help');
    await slash('/funnel', 'help');
    const { reply } = await clickButton(t, funnel, 'Share in channel');
    see('shared funnel', renderMessage(reply));
  });

  it('the lead card after a change, the lost reason typed, and the undo reply', async () => {
    for (const key of HOSTILE_KEYS) {
      const name = key === 'long' ? HOSTILE_IDS.long : HOSTILE[key];
      const moved = renderMessage(await slash('/lead', `stage mql ${name}`));
      for (const field of ['company', 'id', 'owner', 'contact'] as const) {
        const typed = field === 'id' ? idGivenTo(key) : HOSTILE[key];
        expectReadsAsTyped(moved, typed, `the card of ${key} (${field})`);
      }
    }
    const lost = renderMessage(await slash('/lead', `lost ${HOSTILE.mention} reason:"${HOSTILE.link}"`));
    expectReadsAsTyped(lost, HOSTILE.link, 'the lost reason typed in Slack');
    const undone = renderMessage(await slash('/lead', 'undo'));
    expectReadsAsTyped(undone, HOSTILE.mention, 'the undo reply');
    expectReadsAsTyped(undone, idGivenTo('mention'), 'the undo reply (id)');
  });

  it('lost leads from Notion: contact, lost reason and owner on the card; find results', async () => {
    for (const key of HOSTILE_KEYS) {
      const card = renderMessage(await slash('/lead', `source web Lost ${key}`));
      expectReadsAsTyped(card, HOSTILE[key], `the lost card of ${key}`);
      expect(card.text).toContain('*Lost reason*');
    }
    const found = renderMessage(await slash('/lead', 'find Lost'));
    expectReadsAsTyped(found, HOSTILE.ping, 'find results');
    const searched = renderMessage(await slash('/lead', `find ${HOSTILE.entity}`));
    expectReadsAsTyped(searched, HOSTILE.entity, 'the find title');
  });

  it('questions and errors that repeat what was typed', async () => {
    const choice = await slash('/lead', `stage sql ${TWIN}`);
    expect(buttonsOf(choice).map((button) => button.label)).toHaveLength(2);
    expectReadsAsTyped(renderMessage(choice), TWIN, 'the company choice');
    const missing = renderMessage(await slash('/lead', `stage sql ${HOSTILE.link} Nowhere Zzyzx`));
    expectReadsAsTyped(missing, `${HOSTILE.link} Nowhere Zzyzx`, 'the no-match error');
    const source = renderMessage(await slash('/funnel', 'all source:<!channel>&<@U0EVIL>'));
    expect(source.text).toContain('is not a source I know');
    const visits = renderMessage(await slash('/roi', 'visits 2026-11 100 source:<!channel>&<@U0EVIL>', 'U0MANAGER'));
    expectReadsAsTyped(visits, 'source: "<!channel>&<@U0EVIL>" is not a source I know', 'the visits source error');
    const created = await slash('/lead', `source web Typed ${HOSTILE.invisible}`);
    const newLead = buttonsOf(created).some((button) => button.label.startsWith("It's a new lead"))
      ? renderMessage((await clickButton(t, created, "It's a new lead")).reply)
      : renderMessage(created);
    see('a typed new lead', newLead);
    expectReadsAsTyped(newLead, `Typed ${HOSTILE.invisible}`, 'a new lead typed in Slack');
  });

  it('the Log a lead modal: prefilled values, campaign type-ahead, and the confirmation by DM', async () => {
    const modal = renderSurface(
      buildLogLeadModal({ sources: ['web'], prefill: { company: HOSTILE.entity }, privateMetadata: '{}' }),
    );
    expect(modal.text).toContain(HOSTILE.entity);
    const options = await t.slack.blockSuggestion({ actionId: 'campaign', value: HOSTILE.entity, userId: 'U0REP1' });
    expectReadsAsTyped(see('campaign options', renderSurface(options.options)), HOSTILE.entity, 'a typed campaign');
    await t.slack.slashCommand({ command: '/lead', text: '', userId: 'U0REP2' });
    await vi.waitFor(() => expect(t.slack.views.some((view) => view.userId === 'U0REP2')).toBe(true));
    see('the modal', renderSurface(t.slack.views.find((view) => view.userId === 'U0REP2')?.view));
    const typed = (action: string, value: string) => ({ [action]: { type: 'plain_text_input', value } });
    await t.slack.viewSubmission({
      userId: 'U0REP2',
      view: {
        callback_id: 'log_lead_modal',
        state: {
          values: {
            company: typed('company_input', `Modal ${HOSTILE.ping}`),
            contact: typed('contact_input', HOSTILE.link),
            notes: typed('notes_input', HOSTILE.long.slice(0, 2000)),
            is_new: { is_new_check: { type: 'checkboxes', selected_options: [{ value: 'new' }] } },
          },
        },
      },
    });
    await vi.waitFor(() => expect(t.slack.messages.some((message) => message.channel === 'D0REP2')).toBe(true));
    const dm = see(
      'the modal DM',
      renderMessage(t.slack.messages.find((message) => message.channel === 'D0REP2') ?? {}),
    );
    expectReadsAsTyped(dm, `Modal ${HOSTILE.ping}`, 'the modal confirmation');
    expectReadsAsTyped(dm, HOSTILE.link, 'the modal contact');
  });

  it('the DM when Notion refuses a change', { timeout: 60_000 }, async () => {
    // Every change so far has reached Notion; the next write is the one Notion refuses.
    await vi.waitFor(() => expect(t.deps.notion?.status().pending).toBe(0), { timeout: 20_000 });
    notion.faults.failNext(1, 400, 'validation_error', 'pages.update');
    await slash('/lead', `stage opportunity ${HOSTILE.ping}`, 'U0REP2');
    await vi.waitFor(
      () => expect(t.slack.messages.some((message) => message.text?.includes('Notion did not accept'))).toBe(true),
      { timeout: 10_000 },
    );
    const refusal = see(
      'the refusal DM',
      renderMessage(t.slack.messages.find((m) => m.text?.includes('Notion did not accept')) ?? {}),
    );
    expectReadsAsTyped(refusal, HOSTILE.ping, 'the refusal DM');
    expectReadsAsTyped(refusal, HOSTILE_IDS.ping, 'the refusal DM (id)');
  });

  it('the question about an inquiry, its answer, and /roi number, numbers and sources', async () => {
    const typedSource = '<!channel>&<@U0EVIL>';
    const mapped = renderMessage(
      await slash('/roi', `number +1 555 010 2000 campaign:spring-expo source:${typedSource}`, 'U0MANAGER'),
    );
    expectReadsAsTyped(mapped, `"${typedSource}" is not one of our sources`, 'the unknown source of /roi number');
    await slash('/roi', 'number +1 555 010 2000 campaign:spring-expo source:thomasnet', 'U0MANAGER');
    const base = t.healthUrl.replace('/healthz', '');
    const company = `Caller ${HOSTILE.link}`;
    const body = { id: 'hostile-call', channel: 'phone', company, contact: HOSTILE.mention };
    const sent = await sendInquiry(base, NOW, { ...body, tracking_number: '5550102000', utm_campaign: HOSTILE.ping });
    expect(sent.status).toBe(202);
    await t.runtime.ingest.drain();
    await t.runtime.prompts.runNow();
    const question = t.slack.messages.find(
      (message) => message.channel === 'C0GENERAL' && message.text?.includes('Call from'),
    );
    if (question === undefined) throw new Error('no question about the inquiry');
    const asked = see('the inquiry question', renderMessage(question));
    expectReadsAsTyped(asked, company, 'the inquiry question');
    const actions = (
      question.blocks as { block_id?: string; elements?: { action_id: string; value?: string }[] }[]
    ).find((block) => block.block_id === 'prompt_answer')?.elements?.[0];
    const click = await t.slack.blockAction({
      userId: 'U0REP1',
      actionId: actions!.action_id,
      blockId: 'prompt_answer',
      value: actions!.value!,
      channelId: 'C0GENERAL',
    });
    const [answer] = await click.waitForResponses(1);
    expectReadsAsTyped(see('the answer', renderMessage(answer ?? {})), company, 'the answer to the question');
    await slash('/roi', 'numbers');
    await slash('/roi', 'sources all');
  });

  it('nothing anywhere pinged, mentioned or linked what a person typed', () => {
    expect(shown.length).toBeGreaterThan(30);
    const foreign = shown.flatMap(({ where, rendered }) =>
      findForeignSpecials(rendered).map((special) => ({ where, special })),
    );
    expect(foreign).toEqual([]);
  });
});
