// Notion property values, both ways, for the five types our schema uses. Records are first turned into "plain" values
// (text, select name, number, date string); the same plain form is read back from pages, so comparing what we would
// write with what Notion holds is a comparison of plain values.

import type { PageObjectResponse } from '@notionhq/client';
import { z } from 'zod';
import type { NotionPropertyType, PropertySpec } from './schema.js';

export type PlainValue = string | number | null;
export type PlainRecord = Record<string, PlainValue>;

/** Notion's limits: 2000 characters per rich text object, 100 objects per array, 100 characters per option name. */
export const MAX_TEXT_CHUNK = 2000;
export const MAX_TEXT_CHUNKS = 100;
export const MAX_TEXT_LENGTH = MAX_TEXT_CHUNK * MAX_TEXT_CHUNKS;
export const MAX_OPTION_NAME = 100;
const ELLIPSIS = '…';

/** Text longer than Notion can hold is cut, and the cut is visible. */
export function fitText(text: string): string {
  if (text.length <= MAX_TEXT_LENGTH) return text;
  return `${sliceWhole(text, MAX_TEXT_LENGTH - ELLIPSIS.length)}${ELLIPSIS}`;
}

/** Notion refuses commas in option names (they separate values in its CSV import) and names over 100 characters. */
export function fitOptionName(name: string): string {
  const clean = name.replaceAll(',', ';').trim();
  return clean.length <= MAX_OPTION_NAME ? clean : sliceWhole(clean, MAX_OPTION_NAME);
}

/** Cuts at `length` UTF-16 units, one earlier when the cut would split a surrogate pair (an emoji, say). */
function sliceWhole(text: string, length: number): string {
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}

/** Splits text into rich text objects of at most 2000 characters each. */
export function buildRichText(text: string): { type: 'text'; text: { content: string } }[] {
  const chunks: { type: 'text'; text: { content: string } }[] = [];
  let rest = fitText(text);
  while (rest.length > 0 && chunks.length < MAX_TEXT_CHUNKS) {
    const chunk = sliceWhole(rest, Math.min(MAX_TEXT_CHUNK, rest.length));
    chunks.push({ type: 'text', text: { content: chunk } });
    rest = rest.slice(chunk.length);
  }
  return chunks;
}

export function buildPropertyValue(type: NotionPropertyType, value: PlainValue): Record<string, unknown> {
  switch (type) {
    case 'title':
    case 'rich_text':
      return { [type]: buildRichText(value === null ? '' : String(value)) };
    case 'select':
      return { select: value === null || value === '' ? null : { name: fitOptionName(String(value)) } };
    case 'number':
      return { number: typeof value === 'number' && Number.isFinite(value) ? value : null };
    case 'date':
      return { date: value === null || value === '' ? null : { start: String(value) } };
  }
}

/** The request `properties` of a page, for every property of the spec. */
export function buildProperties(
  specs: Readonly<Record<string, PropertySpec>>,
  plain: PlainRecord,
): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [name, buildPropertyValue(spec.type, plain[name] ?? null)]),
  );
}

const textItems = z.array(z.object({ plain_text: z.string() }));
const VALUE_SCHEMAS = {
  title: z.object({ type: z.literal('title'), title: textItems }),
  rich_text: z.object({ type: z.literal('rich_text'), rich_text: textItems }),
  select: z.object({ type: z.literal('select'), select: z.object({ name: z.string() }).nullable() }),
  number: z.object({ type: z.literal('number'), number: z.number().nullable() }),
  date: z.object({ type: z.literal('date'), date: z.object({ start: z.string() }).nullable() }),
} as const;

/** One property of a page as a plain value; a missing property or one of another type reads as empty. */
export function parsePropertyValue(raw: unknown, type: NotionPropertyType): PlainValue {
  switch (type) {
    case 'title':
    case 'rich_text': {
      const parsed = VALUE_SCHEMAS[type].safeParse(raw);
      if (!parsed.success) return '';
      const items = 'title' in parsed.data ? parsed.data.title : parsed.data.rich_text;
      return items.map((item) => item.plain_text).join('');
    }
    case 'select': {
      const parsed = VALUE_SCHEMAS.select.safeParse(raw);
      return parsed.success ? (parsed.data.select?.name ?? null) : null;
    }
    case 'number': {
      const parsed = VALUE_SCHEMAS.number.safeParse(raw);
      return parsed.success ? parsed.data.number : null;
    }
    case 'date': {
      const parsed = VALUE_SCHEMAS.date.safeParse(raw);
      return parsed.success ? (parsed.data.date?.start ?? null) : null;
    }
  }
}

/** Every property of the spec read from a page. */
export function parsePlainRecord(page: PageObjectResponse, specs: Readonly<Record<string, PropertySpec>>): PlainRecord {
  const properties: Record<string, unknown> = page.properties;
  return Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [name, parsePropertyValue(properties[name], spec.type)]),
  );
}

export function readText(plain: PlainRecord, name: string): string {
  const value = plain[name];
  return typeof value === 'string' ? value.trim() : '';
}

export function readOptionalText(plain: PlainRecord, name: string): string | null {
  const text = readText(plain, name);
  return text === '' ? null : text;
}

export function readNumber(plain: PlainRecord, name: string): number | null {
  const value = plain[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A date or date-time property as epoch ms; a bare date is midnight UTC. */
export function readInstant(plain: PlainRecord, name: string): number | null {
  const value = plain[name];
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

export function buildInstant(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}
