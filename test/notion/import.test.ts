import { afterEach, expect, it } from 'vitest';
import { buildText } from '../fakes/notion/sdk-client.js';
import { type NotionHarness, startNotionHarness } from './harness.js';

const ROWS = 20_000;
/** Notion creates rows at ~3 requests a second, so one minute of created_time never holds more than ~180. */
const ROWS_PER_MINUTE = 150;
const STAGES = ['Lead', 'MQL', 'SQL', 'Opportunity', 'Customer'];

let h: NotionHarness | undefined;
afterEach(async () => {
  await h?.close();
});

it('imports 20,000 rows on first start with about one request per 100 rows, logging progress', async () => {
  h = await startNotionHarness({ fake: { maxQueryRows: 10_000 } });
  for (let start = 0; start < ROWS; start += ROWS_PER_MINUTE) {
    h.fake.seedRows(h.dataSources.lead, Math.min(ROWS_PER_MINUTE, ROWS - start), (offset) => {
      const index = start + offset;
      return {
        Name: { title: buildText(`Company ${index + 1}`) },
        'Lead ID': { rich_text: buildText(`L-${String(index + 1).padStart(6, '0')}`) },
        Stage: { select: { name: STAGES[index % STAGES.length] } },
        Value: { number: (index % 10) * 1000 },
      };
    });
    h.fake.advance(60_000);
  }
  h.fake.resetStats();

  const pulled = await h.sync.pullNow();

  expect(pulled.lead).toEqual({ seen: ROWS, changed: ROWS, imported: true });
  const leads = h.services.leads.listLeads();
  expect(leads).toHaveLength(ROWS);
  // Row index 12,347: stage 12,347 mod 5 = 2 → SQL, value (12,347 mod 10) × 1000 = 7000.
  expect(leads[12_347]).toMatchObject({ id: 'L-012348', company: 'Company 12348', stage: 'sql', value: 7000 });
  // 20,000 rows / 100 per page = 200 pages. Each 10,000-row window ends with request_status incomplete and the next
  // starts at the last created_time minute, re-reading at most 150 rows (2 pages) per boundary; plus one query for
  // each of the empty Spend and Targets data sources.
  const queries = h.fake.stats.byRoute['dataSources.query'] ?? 0;
  expect(queries).toBeGreaterThanOrEqual(202);
  expect(queries).toBeLessThanOrEqual(208);
  expect(h.fake.stats.requests).toBe(queries);
  const progress = h.logged('Importing from Notion').map((record) => record.rows);
  expect(progress).toEqual(Array.from({ length: 20 }, (_, index) => (index + 1) * 1000));
  expect(h.logged('Imported 20000 lead rows from Notion')).toHaveLength(1);

  // Later pulls are incremental: rows edited since the watermark minute minus one minute. Here that re-reads the
  // last two seeded minutes, 150 + (20,000 − 133 × 150 = 50) = 200 rows = 2 pages, plus one query each for Spend
  // and Targets: 4 requests, and nothing changes.
  h.fake.resetStats();
  const again = await h.sync.pullNow();
  expect(again.lead).toEqual({ seen: 200, changed: 0, imported: false });
  expect(h.fake.stats.requests).toBe(4);
  // New ids continue after the imported ones.
  expect(h.services.leads.createLead({ company: 'Newco' }, { actor: { id: 'U0X', name: 'X' } }).id).toBe('L-020001');
}, 60_000);
