import { describe, expect, it } from 'vitest';
import { readCsvRecords } from '../../src/import/csv.js';
import { parseVisitsCsv } from '../../src/import/visits-csv.js';

describe('readCsvRecords', () => {
  it('reads quoted fields, doubled quotes, CRLF, a byte-order mark, and skips blank lines', () => {
    const text = '\uFEFFmonth,source,visits\r\n2026-10,"organic-search","12,400"\r\n\r\n"a ""b""",,3\n';
    expect(readCsvRecords(text)).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['month', 'source', 'visits'] },
        { line: 2, fields: ['2026-10', 'organic-search', '12,400'] },
        { line: 4, fields: ['a "b"', '', '3'] },
      ],
    });
  });

  it('says where a quote is never closed', () => {
    expect(readCsvRecords('month,source,visits\n2026-10,"seo,12\n')).toEqual({
      ok: false,
      problem: 'line 2: a quoted field is never closed',
    });
  });
});

describe('parseVisitsCsv', () => {
  it('reads rows in any column order, sources matched to the catalog, an empty source as the whole site', () => {
    const text = 'Visits,Month,Source\n12400,2026-10,Organic Search\n"30,500",2026-10,\n2.1k,2026-9,adwords\n';
    expect(parseVisitsCsv(text, [])).toEqual({
      ok: true,
      rows: [
        { month: '2026-10', source: 'organic-search', visits: 12_400 },
        { month: '2026-10', source: null, visits: 30_500 },
        { month: '2026-09', source: 'google-ads', visits: 2_100 },
      ],
    });
  });

  it('reports every problem with its line number', () => {
    const text = [
      'month,source,visits',
      '2026-10,organic-search,12400',
      '2026-13,organic-search,1',
      '2026-11,tiktokk,-3',
      '2026-10,seo,500',
      '2026-12,linkedin',
    ].join('\n');
    const parsed = parseVisitsCsv(text, []);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.problems).toEqual([
      'line 3: "2026-13" is not a month: months run from 01 to 12, e.g. 2026-10.',
      'line 4: "tiktokk" is not a source I know.',
      'line 4: "-3" is not a number of visits. Give the visits as a whole number, e.g. 12400, 12,400 or 12.4k.',
      'line 5: 2026-10 · organic-search is already on line 2',
      'line 6: 2 fields, expected 3 (month,source,visits)',
    ]);
  });

  it('refuses a file that is not a visits file', () => {
    expect(parseVisitsCsv('date,clicks\n2026-10-01,4\n', [])).toEqual({
      ok: false,
      problems: ['line 1: the header must be month,source,visits (found date,clicks)'],
    });
    expect(parseVisitsCsv('', [])).toEqual({
      ok: false,
      problems: ['the file is empty: it needs the header month,source,visits'],
    });
    expect(parseVisitsCsv('month,source,visits\n', [])).toEqual({
      ok: false,
      problems: ['the file has a header but no rows'],
    });
  });
});
