import { buildIsoTime, buildValidationError, isRecord } from './errors.js';
import { buildPlainValue, type PlainValue } from './properties.js';
import type { PageRecord, PropertySchema, PropertyType } from './records.js';
import { findProperty } from './schema.js';

export type RowPredicate = (page: PageRecord) => boolean;
type ValueTest = (value: PlainValue) => boolean;

const TEXT_TYPES: readonly PropertyType[] = ['title', 'rich_text', 'url', 'email', 'phone_number'];
/** Notion allows a compound filter inside a compound filter, and no deeper. */
const MAX_COMPOUND_DEPTH = 2;

/** Compiles a query `filter` once (validating it like Notion does) into a test run on every row. */
export function buildFilterPredicate(raw: unknown, schema: readonly PropertySchema[], depth = 0): RowPredicate {
  if (raw === undefined || raw === null) return () => true;
  if (!isRecord(raw)) throw buildValidationError('body failed validation: body.filter should be an object.');
  for (const compound of ['and', 'or'] as const) {
    const list = raw[compound];
    if (!Array.isArray(list)) continue;
    if (depth >= MAX_COMPOUND_DEPTH) {
      throw buildValidationError('body failed validation: compound filters can be nested at most two levels deep.');
    }
    const children = list.map((child: unknown) => buildFilterPredicate(child, schema, depth + 1));
    return compound === 'and'
      ? (page) => children.every((test) => test(page))
      : (page) => children.some((test) => test(page));
  }
  if (raw.timestamp === 'created_time' || raw.timestamp === 'last_edited_time') {
    const field = raw.timestamp;
    const test = buildDateTest(raw[field], `body.filter.${field}`);
    return (page) => test(buildIsoTime(field === 'created_time' ? page.createdTime : page.lastEditedTime));
  }
  if (typeof raw.property === 'string') return buildPropertyPredicate(raw, raw.property, schema);
  throw buildValidationError('body failed validation: body.filter should be a property, timestamp or compound filter.');
}

function buildPropertyPredicate(
  raw: Record<string, unknown>,
  name: string,
  schema: readonly PropertySchema[],
): RowPredicate {
  const property = findProperty(schema, name);
  if (property === undefined) throw buildValidationError(`Could not find property with name or id: ${name}`);
  const key = Object.keys(raw).find((candidate) => candidate !== 'property' && candidate !== 'type');
  const textual = TEXT_TYPES.includes(property.type) && TEXT_TYPES.some((type) => type === key);
  if (key === undefined || (key !== property.type && !textual)) {
    throw buildValidationError(`Filter on ${name} should use its type, ${property.type}, not ${String(key)}.`);
  }
  const test = buildValueTest(property.type, raw[key], `body.filter.${key}`);
  return (page) => test(buildPlainValue(property, page.values.get(property.id)));
}

function buildValueTest(type: PropertyType, raw: unknown, path: string): ValueTest {
  switch (type) {
    case 'number':
      return buildNumberTest(raw, path);
    case 'date':
      return buildDateTest(raw, path);
    case 'select':
      return buildOperandTest(raw, path, {
        equals: (operand) => (value) => value === operand,
        does_not_equal: (operand) => (value) => value !== operand,
      });
    case 'multi_select':
      return buildOperandTest(raw, path, {
        contains: (operand) => (value) => Array.isArray(value) && value.includes(String(operand)),
        does_not_contain: (operand) => (value) => !Array.isArray(value) || !value.includes(String(operand)),
      });
    case 'checkbox':
      return buildOperandTest(raw, path, {
        equals: (operand) => (value) => value === operand,
        does_not_equal: (operand) => (value) => value !== operand,
      });
    default:
      return buildTextTest(raw, path);
  }
}

function buildTextTest(raw: unknown, path: string): ValueTest {
  const text = (value: PlainValue) => (typeof value === 'string' ? value : '');
  const lower = (operand: unknown) => String(operand).toLowerCase();
  return buildOperandTest(raw, path, {
    equals: (operand) => (value) => text(value) === operand,
    does_not_equal: (operand) => (value) => text(value) !== operand,
    contains: (operand) => (value) => text(value).toLowerCase().includes(lower(operand)),
    does_not_contain: (operand) => (value) => !text(value).toLowerCase().includes(lower(operand)),
    starts_with: (operand) => (value) => text(value).toLowerCase().startsWith(lower(operand)),
    ends_with: (operand) => (value) => text(value).toLowerCase().endsWith(lower(operand)),
  });
}

function buildNumberTest(raw: unknown, path: string): ValueTest {
  const compare = (check: (value: number, operand: number) => boolean) => (operand: unknown) => {
    if (typeof operand !== 'number') throw buildValidationError(`body failed validation: ${path} should be a number.`);
    return (value: PlainValue) => typeof value === 'number' && check(value, operand);
  };
  return buildOperandTest(raw, path, {
    equals: compare((value, operand) => value === operand),
    does_not_equal: compare((value, operand) => value !== operand),
    greater_than: compare((value, operand) => value > operand),
    less_than: compare((value, operand) => value < operand),
    greater_than_or_equal_to: compare((value, operand) => value >= operand),
    less_than_or_equal_to: compare((value, operand) => value <= operand),
  });
}

/** A bare date compares by UTC day ("on_or_after 2026-03-01" keeps 1 March at 09:00); a date-time by instant. */
function buildDateTest(raw: unknown, path: string): ValueTest {
  const compare = (check: (order: number) => boolean) => (operand: unknown) => {
    if (typeof operand !== 'string' || Number.isNaN(Date.parse(operand))) {
      throw buildValidationError(`body failed validation: ${path} should be a valid ISO 8601 date string.`);
    }
    return (value: PlainValue) => typeof value === 'string' && check(computeDateOrder(value, operand));
  };
  return buildOperandTest(raw, path, {
    equals: compare((order) => order === 0),
    before: compare((order) => order < 0),
    after: compare((order) => order > 0),
    on_or_before: compare((order) => order <= 0),
    on_or_after: compare((order) => order >= 0),
  });
}

function computeDateOrder(value: string, operand: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(operand)) {
    const day = new Date(Date.parse(value)).toISOString().slice(0, 10);
    return day < operand ? -1 : day > operand ? 1 : 0;
  }
  return Math.sign(Date.parse(value) - Date.parse(operand));
}

/** Every condition holds exactly one operator; `is_empty`/`is_not_empty` work for every type. */
function buildOperandTest(
  raw: unknown,
  path: string,
  operators: Record<string, (operand: unknown) => ValueTest>,
): ValueTest {
  const entries = isRecord(raw) ? Object.entries(raw) : [];
  const [entry] = entries;
  if (entry === undefined || entries.length !== 1) {
    throw buildValidationError(`body failed validation: ${path} should hold exactly one condition.`);
  }
  const [operator, operand] = entry;
  const isEmpty = (value: PlainValue) => value === null || value === '' || (Array.isArray(value) && value.length === 0);
  if (operator === 'is_empty' && operand === true) return isEmpty;
  if (operator === 'is_not_empty' && operand === true) return (value) => !isEmpty(value);
  const build = operators[operator];
  if (build === undefined) throw buildValidationError(`body failed validation: ${path}.${operator} is not supported.`);
  return build(operand);
}
