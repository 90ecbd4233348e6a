// The Notion schema of DESIGN.md as data: the setup command creates it, the start-up check compares against it, and
// the property mappers use its names. Property names are part of the interface: people build views on them.

import { SOURCE_SLUGS } from '../domain/catalog.js';
import {
  CHANNELS,
  SPEND_CATEGORIES,
  STAGE_LABELS,
  STAGES,
  TARGET_STAGE_LABELS,
  TARGET_STAGES,
} from '../domain/types.js';
import type { Entity } from '../store/index.js';

export type NotionPropertyType = 'title' | 'rich_text' | 'select' | 'number' | 'date';

export interface PropertySpec {
  type: NotionPropertyType;
  /** Select options the setup creates (Notion adds others on the fly when a row names them). */
  options?: readonly string[];
  /** How a number shows in Notion: money in the configured currency, a percentage, or a plain count. */
  format?: 'money' | 'percent' | 'count';
  /**
   * Added after databases were set up in the field: a database without it keeps working (start-up does not require
   * it, the sync neither writes nor clears it), and setup --repair adds it.
   */
  optional?: true;
}

export interface DatabaseSpec {
  entity: Entity;
  title: string;
  /** The variable that holds the database id, as the setup prints it. */
  envName: 'NOTION_LEADS_DB' | 'NOTION_SPEND_DB' | 'NOTION_TARGETS_DB' | 'NOTION_VISITS_DB' | 'NOTION_NUMBERS_DB';
  configKey: 'leadsDb' | 'spendDb' | 'targetsDb' | 'visitsDb' | 'numbersDb';
  properties: Readonly<Record<string, PropertySpec>>;
  /** A database a deployment may go without: unset, its records stay local and start-up does not look for it. */
  optional?: true;
}

const STAGE_OPTIONS = STAGES.map((stage) => STAGE_LABELS[stage]);
// Visits joined the Targets stages later. A Targets database without that option keeps working: Notion adds an
// option a row names, the start-up check does not count missing options, and --repair adds it.
const TARGET_STAGE_OPTIONS = TARGET_STAGES.map((stage) => TARGET_STAGE_LABELS[stage]);

export const LEADS_DATABASE: DatabaseSpec = {
  entity: 'lead',
  title: 'Leads',
  envName: 'NOTION_LEADS_DB',
  configKey: 'leadsDb',
  properties: {
    Name: { type: 'title' },
    'Lead ID': { type: 'rich_text' },
    Source: { type: 'select', options: SOURCE_SLUGS },
    Campaign: { type: 'select' },
    Channel: { type: 'select', options: CHANNELS },
    Stage: { type: 'select', options: STAGE_OPTIONS },
    Value: { type: 'number', format: 'money' },
    Owner: { type: 'rich_text' },
    'Owner ID': { type: 'rich_text' },
    Created: { type: 'date' },
    'MQL date': { type: 'date' },
    'SQL date': { type: 'date' },
    'Opportunity date': { type: 'date' },
    'Customer date': { type: 'date' },
    'Lost date': { type: 'date' },
    Touches: { type: 'rich_text' },
    'Lost reason': { type: 'rich_text' },
    Contact: { type: 'rich_text' },
    Notes: { type: 'rich_text' },
    // Issue 12: tracked vs said. Optional, so Leads databases set up before them keep working.
    'Tracked source': { type: 'select', options: SOURCE_SLUGS, optional: true },
    'Tracked campaign': { type: 'select', optional: true },
    'Said source': { type: 'select', options: SOURCE_SLUGS, optional: true },
  },
};

export const SPEND_DATABASE: DatabaseSpec = {
  entity: 'spend',
  title: 'Spend',
  envName: 'NOTION_SPEND_DB',
  configKey: 'spendDb',
  properties: {
    Name: { type: 'title' },
    Campaign: { type: 'select' },
    Source: { type: 'select', options: SOURCE_SLUGS },
    Month: { type: 'date' },
    Amount: { type: 'number', format: 'money' },
    Category: { type: 'select', options: SPEND_CATEGORIES },
  },
};

export const TARGETS_DATABASE: DatabaseSpec = {
  entity: 'target',
  title: 'Targets',
  envName: 'NOTION_TARGETS_DB',
  configKey: 'targetsDb',
  properties: {
    Name: { type: 'title' },
    Month: { type: 'date' },
    Stage: { type: 'select', options: TARGET_STAGE_OPTIONS },
    Count: { type: 'number', format: 'count' },
    Rate: { type: 'number', format: 'percent' },
  },
};

/** Tracking numbers: the Name is the number in E.164 (its natural key, as a spend row's Name is). */
export const NUMBERS_DATABASE: DatabaseSpec = {
  entity: 'number',
  title: 'Numbers',
  envName: 'NOTION_NUMBERS_DB',
  configKey: 'numbersDb',
  optional: true,
  properties: {
    Name: { type: 'title' },
    Campaign: { type: 'select' },
    Source: { type: 'select', options: SOURCE_SLUGS },
  },
};

export const VISITS_DATABASE: DatabaseSpec = {
  entity: 'visit',
  title: 'Visits',
  envName: 'NOTION_VISITS_DB',
  configKey: 'visitsDb',
  optional: true,
  properties: {
    Name: { type: 'title' },
    Month: { type: 'date' },
    Source: { type: 'select', options: SOURCE_SLUGS },
    Visits: { type: 'number', format: 'count' },
  },
};

export const NOTION_DATABASES: readonly DatabaseSpec[] = [
  LEADS_DATABASE,
  SPEND_DATABASE,
  TARGETS_DATABASE,
  VISITS_DATABASE,
  NUMBERS_DATABASE,
];

/** The kinds every Notion deployment has a database for; the others are optional (see DatabaseSpec.optional). */
export type RequiredEntity = 'lead' | 'spend' | 'target';

/** The data source behind each of our databases: where rows are queried and created. */
export type DataSourceIds = Record<RequiredEntity, string> & Partial<Record<Exclude<Entity, RequiredEntity>, string>>;

const CURRENCY_FORMATS: Readonly<Record<string, string>> = {
  USD: 'dollar',
  EUR: 'euro',
  GBP: 'pound',
  JPY: 'yen',
  CAD: 'canadian_dollar',
  AUD: 'australian_dollar',
  CHF: 'franc',
  INR: 'rupee',
};

/** A property's configuration as databases.create and dataSources.update take it. */
export function buildPropertyConfig(spec: PropertySpec, currency: string): Record<string, unknown> {
  switch (spec.type) {
    case 'select':
      return { select: { options: (spec.options ?? []).map((name) => ({ name })) } };
    case 'number': {
      const format =
        spec.format === 'percent'
          ? 'percent'
          : spec.format === 'money'
            ? (CURRENCY_FORMATS[currency] ?? 'number_with_commas')
            : 'number';
      return { number: { format } };
    }
    default:
      return { [spec.type]: {} };
  }
}

export function buildSchemaConfig(database: DatabaseSpec, currency: string): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(database.properties).map(([name, spec]) => [name, buildPropertyConfig(spec, currency)]),
  );
}
