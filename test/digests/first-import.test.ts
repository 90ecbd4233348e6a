// First start against a Notion database that already holds the team's leads, on a Tuesday with Monday's digest
// missed: the catch-up must wait for the import, so the channel gets the real week, not "No activity". A manager
// who asks for a digest already posted gets a link to it and a button to post a corrected one.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ACTIVITY_NOTE } from '../../digests/runner.js';
import { buttonsOf, clickButton, runSlash, shownText } from '../commands/command-harness.js';
import { type FakeNotion, startFakeNotion } from '../fakes/notion/index.js';
import { buildText } from '../fakes/notion/sdk-client.js';
import { type FakeSlack, type RecordedMessage, startFakeSlack } from '../fakes/slack/index.js';
import { startTestApp, type TestApp } from '../helpers/app-harness.js';
import { setUpNotionDatabases } from '../notion/harness.js';

/** Tuesday Nov 24, 2026 10:00 UTC: Monday's 09:00 digest (for Nov 16–22, 2026-W47) was missed. */
const TUESDAY = Date.UTC(2026, 10, 24, 10);
const HOUR = 3_600_000;
const ROWS = 1_225;
/** Row i was created 12 hours before row i − 1, starting Sunday Nov 22 12:00: 612 days of leads, newest first. */
const NEWEST = Date.UTC(2026, 10, 22, 12);
const STAGES = ['Lead', 'MQL', 'SQL', 'Opportunity', 'Customer'] as const;
const STAGE_DATES = ['MQL date', 'SQL date', 'Opportunity date', 'Customer date'] as const;
const SOURCES = ['thomasnet', 'google-ads', 'trade-show', 'referral', 'linkedin'] as const;

const iso = (instant: number) => new Date(instant).toISOString();

/**
 * Row i reaches stage i mod 5, each stage an hour after the one before, so nothing is dated after TUESDAY. In the
 * reported week (Nov 16 00:00 – Nov 23 00:00) are rows 0–13: 14 leads, of which rows 4 and 9 became customers.
 */
function buildRow(i: number): Record<string, unknown> {
  const created = NEWEST - i * 12 * HOUR;
  const reached = i % STAGES.length;
  const dates = Object.fromEntries(
    STAGE_DATES.slice(0, reached).map((name, j) => [name, { date: { start: iso(created + (j + 1) * HOUR) } }]),
  );
  return {
    Name: { title: buildText(`Company ${i + 1}`) },
    'Lead ID': { rich_text: buildText(`L-${String(i + 1).padStart(6, '0')}`) },
    Source: { select: { name: SOURCES[i % SOURCES.length] } },
    Stage: { select: { name: STAGES[reached] } },
    Value: { number: reached >= 3 ? 10_000 + (i % 7) * 1_000 : null },
    Created: { date: { start: iso(created) } },
    ...dates,
  };
}

const channelPosts = (slack: FakeSlack): RecordedMessage[] =>
  slack.messages.filter((message) => message.kind === 'chat.postMessage' && message.channel === 'C0GENERAL');

let notion: FakeNotion;
let slack: FakeSlack;
let t: TestApp;

beforeAll(async () => {
  notion = await startFakeNotion({ rateLimit: false });
  const { databaseIds, dataSources } = setUpNotionDatabases(notion);
  notion.seedRows(dataSources.lead, ROWS, buildRow);
  slack = await startFakeSlack();
  // The app paces itself at Notion's 3 requests a second, so the 13 pages of leads take a few seconds to arrive.
  t = await startTestApp({
    mode: 'http',
    slack,
    clock: () => TUESDAY,
    scheduleDigests: true,
    logLevel: 'info',
    // A digest and a corrected one are four posts to one channel within seconds: Slack answers the fourth with 429
    // (about one message a second per channel), and the client waits its Retry-After and posts again, as in production.
    retries: 1,
    env: {
      NOTION_TOKEN: notion.token,
      NOTION_API_URL: notion.url,
      NOTION_LEADS_DB: databaseIds.leadsDb,
      NOTION_SPEND_DB: databaseIds.spendDb,
      NOTION_TARGETS_DB: databaseIds.targetsDb,
    },
  });
}, 60_000);

afterAll(async () => {
  await t?.stop();
  await slack?.close();
  await notion?.close();
});

describe('the digest on a first start against an existing Notion database', () => {
  it('answers a manager that the first import is still running, and posts nothing yet', async () => {
    const { reply } = await runSlash(t, '/roi', 'digest now', 'U0MANAGER');

    expect(reply.text).toMatch(/^The first import from Notion is still running \([\d,]+ leads? so far\)/);
    expect(reply.text).toContain('Nothing was posted.');
    expect(channelPosts(slack)).toEqual([]);
    expect(t.services.ledger.readEntry('2026-W47', 'C0GENERAL')).toBeNull();
  });

  it('posts the missed digest once the import is done, with the imported week in it', async () => {
    const isPosted = () => t.services.ledger.isPosted('2026-W47', 'C0GENERAL');
    await expect.poll(isPosted, { timeout: 45_000, interval: 100 }).toBe(true);

    expect(t.service.listLeads()).toHaveLength(ROWS);
    expect(channelPosts(slack)).toHaveLength(2);
    const [weekly, leak] = channelPosts(slack);
    expect(weekly?.text).not.toContain(NO_ACTIVITY_NOTE);
    expect(weekly?.text).toContain('ROI Runway — week of Nov 16');
    // Rows 0–13 were created in the week; rows 4 and 9 became customers in it.
    expect(weekly?.text).toContain('*Leads*: 14');
    expect(weekly?.text).toContain('*Customers*: 2');
    expect(leak?.text).toContain('Funnel leaks — week of Nov 16');
    expect(t.services.ledger.readEntry('2026-W47', 'C0GENERAL')).toMatchObject({ state: 'posted', revision: 0 });
    const order = t.logs.map((line) => JSON.parse(line).msg as string);
    expect(order.indexOf('First import from Notion finished; digests may run')).toBeLessThan(
      order.indexOf('Digest posted'),
    );
  }, 60_000);

  it('answers "already posted" with a link to the digest and a button that posts a corrected one', async () => {
    const [firstWeekly] = channelPosts(slack);
    const { reply } = await runSlash(t, '/roi', 'digest now', 'U0MANAGER');

    const link = `https://roi-runway-test.slack.com/archives/C0GENERAL/p${firstWeekly?.ts.replace('.', '')}`;
    expect(shownText(reply)).toContain(`The digest for 2026-W47 is already in <#C0GENERAL>: <${link}|open it>.`);
    expect(buttonsOf(reply).map((button) => button.label)).toEqual(['Post a corrected digest']);
    expect(channelPosts(slack)).toHaveLength(2);

    const { reply: refused } = await clickButton(t, reply, 'Post a corrected digest', 'U0REP1');
    expect(refused.text).toContain('Only managers can post a corrected digest');
    expect(channelPosts(slack)).toHaveLength(2);

    const { reply: corrected } = await clickButton(t, reply, 'Post a corrected digest', 'U0MANAGER');
    const posts = channelPosts(slack);
    expect(posts).toHaveLength(4);
    expect(posts[2]?.text).toContain('*Leads*: 14');
    expect(posts[3]?.text).toContain('Funnel leaks — week of Nov 16');
    const correctedLink = `https://roi-runway-test.slack.com/archives/C0GENERAL/p${posts[2]?.ts.replace('.', '')}`;
    expect(shownText(corrected)).toContain(
      `Posted a corrected digest for 2026-W47 to <#C0GENERAL>: <${correctedLink}|open it>.`,
    );
    expect(t.services.ledger.readEntry('2026-W47', 'C0GENERAL')).toMatchObject({
      state: 'posted',
      revision: 1,
      messageTs: posts[2]?.ts,
    });
  });
});
