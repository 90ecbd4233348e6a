// `npm run setup:notion`: creates the Leads, Spend, Targets, Visits and Numbers databases under a page shared with the
// integration, or finds the ones already there (never a duplicate), and with --repair adds what a database lacks.
// A database added in a later release (Visits, Numbers) is created beside the existing ones when no parent page is
// given.

import {
  type Client,
  type CreateDatabaseParameters,
  isFullDataSource,
  iteratePaginatedAPI,
  type UpdateDataSourceParameters,
} from '@notionhq/client';
import { classifyNotionError } from './errors.js';
import { buildPropertyConfig, buildSchemaConfig, type DatabaseSpec, NOTION_DATABASES } from './schema.js';
import { buildSchemaProblems, compareSchema, readDataSource, type SchemaDifference } from './schema-check.js';

type InitialProperties = NonNullable<NonNullable<CreateDatabaseParameters['initial_data_source']>['properties']>;
type SchemaUpdate = UpdateDataSourceParameters['properties'];

export interface SetupOptions {
  /** The page the databases live under; needed unless every database id is given. */
  parentPageId?: string;
  /** Database ids already known (from NOTION_*_DB). */
  existing?: Partial<Record<DatabaseSpec['configKey'], string>>;
  repair: boolean;
  currency: string;
}

export interface SetupDatabase {
  spec: DatabaseSpec;
  databaseId: string;
  dataSourceId: string;
  /** The page the database sits on, when it sits on a page. */
  parentPageId: string | null;
  action: 'created' | 'found';
  /** What --repair added: `Leads: property "Notes"`, `Leads: Stage options Lost`. */
  repaired: string[];
  /** What is still wrong (wrong types are never changed automatically: that would erase a column's values). */
  problems: string[];
}

export interface SetupResult {
  databases: SetupDatabase[];
  /** The lines to paste into the environment. */
  envLines: string[];
}

/** A problem the admin must fix first (wrong page id, page not shared); the message says how. */
export class NotionSetupError extends Error {
  override readonly name = 'NotionSetupError';
}

export async function runNotionSetup(client: Client, options: SetupOptions): Promise<SetupResult> {
  const checked = new Set<string>();
  const databases: SetupDatabase[] = [];
  for (const spec of NOTION_DATABASES) {
    const known = options.existing?.[spec.configKey];
    let found = known ? await readKnownDatabase(client, spec, known) : null;
    let parent: string | undefined;
    if (found === null) {
      parent = findParentPage(spec, options, databases);
      if (!checked.has(parent)) await assertPageShared(client, parent);
      checked.add(parent);
      found = await findDatabaseUnder(client, spec, parent);
    }
    databases.push(
      found ? await applyRepair(client, spec, found, options) : await createDatabase(client, spec, options, parent),
    );
  }
  return { databases, envLines: databases.map((db) => `${db.spec.envName}=${db.databaseId}`) };
}

/** The --parent page; for a database added later, the page the Leads database sits on will do. */
function findParentPage(spec: DatabaseSpec, options: SetupOptions, databases: readonly SetupDatabase[]): string {
  const sibling = spec.optional ? databases.find((db) => db.parentPageId !== null)?.parentPageId : undefined;
  const parent = options.parentPageId ?? sibling ?? undefined;
  if (parent === undefined) {
    throw new NotionSetupError(`${spec.envName} is not set: give the parent page with --parent <page-id>`);
  }
  return parent;
}

async function readKnownDatabase(client: Client, spec: DatabaseSpec, databaseId: string) {
  try {
    return await readDataSource(client, databaseId);
  } catch (error) {
    if (classifyNotionError(error).kind !== 'gone') throw error;
    throw new NotionSetupError(
      `${spec.envName}=${databaseId}: Notion cannot find this database. Share it with the integration, ` +
        'or unset the variable to create a new one with --parent <page-id>.',
    );
  }
}

async function assertPageShared(client: Client, pageId: string): Promise<void> {
  try {
    await client.pages.retrieve({ page_id: pageId });
  } catch (error) {
    if (classifyNotionError(error).kind !== 'gone') throw error;
    throw new NotionSetupError(
      `Notion cannot see page ${pageId}: share the page with the integration ` +
        '(open the page, ••• menu → Connections → add your integration), then run this again.',
    );
  }
}

/** A data source titled like ours, whose database sits directly under the parent page and is not trashed. */
async function findDatabaseUnder(client: Client, spec: DatabaseSpec, parentPageId: string) {
  const hits = iteratePaginatedAPI(client.search, {
    query: spec.title,
    filter: { property: 'object', value: 'data_source' },
    page_size: 100,
  });
  for await (const hit of hits) {
    if (!isFullDataSource(hit) || hit.in_trash) continue;
    const title = hit.title.map((item) => item.plain_text).join('');
    const parent = hit.database_parent;
    if (title.trim() !== spec.title || parent.type !== 'page_id' || !sameId(parent.page_id, parentPageId)) continue;
    if (hit.parent.type !== 'database_id') continue;
    return readDataSource(client, hit.parent.database_id);
  }
  return null;
}

function sameId(a: string, b: string): boolean {
  return a.replaceAll('-', '').toLowerCase() === b.replaceAll('-', '').toLowerCase();
}

async function createDatabase(
  client: Client,
  spec: DatabaseSpec,
  options: SetupOptions,
  parentPageId: string | undefined,
): Promise<SetupDatabase> {
  const database = await client.databases.create({
    parent: { type: 'page_id', page_id: parentPageId ?? '' },
    title: [{ type: 'text', text: { content: spec.title } }],
    initial_data_source: {
      // Built from our own spec, whose types and formats are Notion's: the cast names the SDK's type for it.
      properties: buildSchemaConfig(spec, options.currency) as InitialProperties,
    },
  });
  const created = await readDataSource(client, database.id);
  if (created === null) throw new NotionSetupError(`Notion created ${spec.title} without a data source`);
  return { spec, ...created, action: 'created', repaired: [], problems: [] };
}

type FoundDatabase = NonNullable<Awaited<ReturnType<typeof readDataSource>>>;

async function applyRepair(
  client: Client,
  spec: DatabaseSpec,
  found: FoundDatabase,
  options: SetupOptions,
): Promise<SetupDatabase> {
  const difference = compareSchema(spec, found.properties);
  const { databaseId, dataSourceId, parentPageId } = found;
  const base = { spec, databaseId, dataSourceId, parentPageId, action: 'found' as const };
  const fixable = difference.missing.length + difference.missingOptions.length > 0;
  if (!options.repair || !fixable) {
    const problems = buildSchemaProblems(spec, difference);
    if (!options.repair) problems.push(...buildOptionProblems(spec, difference));
    return { ...base, repaired: [], problems };
  }
  await client.dataSources.update({
    data_source_id: found.dataSourceId,
    properties: buildRepairUpdate(spec, difference, found.properties, options.currency) as SchemaUpdate,
  });
  const repaired = [
    ...difference.missing.map((name) => `${spec.title}: property "${name}"`),
    ...difference.missingOptions.map(
      ({ name, options: added }) => `${spec.title}: ${name} options ${added.join(', ')}`,
    ),
  ];
  return { ...base, repaired, problems: buildSchemaProblems(spec, { ...difference, missing: [], missingOptions: [] }) };
}

function buildOptionProblems(spec: DatabaseSpec, difference: SchemaDifference): string[] {
  return difference.missingOptions.map(
    ({ name, options }) => `${spec.title}: ${name} lacks the options ${options.join(', ')}`,
  );
}

/** Missing properties as new ones; missing select options added to the ones there (which are sent back as they are). */
function buildRepairUpdate(
  spec: DatabaseSpec,
  difference: SchemaDifference,
  properties: FoundDatabase['properties'],
  currency: string,
): Record<string, unknown> {
  const update: Record<string, unknown> = {};
  for (const name of difference.missing) {
    const property = spec.properties[name];
    if (property) update[name] = buildPropertyConfig(property, currency);
  }
  for (const { name, options } of difference.missingOptions) {
    const current = properties[name]?.select?.options ?? [];
    update[name] = {
      select: { options: [...current.map((option) => ({ name: option.name })), ...options.map((o) => ({ name: o }))] },
    };
  }
  return update;
}
