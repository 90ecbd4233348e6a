import type { PageObjectResponse } from '@notionhq/client';
import { buildValidationError, isRecord } from './errors.js';
import type { DateValue, PropertySchema, PropertyValue, SelectOption } from './records.js';
import { buildPlainText, buildRichTextResponse, MAX_ARRAY_ITEMS, parseRichTextArray } from './rich-text.js';
import { buildSelectOption, findProperty } from './schema.js';

type PropertyValueResponse = PageObjectResponse['properties'][string];
/** A property value as a test reads it: text as a string, select as its name, date as its start. */
export type PlainValue = string | number | boolean | string[] | null;

export interface ParsedProperties {
  values: Map<string, PropertyValue>;
  /** Select options the write names but the schema lacks: Notion creates them on the fly. */
  newOptions: Map<string, SelectOption[]>;
}

/** Parses a pages.create/update `properties` object against a schema, all or nothing. */
export function parsePageProperties(schema: readonly PropertySchema[], raw: unknown, path: string): ParsedProperties {
  const parsed: ParsedProperties = { values: new Map(), newOptions: new Map() };
  if (raw === undefined) return parsed;
  if (!isRecord(raw)) throw buildValidationError(`body failed validation: ${path} should be an object.`);
  for (const [key, rawValue] of Object.entries(raw)) {
    const property = findProperty(schema, key);
    if (property === undefined) throw buildValidationError(`${key} is not a property that exists.`);
    const typed = isRecord(rawValue) ? rawValue[property.type] : undefined;
    const declared = isRecord(rawValue) ? rawValue.type : undefined;
    if (typed === undefined || (declared !== undefined && declared !== property.type)) {
      throw buildValidationError(`${property.name} is expected to be ${property.type}.`);
    }
    parsed.values.set(property.id, parseValue(property, typed, `${path}.${key}.${property.type}`, parsed.newOptions));
  }
  return parsed;
}

function parseValue(
  property: PropertySchema,
  raw: unknown,
  path: string,
  newOptions: Map<string, SelectOption[]>,
): PropertyValue {
  const mismatch = () => buildValidationError(`${property.name} is expected to be ${property.type}.`);
  switch (property.type) {
    case 'title':
    case 'rich_text':
      return { kind: 'text', items: parseRichTextArray(raw, path) };
    case 'number':
      if (raw !== null && (typeof raw !== 'number' || !Number.isFinite(raw))) throw mismatch();
      return { kind: 'number', value: raw };
    case 'checkbox':
      if (typeof raw !== 'boolean') throw mismatch();
      return { kind: 'checkbox', value: raw };
    case 'url':
    case 'email':
    case 'phone_number':
      if (raw !== null && typeof raw !== 'string') throw mismatch();
      return { kind: 'string', value: raw === '' ? null : raw };
    case 'date':
      return { kind: 'date', value: raw === null ? null : parseDate(raw, path) };
    case 'select':
      return { kind: 'select', optionId: raw === null ? null : resolveOption(property, raw, path, newOptions) };
    case 'multi_select': {
      if (!Array.isArray(raw)) throw mismatch();
      if (raw.length > MAX_ARRAY_ITEMS) {
        throw buildValidationError(`body failed validation: ${path}.length should be ≤ \`${MAX_ARRAY_ITEMS}\`.`);
      }
      const ids = raw.map((item: unknown, index) => resolveOption(property, item, `${path}[${index}]`, newOptions));
      return { kind: 'multi_select', optionIds: [...new Set(ids)] };
    }
  }
}

function resolveOption(
  property: PropertySchema,
  raw: unknown,
  path: string,
  newOptions: Map<string, SelectOption[]>,
): string {
  if (!isRecord(raw)) throw buildValidationError(`${property.name} is expected to be ${property.type}.`);
  if (typeof raw.id === 'string') {
    const byId = property.options.find((option) => option.id === raw.id);
    if (byId === undefined) throw buildValidationError(`Select option with id ${raw.id} does not exist.`);
    return byId.id;
  }
  const pending = newOptions.get(property.id) ?? [];
  const known = [...property.options, ...pending].find((option) => option.name === raw.name);
  if (known !== undefined) return known.id;
  const created = buildSelectOption(raw.name, raw.color, property.options.length + pending.length, path);
  newOptions.set(property.id, [...pending, created]);
  return created.id;
}

function parseDate(raw: unknown, path: string): DateValue {
  if (!isRecord(raw)) throw buildValidationError(`body failed validation: ${path} should be an object or null.`);
  const end = raw.end === undefined || raw.end === null ? null : parseDateString(raw.end, `${path}.end`);
  const timeZone = typeof raw.time_zone === 'string' ? raw.time_zone : null;
  return { start: parseDateString(raw.start, `${path}.start`), end, timeZone };
}

/** Notion keeps a bare date as is and answers a date-time in UTC with an explicit offset: `…T10:00:00.000+00:00`. */
function parseDateString(raw: unknown, path: string): string {
  const ms = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  if (typeof raw !== 'string' || Number.isNaN(ms)) {
    throw buildValidationError(`body failed validation: ${path} should be a valid ISO 8601 date string.`);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) return raw;
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

export function buildPropertyValueResponse(
  property: PropertySchema,
  value: PropertyValue | undefined,
): PropertyValueResponse {
  const id = property.id;
  const findOption = (optionId: string | null) => property.options.find((option) => option.id === optionId) ?? null;
  switch (property.type) {
    case 'title':
    case 'rich_text': {
      const items = value?.kind === 'text' ? value.items.map(buildRichTextResponse) : [];
      return property.type === 'title'
        ? { id, type: 'title', title: items }
        : { id, type: 'rich_text', rich_text: items };
    }
    case 'number':
      return { id, type: 'number', number: value?.kind === 'number' ? value.value : null };
    case 'checkbox':
      return { id, type: 'checkbox', checkbox: value?.kind === 'checkbox' ? value.value : false };
    case 'url':
    case 'email':
    case 'phone_number': {
      const text = value?.kind === 'string' ? value.value : null;
      if (property.type === 'url') return { id, type: 'url', url: text };
      return property.type === 'email'
        ? { id, type: 'email', email: text }
        : { id, type: 'phone_number', phone_number: text };
    }
    case 'date': {
      const date = value?.kind === 'date' ? value.value : null;
      return { id, type: 'date', date: date && { start: date.start, end: date.end, time_zone: date.timeZone } };
    }
    case 'select':
      return { id, type: 'select', select: findOption(value?.kind === 'select' ? value.optionId : null) };
    case 'multi_select': {
      const ids = value?.kind === 'multi_select' ? value.optionIds : [];
      return { id, type: 'multi_select', multi_select: property.options.filter((option) => ids.includes(option.id)) };
    }
  }
}

/** The value a filter, a sort or a test compares: `''` for empty text, `null` for an empty select/number/date. */
export function buildPlainValue(property: PropertySchema, value: PropertyValue | undefined): PlainValue {
  switch (value?.kind) {
    case 'text':
      return buildPlainText(value.items);
    case 'number':
    case 'checkbox':
    case 'string':
      return value.value;
    case 'date':
      return value.value?.start ?? null;
    case 'select':
      return property.options.find((option) => option.id === value.optionId)?.name ?? null;
    case 'multi_select':
      return property.options.filter((option) => value.optionIds.includes(option.id)).map((option) => option.name);
    case undefined:
      return buildEmptyPlainValue(property);
  }
}

function buildEmptyPlainValue(property: PropertySchema): PlainValue {
  if (property.type === 'title' || property.type === 'rich_text') return '';
  if (property.type === 'checkbox') return false;
  return property.type === 'multi_select' ? [] : null;
}
