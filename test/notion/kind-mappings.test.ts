// The Notion side of the record-kind registry: every kind has an entry that maps its records to rows of its own
// database and back, and push and pull reach a kind only through that entry (no branch on a kind's name).

import { readFileSync } from 'node:fs';
import type { PageObjectResponse } from '@notionhq/client';
import { describe, expect, it } from 'vitest';
import type { Lead, Spend, Target, TrackingNumber, Visit } from '../../src/domain/types.js';
import { NOTION_KINDS } from '../../src/notion/kind-mappings.js';
import type { SyncedRecord } from '../../src/notion/properties.js';
import { NOTION_DATABASES } from '../../src/notion/schema.js';
import { ENTITIES, type Entity } from '../../src/store/record-kinds.js';

const T = Date.UTC(2026, 9, 5, 14, 0);
const DAY = 86_400_000;

const SAMPLES: { readonly [K in Entity]: SyncedRecord } = {
  lead: {
    id: 'L-000042',
    company: 'Acme Corp',
    contact: 'Jane Roe',
    source: 'thomasnet',
    campaign: 'spring-expo',
    channel: 'web-form',
    stage: 'sql',
    lostFrom: null,
    value: 18_000,
    ownerId: 'U0MARIA',
    ownerName: 'Maria Lopez',
    createdAt: T,
    stageDates: { mql: T + DAY, sql: T + 2 * DAY },
    touches: [{ source: 'linkedin', campaign: null, at: T + 3 * DAY }],
    lostReason: null,
    notes: 'Call back in Q1',
    trackedSource: 'google-ads',
    trackedCampaign: 'spring-expo',
    reportedSource: 'linkedin',
    updatedAt: T + 3 * DAY,
  } satisfies Lead,
  spend: {
    id: 'S-000003',
    campaign: 'spring-expo',
    source: 'linkedin',
    month: '2026-10',
    amount: 1250.5,
    category: 'media',
    updatedAt: T,
  } satisfies Spend,
  target: { id: 'T-000001', month: '2026-10', stage: 'sql', count: 12, rate: null, updatedAt: T } satisfies Target,
  visit: { id: 'V-000007', month: '2026-11', source: null, visits: 4200, updatedAt: T } satisfies Visit,
  number: {
    id: 'N-000002',
    number: '+15550102000',
    campaign: 'spring-expo',
    source: null,
    updatedAt: T,
  } satisfies TrackingNumber,
};

describe('the Notion registry', () => {
  it('gives every kind of the store an entry for its own database, the optional ones marked so', () => {
    expect(Object.keys(NOTION_KINDS).sort()).toEqual([...ENTITIES].sort());
    for (const entity of ENTITIES) {
      const { database } = NOTION_KINDS[entity];
      expect(database.entity).toBe(entity);
      expect(NOTION_DATABASES).toContain(database);
    }
    expect(NOTION_DATABASES).toHaveLength(ENTITIES.length);
    // The deployment's required databases (DataSourceIds): the others may be unset, their records then stay local.
    const required = ENTITIES.filter((entity) => !NOTION_KINDS[entity].database.optional);
    expect(required).toEqual(['lead', 'spend', 'target']);
  });

  it("maps each kind's record to a row of its database and back, every merged field and its key intact", () => {
    for (const entity of ENTITIES) {
      const kind = NOTION_KINDS[entity];
      const record = SAMPLES[entity];
      const plain = kind.buildPlain(record);
      expect(
        Object.keys(plain).every((name) => name in kind.database.properties),
        entity,
      ).toBe(true);
      expect(kind.rowProblem(plain), entity).toBeNull();
      const page = { created_time: new Date(T).toISOString() } as PageObjectResponse;
      const context = { id: record.id, previous: null, page, editedTime: T + 5 * DAY, customSources: [] };
      const back = kind.parsePlain(plain, context);
      if (back === null) throw new Error(`${entity}: its own row did not read back`);
      const [had, got] = [new Map(Object.entries(record)), new Map(Object.entries(back))];
      for (const field of kind.fields) expect([entity, field, got.get(field)]).toEqual([entity, field, had.get(field)]);
      expect(kind.buildKey(back)).toBe(kind.buildKey(record));
      if (kind.addedField) expect(kind.fields).toContain(kind.addedField);
    }
  });

  it('is how push, pull and reconciliation reach a kind: none of them branches on a kind by name', () => {
    const files = ['push', 'pull', 'pull-apply', 'pull-merge', 'page-writes', 'context', 'figure-refresh', 'reconcile'];
    for (const file of files) {
      const source = readFileSync(new URL(`../../src/notion/${file}.ts`, import.meta.url), 'utf8');
      const branches = source.match(/entity\s*[!=]==?\s*'[a-z]+'/g) ?? [];
      expect([file, branches]).toEqual([file, []]);
    }
  });
});
