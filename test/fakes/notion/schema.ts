import type { DataSourceObjectResponse } from '@notionhq/client';
import { buildValidationError, isRecord } from './errors.js';
import { PROPERTY_TYPES, type PropertySchema, type PropertyType, SELECT_COLORS, type SelectOption } from './records.js';

type PropertyConfigResponse = DataSourceObjectResponse['properties'][string];

const MAX_OPTION_NAME = 100;
const CONFIG_META_KEYS = new Set(['id', 'name', 'description', 'type']);
const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function findProperty(schema: readonly PropertySchema[], nameOrId: string): PropertySchema | undefined {
  return schema.find((property) => property.name === nameOrId) ?? schema.find((property) => property.id === nameOrId);
}

/** Notion refuses option names with commas (they separate values in its CSV import) and long names. */
export function buildSelectOption(name: unknown, color: unknown, index: number, path: string): SelectOption {
  if (typeof name !== 'string' || name.trim() === '') {
    throw buildValidationError(`body failed validation: ${path}.name should be a non-empty string.`);
  }
  if (name.includes(',')) throw buildValidationError(`Invalid select option, commas not allowed: ${name}`);
  if (name.length > MAX_OPTION_NAME) {
    throw buildValidationError(
      `body failed validation: ${path}.name.length should be ≤ \`${MAX_OPTION_NAME}\`, instead was \`${name.length}\`.`,
    );
  }
  const known = SELECT_COLORS.find((candidate) => candidate === color);
  if (color !== undefined && known === undefined) {
    throw buildValidationError(`body failed validation: ${path}.color should be a select color.`);
  }
  // Like Notion, options created without a colour get one picked for them (never 'default').
  return {
    id: buildShortId(),
    name,
    color: known ?? SELECT_COLORS[1 + (index % (SELECT_COLORS.length - 1))] ?? 'gray',
  };
}

/** The schema of a new data source; without a `properties` object Notion creates a lone `Name` title. */
export function parseInitialSchema(raw: unknown, path: string): PropertySchema[] {
  if (raw === undefined) return [{ id: 'title', name: 'Name', type: 'title', options: [], numberFormat: 'number' }];
  if (!isRecord(raw)) throw buildValidationError(`body failed validation: ${path} should be an object.`);
  const schema = Object.entries(raw).map(([name, config]) => parseNewProperty(name, config, `${path}.${name}`));
  assertOneTitle(schema);
  return schema;
}

/** Applies a data source PATCH: `null` removes, `name` renames, a type key changes type or merges select options. */
export function parseSchemaUpdate(current: readonly PropertySchema[], raw: unknown, path: string): PropertySchema[] {
  if (!isRecord(raw)) throw buildValidationError(`body failed validation: ${path} should be an object.`);
  let schema = current.map((property) => ({ ...property, options: [...property.options] }));
  for (const [key, config] of Object.entries(raw)) {
    const existing = findProperty(schema, key);
    const propertyPath = `${path}.${key}`;
    if (existing === undefined) {
      if (config === null) throw buildValidationError(`${key} is not a property that exists.`);
      schema.push(parseNewProperty(key, config, propertyPath));
    } else if (config === null) {
      if (existing.type === 'title') throw buildValidationError('Cannot delete the title property.');
      schema = schema.filter((property) => property !== existing);
    } else {
      applyPropertyChange(existing, config, propertyPath);
    }
  }
  assertOneTitle(schema);
  const names = new Set(schema.map((property) => property.name));
  if (names.size !== schema.length) throw buildValidationError('Property names must be unique.');
  return schema;
}

function applyPropertyChange(property: PropertySchema, raw: unknown, path: string): void {
  if (!isRecord(raw)) throw buildValidationError(`body failed validation: ${path} should be an object.`);
  if (raw.name !== undefined) {
    if (typeof raw.name !== 'string' || raw.name === '') {
      throw buildValidationError(`body failed validation: ${path}.name should be a non-empty string.`);
    }
    property.name = raw.name;
  }
  const type = detectConfiguredType(raw, path);
  if (type === undefined) return;
  if (type !== property.type) {
    if (property.type === 'title') throw buildValidationError('Cannot change the type of the title property.');
    Object.assign(property, { ...parseNewProperty(property.name, raw, path), id: property.id });
    return;
  }
  mergeTypeConfig(property, raw[type], `${path}.${type}`);
}

function parseNewProperty(name: string, raw: unknown, path: string): PropertySchema {
  if (!isRecord(raw)) throw buildValidationError(`body failed validation: ${path} should be an object.`);
  const type = detectConfiguredType(raw, path);
  if (type === undefined) throw buildValidationError(`body failed validation: ${path} should name a property type.`);
  const finalName = typeof raw.name === 'string' && raw.name !== '' ? raw.name : name;
  const property: PropertySchema = {
    id: type === 'title' ? 'title' : buildShortId(),
    name: finalName,
    type,
    options: [],
    numberFormat: 'number',
  };
  mergeTypeConfig(property, raw[type], `${path}.${type}`);
  return property;
}

function mergeTypeConfig(property: PropertySchema, config: unknown, path: string): void {
  if (config !== undefined && !isRecord(config)) {
    throw buildValidationError(`body failed validation: ${path} should be an object.`);
  }
  if (property.type === 'number' && typeof config?.format === 'string') property.numberFormat = config.format;
  if (property.type !== 'select' && property.type !== 'multi_select') return;
  const requested = config?.options ?? [];
  if (!Array.isArray(requested))
    throw buildValidationError(`body failed validation: ${path}.options should be an array.`);
  requested.forEach((raw: unknown, index) => {
    const optionPath = `${path}.options[${index}]`;
    if (!isRecord(raw)) throw buildValidationError(`body failed validation: ${optionPath} should be an object.`);
    const byId = property.options.find((option) => option.id === raw.id);
    if (byId !== undefined) {
      Object.assign(byId, {
        ...buildSelectOption(raw.name ?? byId.name, raw.color ?? byId.color, index, optionPath),
        id: byId.id,
      });
    } else if (!property.options.some((option) => option.name === raw.name)) {
      property.options.push(buildSelectOption(raw.name, raw.color, property.options.length, optionPath));
    }
  });
}

function detectConfiguredType(raw: Record<string, unknown>, path: string): PropertyType | undefined {
  const requested =
    typeof raw.type === 'string' ? raw.type : Object.keys(raw).find((key) => !CONFIG_META_KEYS.has(key));
  if (requested === undefined) return undefined;
  const type = PROPERTY_TYPES.find((known) => known === requested);
  if (type === undefined) {
    throw buildValidationError(
      `body failed validation: ${path} uses type "${requested}", which this fake does not support.`,
    );
  }
  return type;
}

function assertOneTitle(schema: readonly PropertySchema[]): void {
  const titles = schema.filter((property) => property.type === 'title').length;
  if (titles !== 1) throw buildValidationError(`A data source needs exactly one title property, got ${titles}.`);
}

function buildShortId(): string {
  return Array.from({ length: 4 }, () => ID_CHARS[Math.floor(Math.random() * ID_CHARS.length)]).join('');
}

export function buildPropertyConfigResponse(property: PropertySchema): PropertyConfigResponse {
  const common = { id: property.id, name: property.name, description: null };
  switch (property.type) {
    case 'select':
    case 'multi_select': {
      const options = property.options.map((option) => ({ ...option, description: null }));
      return property.type === 'select'
        ? { ...common, type: 'select', select: { options } }
        : { ...common, type: 'multi_select', multi_select: { options } };
    }
    case 'number':
      return { ...common, type: 'number', number: { format: property.numberFormat } };
    case 'title':
      return { ...common, type: 'title', title: {} };
    case 'rich_text':
      return { ...common, type: 'rich_text', rich_text: {} };
    case 'date':
      return { ...common, type: 'date', date: {} };
    case 'checkbox':
      return { ...common, type: 'checkbox', checkbox: {} };
    case 'url':
      return { ...common, type: 'url', url: {} };
    case 'email':
      return { ...common, type: 'email', email: {} };
    case 'phone_number':
      return { ...common, type: 'phone_number', phone_number: {} };
  }
}
