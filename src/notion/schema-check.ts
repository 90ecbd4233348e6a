// The start-up check: each configured database resolves to its data source, and every property DESIGN.md names is
// there with the right type. All problems are reported at once, with the command that fixes them.

import { type Client, isFullDatabase, isFullDataSource } from '@notionhq/client';
import type { NotionConfig } from '../config.js';
import type { Entity } from '../store/index.js';
import { classifyNotionError } from './errors.js';
import { type DatabaseSpec, type DataSourceIds, NOTION_DATABASES } from './schema.js';

export const REPAIR_COMMAND = 'npm run setup:notion -- --repair';

export interface SchemaDifference {
  missing: string[];
  wrongType: { name: string; actual: string; expected: string }[];
  missingOptions: { name: string; options: string[] }[];
}

export interface SchemaCheck {
  ok: boolean;
  problems: string[];
  /** The data source of each database that could be resolved. */
  dataSourceIds: Partial<DataSourceIds>;
  /** Optional properties a database lacks: the sync leaves them out of its writes until --repair adds them. */
  absentOptional: Partial<Record<Entity, string[]>>;
  /** Every problem in one text, ending with the command that fixes them. */
  message: string;
}

export type PropertyConfigs = Record<string, { type: string; select?: { options: { name: string }[] } }>;

/** What a data source lacks compared to the spec. Extra properties are the team's own business and are fine. */
export function compareSchema(spec: DatabaseSpec, properties: PropertyConfigs): SchemaDifference {
  const difference: SchemaDifference = { missing: [], wrongType: [], missingOptions: [] };
  for (const [name, expected] of Object.entries(spec.properties)) {
    const actual = properties[name];
    if (actual === undefined) difference.missing.push(name);
    else if (actual.type !== expected.type) {
      difference.wrongType.push({ name, actual: actual.type, expected: expected.type });
    } else if (expected.options) {
      const have = new Set((actual.select?.options ?? []).map((option) => option.name));
      const lacking = expected.options.filter((option) => !have.has(option));
      if (lacking.length > 0) difference.missingOptions.push({ name, options: lacking });
    }
  }
  return difference;
}

/** What is wrong; a missing optional property is a problem for setup to report, not for start-up (`atStart`). */
export function buildSchemaProblems(spec: DatabaseSpec, difference: SchemaDifference, atStart = false): string[] {
  const missing = atStart ? difference.missing.filter((name) => !spec.properties[name]?.optional) : difference.missing;
  return [
    ...missing.map((name) => `${spec.title}: property "${name}" is missing (${spec.properties[name]?.type})`),
    ...difference.wrongType.map(
      ({ name, actual, expected }) => `${spec.title}: property "${name}" is ${actual}, it should be ${expected}`,
    ),
  ];
}

/**
 * Resolves a database to its first data source and reads that data source's properties, and the page the database
 * sits on (where the setup puts a database added later).
 */
export async function readDataSource(client: Client, databaseId: string) {
  const database = await client.databases.retrieve({ database_id: databaseId });
  const first = isFullDatabase(database) ? database.data_sources[0] : undefined;
  if (first === undefined) return null;
  const source = await client.dataSources.retrieve({ data_source_id: first.id });
  if (!isFullDataSource(source)) return null;
  const properties: PropertyConfigs = source.properties;
  const parent = isFullDatabase(database) && database.parent.type === 'page_id' ? database.parent.page_id : null;
  return { databaseId: database.id, dataSourceId: source.id, properties, parentPageId: parent };
}

/** The database ids as configured; an optional one (NOTION_VISITS_DB, NOTION_NUMBERS_DB) may be missing. */
export type DatabaseIds = Pick<NotionConfig, 'leadsDb' | 'spendDb' | 'targetsDb' | 'visitsDb' | 'numbersDb'>;

export async function checkNotionSchema(client: Client, config: DatabaseIds): Promise<SchemaCheck> {
  const problems: string[] = [];
  const dataSourceIds: Partial<DataSourceIds> = {};
  const absentOptional: Partial<Record<Entity, string[]>> = {};
  for (const spec of NOTION_DATABASES) {
    const databaseId = config[spec.configKey] ?? '';
    // An optional database left unset is how a deployment from before it looks: nothing to check.
    if (databaseId === '' && spec.optional) continue;
    if (databaseId === '') {
      problems.push(`${spec.envName} is not set (npm run setup:notion -- --parent <page-id> prints it)`);
      continue;
    }
    try {
      const source = await readDataSource(client, databaseId);
      if (source === null) {
        problems.push(`${spec.envName}: database ${databaseId} has no data source`);
        continue;
      }
      dataSourceIds[spec.entity] = source.dataSourceId;
      const difference = compareSchema(spec, source.properties);
      problems.push(...buildSchemaProblems(spec, difference, true));
      absentOptional[spec.entity] = difference.missing.filter((name) => spec.properties[name]?.optional);
    } catch (error) {
      problems.push(describeAccessProblem(spec, databaseId, error));
    }
  }
  const message =
    problems.length === 0
      ? 'Notion schema OK'
      : `Notion schema problems (${problems.length}):\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        `Fix them with: ${REPAIR_COMMAND}`;
  return { ok: problems.length === 0, problems, dataSourceIds, absentOptional, message };
}

function describeAccessProblem(spec: DatabaseSpec, databaseId: string, error: unknown): string {
  const failure = classifyNotionError(error);
  if (failure.code === 'object_not_found') {
    return `${spec.envName}: Notion cannot find database ${databaseId}; share it with the integration or fix the id`;
  }
  if (failure.code === 'unauthorized') return `${spec.envName}: Notion refused NOTION_TOKEN (${failure.message})`;
  return `${spec.envName}: could not read database ${databaseId} (${failure.message})`;
}
