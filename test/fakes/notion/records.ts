import type { ApiColor } from '@notionhq/client';

// What the fake keeps in memory. Values are keyed by property id so that renaming a property keeps its data,
// exactly as in Notion.

export const PROPERTY_TYPES = [
  'title',
  'rich_text',
  'number',
  'select',
  'multi_select',
  'date',
  'checkbox',
  'url',
  'email',
  'phone_number',
] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];

export const SELECT_COLORS = [
  'default',
  'gray',
  'brown',
  'orange',
  'yellow',
  'green',
  'blue',
  'purple',
  'pink',
  'red',
] as const;
export type SelectColor = (typeof SELECT_COLORS)[number];

export interface SelectOption {
  id: string;
  name: string;
  color: SelectColor;
}

export interface PropertySchema {
  id: string;
  name: string;
  type: PropertyType;
  /** Only used by select and multi_select. */
  options: SelectOption[];
  /** Only used by number. */
  numberFormat: string;
}

export interface RichTextItem {
  content: string;
  link: string | null;
  bold: boolean;
  italic: boolean;
  strikethrough: boolean;
  underline: boolean;
  code: boolean;
  color: ApiColor;
}

export interface DateValue {
  start: string;
  end: string | null;
  timeZone: string | null;
}

export type PropertyValue =
  | { kind: 'text'; items: RichTextItem[] }
  | { kind: 'number'; value: number | null }
  | { kind: 'select'; optionId: string | null }
  | { kind: 'multi_select'; optionIds: string[] }
  | { kind: 'date'; value: DateValue | null }
  | { kind: 'checkbox'; value: boolean }
  | { kind: 'string'; value: string | null };

export interface DatabaseRecord {
  id: string;
  parentPageId: string;
  title: RichTextItem[];
  isInline: boolean;
  inTrash: boolean;
  dataSourceIds: string[];
  createdTime: number;
  lastEditedTime: number;
  createdBy: string;
  lastEditedBy: string;
}

export interface DataSourceRecord {
  id: string;
  databaseId: string;
  title: RichTextItem[];
  properties: PropertySchema[];
  createdTime: number;
  lastEditedTime: number;
  createdBy: string;
  lastEditedBy: string;
}

export interface PageRecord {
  id: string;
  /** null for a standalone page (the shared root page), whose only property is its title. */
  dataSourceId: string | null;
  values: Map<string, PropertyValue>;
  inTrash: boolean;
  createdTime: number;
  lastEditedTime: number;
  createdBy: string;
  lastEditedBy: string;
}

/** The schema of a standalone page: Notion gives it a single `title` property with the id 'title'. */
export const STANDALONE_PAGE_SCHEMA: readonly PropertySchema[] = [
  { id: 'title', name: 'title', type: 'title', options: [], numberFormat: 'number' },
];
