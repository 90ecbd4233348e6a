// `npm run import -- visits file.csv`: the file's rows as visits to record, or every problem with its line number.
// Header `month,source,visits` (any order, any case); an empty source is the whole site's count. A row sets the
// month's visits for its source — as `/roi visits` does — so importing the same file twice changes nothing.

import { resolveSource } from '../domain/catalog.js';
import { parseMonth } from '../domain/periods.js';
import { parseVisitCount } from '../domain/visits.js';
import type { NewVisits } from '../store/index.js';
import { type CsvRecord, readCsvRecords } from './csv.js';

export const VISITS_COLUMNS = ['month', 'source', 'visits'] as const;

export type VisitsCsv = { ok: true; rows: NewVisits[] } | { ok: false; problems: string[] };

/** Where each column is, or why the header is not ours. */
function readHeader(header: CsvRecord): { ok: true; at: number[] } | { ok: false; problem: string } {
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const unknown = names.filter((name) => !(VISITS_COLUMNS as readonly string[]).includes(name));
  const at = VISITS_COLUMNS.map((column) => names.indexOf(column));
  if (unknown.length > 0 || at.some((index) => index < 0) || names.length !== VISITS_COLUMNS.length) {
    const found = names.join(',') || 'nothing';
    return { ok: false, problem: `line ${header.line}: the header must be month,source,visits (found ${found})` };
  }
  return { ok: true, at };
}

function readRow(record: CsvRecord, at: number[], sources: readonly string[]): NewVisits | string[] {
  const where = `line ${record.line}`;
  if (record.fields.length !== VISITS_COLUMNS.length) {
    return [`${where}: ${record.fields.length} fields, expected 3 (month,source,visits)`];
  }
  const [month, source, visits] = at.map((index) => (record.fields[index] ?? '').trim()) as [string, string, string];
  const problems: string[] = [];
  const parsedMonth = parseMonth(month);
  if (!parsedMonth.ok) problems.push(`${where}: ${parsedMonth.error}`);
  const match = source === '' ? null : resolveSource(source, sources);
  if (match?.kind === 'suggest') {
    const hint = match.suggestions.length === 0 ? '' : ` Did you mean ${match.suggestions.join(' or ')}?`;
    problems.push(`${where}: "${source}" is not a source I know.${hint}`);
  }
  const count = parseVisitCount(visits);
  if (!count.ok) problems.push(`${where}: ${count.error}`);
  if (problems.length > 0 || !parsedMonth.ok || !count.ok || match?.kind === 'suggest') return problems;
  return { month: parsedMonth.value, source: match === null ? null : match.slug, visits: count.value };
}

export function parseVisitsCsv(text: string, customSources: readonly string[]): VisitsCsv {
  const read = readCsvRecords(text);
  if (!read.ok) return { ok: false, problems: [read.problem] };
  const [header, ...records] = read.records;
  if (header === undefined)
    return { ok: false, problems: ['the file is empty: it needs the header month,source,visits'] };
  const columns = readHeader(header);
  if (!columns.ok) return { ok: false, problems: [columns.problem] };
  if (records.length === 0) return { ok: false, problems: ['the file has a header but no rows'] };
  const problems: string[] = [];
  const rows: NewVisits[] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    const row = readRow(record, columns.at, customSources);
    if (Array.isArray(row)) {
      problems.push(...row);
      continue;
    }
    const key = `${row.month} · ${row.source ?? 'all sources'}`;
    const first = seen.get(key);
    if (first !== undefined) problems.push(`line ${record.line}: ${key} is already on line ${first}`);
    else seen.set(key, record.line);
    rows.push(row);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}
