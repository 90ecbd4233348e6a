import {
  buildNotFoundError,
  buildNotionId,
  buildValidationError,
  computeMinuteFloor,
  isRecord,
  parsePathId,
} from './errors.js';
import { type ParsedProperties, parsePageProperties } from './properties.js';
import {
  type DatabaseRecord,
  type DataSourceRecord,
  type PageRecord,
  type PropertySchema,
  STANDALONE_PAGE_SCHEMA,
} from './records.js';
import { buildTextItem, parseRichTextArray } from './rich-text.js';
import { parseInitialSchema, parseSchemaUpdate } from './schema.js';

const MAX_MEMOIZED_QUERIES = 50;
const ARCHIVED_MESSAGE = "Can't edit block that is archived. You must unarchive the block before editing.";

/** The fake's workspace: what the integration can see, and the writes that change it. */
export class NotionStore {
  readonly rootPageId = buildNotionId();
  private readonly databaseMap = new Map<string, DatabaseRecord>();
  private readonly dataSourceMap = new Map<string, DataSourceRecord>();
  private readonly pageMap = new Map<string, PageRecord>();
  /** Query results by query, until the next write: the pages of one walk then come from one ordering. */
  private readonly rowMemo = new Map<string, PageRecord[]>();

  constructor(
    private readonly now: () => number,
    rootTitle: string,
    private readonly botUserId: string,
  ) {
    const at = this.writeTime();
    this.pageMap.set(this.rootPageId, {
      id: this.rootPageId,
      dataSourceId: null,
      values: new Map([['title', { kind: 'text', items: [buildTextItem(rootTitle)] }]]),
      inTrash: false,
      ...this.stamp(at, botUserId),
    });
  }

  createDatabase(body: Record<string, unknown>): DatabaseRecord {
    const parent = isRecord(body.parent) ? body.parent : {};
    if (typeof parent.page_id !== 'string') {
      throw buildValidationError('body failed validation: body.parent.page_id should be defined.');
    }
    const parentPage = this.page(parent.page_id);
    const title = parseRichTextArray(body.title ?? [], 'body.title');
    const initial = isRecord(body.initial_data_source) ? body.initial_data_source : {};
    const properties = parseInitialSchema(initial.properties, 'body.initial_data_source.properties');
    const database: DatabaseRecord = {
      id: buildNotionId(),
      parentPageId: parentPage.id,
      title,
      isInline: body.is_inline === true,
      inTrash: false,
      dataSourceIds: [],
      ...this.stamp(this.writeTime(), this.botUserId),
    };
    const source: DataSourceRecord = {
      id: buildNotionId(),
      databaseId: database.id,
      title,
      properties,
      ...this.stamp(this.writeTime(), this.botUserId),
    };
    database.dataSourceIds.push(source.id);
    this.databaseMap.set(database.id, database);
    this.dataSourceMap.set(source.id, source);
    return database;
  }

  updateDatabase(rawId: string, body: Record<string, unknown>): DatabaseRecord {
    const database = this.database(rawId);
    const title = body.title === undefined ? database.title : parseRichTextArray(body.title, 'body.title');
    const trash = body.in_trash ?? body.archived;
    Object.assign(database, { title, lastEditedTime: this.writeTime(), lastEditedBy: this.botUserId });
    if (typeof body.is_inline === 'boolean') database.isInline = body.is_inline;
    if (typeof trash === 'boolean') database.inTrash = trash;
    return database;
  }

  updateDataSource(rawId: string, body: Record<string, unknown>): DataSourceRecord {
    const source = this.dataSource(rawId);
    const title = body.title === undefined ? source.title : parseRichTextArray(body.title, 'body.title');
    const properties =
      body.properties === undefined
        ? source.properties
        : parseSchemaUpdate(source.properties, body.properties, 'body.properties');
    this.dropStaleValues(source, properties);
    Object.assign(source, { title, properties, lastEditedTime: this.writeTime(), lastEditedBy: this.botUserId });
    return source;
  }

  /** Creates a row; `parent` may name the data source or (with a single data source) its database. */
  createPage(body: Record<string, unknown>, actor: string): PageRecord {
    const parent = isRecord(body.parent) ? body.parent : {};
    let source: DataSourceRecord;
    if (typeof parent.data_source_id === 'string') source = this.dataSource(parent.data_source_id);
    else if (typeof parent.database_id === 'string') source = this.onlyDataSource(parent.database_id);
    else throw buildValidationError('body failed validation: body.parent.data_source_id should be defined.');
    if (this.databaseMap.get(source.databaseId)?.inTrash) throw buildValidationError(ARCHIVED_MESSAGE);
    const parsed = parsePageProperties(source.properties, body.properties, 'body.properties');
    this.commitOptions(source, parsed);
    const page: PageRecord = {
      id: buildNotionId(),
      dataSourceId: source.id,
      values: parsed.values,
      inTrash: false,
      ...this.stamp(this.writeTime(), actor),
    };
    this.pageMap.set(page.id, page);
    return page;
  }

  /** Partial property update; `in_trash` (or its old name `archived`) moves the page in or out of the trash. */
  updatePage(rawId: string, body: Record<string, unknown>, actor: string): PageRecord {
    const page = this.page(rawId);
    const trash = body.in_trash ?? body.archived ?? body.is_archived;
    if (page.inTrash && trash !== false && body.properties !== undefined) throw buildValidationError(ARCHIVED_MESSAGE);
    const source = this.dataSourceOf(page);
    const parsed = parsePageProperties(
      source?.properties ?? STANDALONE_PAGE_SCHEMA,
      body.properties,
      'body.properties',
    );
    if (source !== null) this.commitOptions(source, parsed);
    for (const [id, value] of parsed.values) page.values.set(id, value);
    if (typeof trash === 'boolean') page.inTrash = trash;
    Object.assign(page, { lastEditedTime: this.writeTime(), lastEditedBy: actor });
    return page;
  }

  /** Emptying the trash: trashed pages are gone for good, and Notion then answers their ids with object_not_found. */
  emptyTrash(): void {
    for (const [id, page] of this.pageMap) if (page.inTrash && page.dataSourceId !== null) this.pageMap.delete(id);
    this.rowMemo.clear();
  }

  memoizeRows(queryKey: string, compute: () => PageRecord[]): PageRecord[] {
    const known = this.rowMemo.get(queryKey);
    if (known !== undefined) return known;
    const rows = compute();
    if (this.rowMemo.size >= MAX_MEMOIZED_QUERIES) this.rowMemo.clear();
    this.rowMemo.set(queryKey, rows);
    return rows;
  }

  database(rawId: string): DatabaseRecord {
    return this.lookup(this.databaseMap, rawId, 'database');
  }

  dataSource(rawId: string): DataSourceRecord {
    return this.lookup(this.dataSourceMap, rawId, 'data_source');
  }

  page(rawId: string): PageRecord {
    return this.lookup(this.pageMap, rawId, 'page');
  }

  dataSourceOf(page: PageRecord): DataSourceRecord | null {
    return page.dataSourceId === null ? null : (this.dataSourceMap.get(page.dataSourceId) ?? null);
  }

  dataSourcesOf(database: DatabaseRecord): DataSourceRecord[] {
    return database.dataSourceIds.flatMap((id) => this.dataSourceMap.get(id) ?? []);
  }

  /** Rows of a data source; trashed rows only on request, since Notion's queries never show them. */
  rows(rawId: string, includeTrashed = false): PageRecord[] {
    const source = this.dataSource(rawId);
    return [...this.pageMap.values()].filter(
      (page) => page.dataSourceId === source.id && (includeTrashed || !page.inTrash),
    );
  }

  allDatabases(): DatabaseRecord[] {
    return [...this.databaseMap.values()];
  }

  allDataSources(): DataSourceRecord[] {
    return [...this.dataSourceMap.values()];
  }

  allPages(): PageRecord[] {
    return [...this.pageMap.values()];
  }

  private onlyDataSource(rawDatabaseId: string): DataSourceRecord {
    const database = this.database(rawDatabaseId);
    const [only, ...others] = this.dataSourcesOf(database);
    if (only === undefined || others.length > 0) {
      throw buildValidationError('Databases with several data sources need parent.data_source_id.');
    }
    return only;
  }

  private commitOptions(source: DataSourceRecord, parsed: ParsedProperties): void {
    for (const [propertyId, options] of parsed.newOptions) {
      source.properties.find((property) => property.id === propertyId)?.options.push(...options);
      source.lastEditedTime = this.writeTime();
    }
  }

  /** A removed property, or one whose type changed, loses its values, as in Notion. */
  private dropStaleValues(source: DataSourceRecord, next: readonly PropertySchema[]): void {
    const unchanged = (property: PropertySchema) =>
      source.properties.some((old) => old.id === property.id && old.type === property.type);
    const keptIds = new Set(next.filter(unchanged).map((property) => property.id));
    for (const page of this.rows(source.id, true)) {
      for (const id of page.values.keys()) if (!keptIds.has(id)) page.values.delete(id);
    }
  }

  private lookup<T>(map: Map<string, T>, rawId: string, kind: string): T {
    const id = parsePathId(rawId, kind);
    const found = map.get(id);
    if (found === undefined) throw buildNotFoundError(kind, id);
    return found;
  }

  /** The minute a write happens; it also forgets memoized query results, which the write may change. */
  private writeTime(): number {
    this.rowMemo.clear();
    return computeMinuteFloor(this.now());
  }

  private stamp(at: number, actor: string) {
    return { createdTime: at, lastEditedTime: at, createdBy: actor, lastEditedBy: actor };
  }
}
