import { buildValidationError, isRecord } from './errors.js';
import { buildPlainValue } from './properties.js';
import type { PageRecord, PropertySchema } from './records.js';
import { findProperty } from './schema.js';

type SortKey = number | string | null;
type KeyReader = (page: PageRecord) => SortKey;

const MAX_SORTS = 100;

/**
 * Orders rows by query `sorts`; without sorts, newest first. Empty values sort last in both directions, and ties
 * fall back to the page id so that offset pagination never repeats or skips a row.
 */
export function computeSortedRows(
  rows: readonly PageRecord[],
  raw: unknown,
  schema: readonly PropertySchema[],
): PageRecord[] {
  const sorts = raw === undefined || raw === null ? [{ timestamp: 'created_time', direction: 'descending' }] : raw;
  if (!Array.isArray(sorts) || sorts.length > MAX_SORTS) {
    throw buildValidationError(`body failed validation: body.sorts should be an array of at most ${MAX_SORTS} sorts.`);
  }
  const readers = sorts.map((sort: unknown, index) => parseSort(sort, schema, `body.sorts[${index}]`));
  // Keys are read once per row rather than once per comparison: queries over 10,000 rows stay quick.
  const keyed = rows.map((page) => ({ page, keys: readers.map(({ read }) => read(page)) }));
  keyed.sort((a, b) => {
    for (const [index, { sign }] of readers.entries()) {
      const order = compareKeys(a.keys[index] ?? null, b.keys[index] ?? null, sign);
      if (order !== 0) return order;
    }
    return a.page.id < b.page.id ? -1 : a.page.id > b.page.id ? 1 : 0;
  });
  return keyed.map(({ page }) => page);
}

function parseSort(raw: unknown, schema: readonly PropertySchema[], path: string): { read: KeyReader; sign: number } {
  if (!isRecord(raw) || (raw.direction !== 'ascending' && raw.direction !== 'descending')) {
    throw buildValidationError(`body failed validation: ${path}.direction should be "ascending" or "descending".`);
  }
  const sign = raw.direction === 'ascending' ? 1 : -1;
  if (raw.timestamp === 'created_time') return { read: (page) => page.createdTime, sign };
  if (raw.timestamp === 'last_edited_time') return { read: (page) => page.lastEditedTime, sign };
  if (typeof raw.property !== 'string') {
    throw buildValidationError(`body failed validation: ${path} should name a property or a timestamp.`);
  }
  const property = findProperty(schema, raw.property);
  if (property === undefined)
    throw buildValidationError(`Could not find sort property with name or id: ${raw.property}`);
  return { read: (page) => readSortKey(property, page), sign };
}

/** Selects sort by their option order in the schema, as in Notion's UI; dates by instant. */
function readSortKey(property: PropertySchema, page: PageRecord): SortKey {
  const plain = buildPlainValue(property, page.values.get(property.id));
  switch (property.type) {
    case 'select':
    case 'multi_select': {
      const first = Array.isArray(plain) ? plain[0] : plain;
      const index = property.options.findIndex((option) => option.name === first);
      return index === -1 ? null : index;
    }
    case 'date':
      return typeof plain === 'string' ? Date.parse(plain) : null;
    case 'checkbox':
      return plain === true ? 1 : 0;
    default:
      return plain === '' || Array.isArray(plain) || typeof plain === 'boolean' ? null : plain;
  }
}

function compareKeys(a: SortKey, b: SortKey, sign: number): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return (a < b ? -1 : 1) * sign;
}
