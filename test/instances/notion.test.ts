// 100 commands spread over two bot processes on one Postgres, each instance able to push to Notion: the pushes run
// one at a time across instances (a pg-boss job), and Notion ends with every lead exactly once, in its last stage.

import { describe, expect, it } from 'vitest';
import { startFakeNotion } from '../fakes/notion/index.js';
import { startFakeSlack } from '../fakes/slack/index.js';
import { setUpNotionDatabases } from '../notion/harness.js';
import { sleep, useInstanceSuite, waitFor } from './instance-rig.js';

const suite = useInstanceSuite();
const { rig } = suite;

/** The sales team: each rep sends the next command once the last one's answer is in. */
const REPS = Array.from({ length: 10 }, (_, i) => ({
  id: `U0NR${String(i + 1).padStart(2, '0')}`,
  name: `rep${i + 1}`,
  realName: `Rep ${i + 1}`,
  tz: 'UTC',
  tzOffset: 0,
}));

const companyOf = (n: number) => `Notion Co ${String(n).padStart(3, '0')}`;

describe('Notion with two instances on one Postgres', () => {
  it('ends with every lead of 100 commands spread over both exactly once, in its last stage', async () => {
    const slack = suite.closeAfter(await startFakeSlack({ rateLimits: {}, users: REPS }));
    const notion = suite.closeAfter(await startFakeNotion({ rateLimit: false }));
    const { databaseIds, dataSources } = setUpNotionDatabases(notion);
    const env = {
      DATABASE_URL: await suite.database(),
      DIGEST_CRON: '0 9 29 2 *',
      NOTION_TOKEN: notion.token,
      NOTION_API_URL: notion.url,
      NOTION_LEADS_DB: databaseIds.leadsDb,
      NOTION_SPEND_DB: databaseIds.spendDb,
      NOTION_TARGETS_DB: databaseIds.targetsDb,
      NOTION_POLL_SECONDS: '5',
    };
    const fake = slack;
    const instances = await Promise.all([rig.spawnInstance('a', fake, env), rig.spawnInstance('b', fake, env)]);

    // 100 new leads sent alternately to A and B by ten reps in parallel, then every fifth moved to MQL the same way.
    const replies: string[] = [];
    const sendAll = async (commands: string[]) => {
      let next = 0;
      await Promise.all(
        REPS.map(async (rep) => {
          for (let i = next++; i < commands.length; i = next++) {
            const to = instances[i % 2]!;
            const result = await fake.slashCommand({
              url: to.eventsUrl,
              command: '/lead',
              text: commands[i]!,
              userId: rep.id,
            });
            const [reply] = await result.waitForResponses(1, 10_000);
            replies.push(`${result.status} ${reply?.text ?? '(no reply)'}`);
          }
        }),
      );
    };
    await sendAll(Array.from({ length: 100 }, (_, i) => `source web ${companyOf(i + 1)}`));
    await sendAll(Array.from({ length: 20 }, (_, i) => `stage mql ${companyOf((i + 1) * 5)}`));
    const expected = /^200 (Logged Notion Co \d{3} from Website|Moved Notion Co \d{3} to MQL)\.$/;
    expect(replies.filter((reply) => !expected.test(reply))).toEqual([]);
    expect(replies).toHaveLength(120);

    const leads = dataSources.lead;
    const rows = () => notion?.plainRows(leads) ?? [];
    const startedWaiting = Date.now();

    await waitFor(
      () => {
        const mql = rows().filter((row) => String(row.Stage).toLowerCase() === 'mql');
        return rows().length >= 100 && mql.length >= 20 ? true : null;
      },
      // The push keeps to Notion's three requests a second: 120 writes take about 40 s.
      90_000,
      'every lead in Notion',
    );
    console.info(`Notion had every lead and stage ${Date.now() - startedWaiting} ms after the last command's answer`);
    // Time for a duplicate push, were there one: a push is asked for after every commit and at every pull.
    await sleep(6_000);

    const names = rows().map((row) => String(row.Name));
    expect(names.length).toBe(100);
    expect(new Set(names).size).toBe(100);
    expect([...names].sort()).toEqual(Array.from({ length: 100 }, (_, i) => companyOf(i + 1)));
    const moved = rows().filter((row) => String(row.Stage).toLowerCase() === 'mql');
    expect(moved.map((row) => String(row.Name)).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => companyOf((i + 1) * 5)),
    );
    expect(notion.allPages().filter((page) => page.in_trash)).toEqual([]);
  }, 120_000);
});
