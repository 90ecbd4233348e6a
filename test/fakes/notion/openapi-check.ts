import { readFileSync } from 'node:fs';
import { isRecord } from './errors.js';

// A small JSON Schema checker for the fake's answers, reading a subset of Notion's published OpenAPI document
// (notion-openapi-subset.json: the schemas reachable from page, database, data source and error objects).
// It checks what a client relies on: required keys, types, consts, enums, formats, limits and unknown keys.

type Schema = Record<string, unknown>;

const DOCUMENT: unknown = JSON.parse(readFileSync(new URL('./notion-openapi-subset.json', import.meta.url), 'utf8'));
const SCHEMAS: Record<string, unknown> =
  isRecord(DOCUMENT) && isRecord(DOCUMENT.components) && isRecord(DOCUMENT.components.schemas)
    ? DOCUMENT.components.schemas
    : {};
/** API 2025-09-03 still sends `archived` beside `in_trash`; the 2026 document dropped it. */
const TOLERATED_EXTRA_KEYS = new Set(['archived', 'is_archived']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every way `value` departs from the named schema, as `path: problem` lines; empty when it conforms. */
export function checkOpenApiShape(value: unknown, schemaName: string): string[] {
  const problems: string[] = [];
  checkValue(value, resolveSchema({ $ref: `#/components/schemas/${schemaName}` }), '$', problems, false);
  return problems;
}

function resolveSchema(schema: unknown): Schema {
  if (!isRecord(schema)) return {};
  if (typeof schema.$ref !== 'string') return schema;
  const found = SCHEMAS[schema.$ref.replace('#/components/schemas/', '')];
  if (!isRecord(found)) throw new Error(`Schema ${schema.$ref} is not in the OpenAPI subset.`);
  return found;
}

/** `partOfAllOf`: a schema that is one part of an allOf cannot judge which keys are unknown to the whole. */
function checkValue(value: unknown, schema: Schema, path: string, problems: string[], partOfAllOf: boolean): void {
  const combined = checkCombinators(value, schema, path, problems, partOfAllOf);
  if (!combined) return;
  if ('const' in schema && value !== schema.const) problems.push(`${path}: should be ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    problems.push(`${path}: ${String(value)} not in enum`);
  if (schema.type !== undefined && !matchesType(value, schema.type)) {
    problems.push(`${path}: should be ${JSON.stringify(schema.type)}, was ${JSON.stringify(value)}`);
    return;
  }
  if (typeof value === 'string') checkString(value, schema, path, problems);
  if (Array.isArray(value)) {
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) problems.push(`${path}: too many items`);
    value.forEach((item, index) => {
      checkValue(item, resolveSchema(schema.items), `${path}[${index}]`, problems, false);
    });
  }
  if (isRecord(value)) checkObject(value, schema, path, problems, partOfAllOf);
}

/** allOf: every part holds; oneOf/anyOf: at least one branch holds (Notion's branches overlap, so not "exactly"). */
function checkCombinators(
  value: unknown,
  schema: Schema,
  path: string,
  problems: string[],
  partOfAllOf: boolean,
): boolean {
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf) checkValue(value, resolveSchema(part), path, problems, true);
  }
  const branches = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
  if (branches === undefined) return true;
  const outcomes = branches.map((branch) => {
    const branchProblems: string[] = [];
    checkValue(value, resolveSchema(branch), path, branchProblems, partOfAllOf);
    return branchProblems;
  });
  if (outcomes.some((outcome) => outcome.length === 0)) return true;
  const closest = outcomes.reduce((best, outcome) => (outcome.length < best.length ? outcome : best));
  problems.push(`${path}: matches none of ${branches.length} alternatives; closest: ${closest.join('; ')}`);
  return false;
}

function checkString(value: string, schema: Schema, path: string, problems: string[]): void {
  if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) problems.push(`${path}: too long`);
  if (schema.format === 'uuid' && !UUID.test(value)) problems.push(`${path}: not a dashed uuid: ${value}`);
  // Notion's date values carry a date or a date-time in fields the document marks "date".
  if ((schema.format === 'date-time' || schema.format === 'date') && Number.isNaN(Date.parse(value))) {
    problems.push(`${path}: not an ISO date: ${value}`);
  }
}

function checkObject(
  value: Record<string, unknown>,
  schema: Schema,
  path: string,
  problems: string[],
  partOfAllOf: boolean,
): void {
  const declared = isRecord(schema.properties) ? schema.properties : {};
  for (const key of Array.isArray(schema.required) ? schema.required : []) {
    if (typeof key === 'string' && !(key in value)) problems.push(`${path}: missing required key "${key}"`);
  }
  for (const [key, item] of Object.entries(value)) {
    if (key in declared) {
      checkValue(item, resolveSchema(declared[key]), `${path}.${key}`, problems, false);
    } else if (isRecord(schema.additionalProperties)) {
      checkValue(item, resolveSchema(schema.additionalProperties), `${path}.${key}`, problems, false);
    } else if (schema.additionalProperties === false && !partOfAllOf && !TOLERATED_EXTRA_KEYS.has(key)) {
      problems.push(`${path}: unknown key "${key}"`);
    }
  }
}

function matchesType(value: unknown, type: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some((name) => {
    if (name === 'null') return value === null;
    if (name === 'array') return Array.isArray(value);
    if (name === 'object') return isRecord(value);
    if (name === 'integer') return Number.isInteger(value);
    return typeof value === name;
  });
}
