import { describe, expect, it } from 'vitest';
import { buildLeakDigest } from '../../digests/leak-digest.js';
import { buildNotionPageUrl, withNotionLinks } from '../../digests/notion-links.js';
import { buildWeeklyDigest } from '../../digests/weekly-digest.js';
import { buildDigestFixture } from './fixture.js';

const PAGE_ID = '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9';

describe('Notion links in the digests', () => {
  it('links a stuck lead to its Notion page, name still escaped', () => {
    const fixture = buildDigestFixture();
    const first = fixture.stuckLeads[0]!;
    const data = withNotionLinks(
      { ...fixture, stuckLeads: [{ ...first, company: 'Fish & <!channel> Co' }, ...fixture.stuckLeads.slice(1)] },
      (id) => (id === first.id ? PAGE_ID : null),
    );

    const text = JSON.stringify(buildLeakDigest(data).blocks);

    expect(text).toContain('<https://www.notion.so/1f2e3d4c5b6a49788695a4b3c2d1e0f9|Fish &amp; &lt;!channel&gt; Co>');
    expect(text).not.toContain('<!channel>');
  });

  it('leaves leads without a page unlinked, and links stale opportunities in the ROI digest', () => {
    const fixture = buildDigestFixture();
    const stale = fixture.hygiene.staleOpportunities[0]!;
    const data = withNotionLinks(fixture, (id) => (id === stale.id ? PAGE_ID : null));

    expect(data.hygiene.staleOpportunities[0]?.notionUrl).toBe(buildNotionPageUrl(PAGE_ID));
    expect(data.stuckLeads.filter((lead) => lead.id !== stale.id).map((lead) => lead.notionUrl)).toEqual(
      fixture.stuckLeads.filter((lead) => lead.id !== stale.id).map(() => undefined),
    );
    expect(JSON.stringify(buildWeeklyDigest(data).blocks)).toContain(`<${buildNotionPageUrl(PAGE_ID)}|`);
  });
});
