// npm run import -- visits <file.csv>
// Records a file of monthly website visits (header month,source,visits) in the store the bot uses (DATA_DIR): every
// row is checked first and, if any is wrong, every problem is printed with its line number and nothing changes.
// A row sets its month's visits for its source, so importing the same file again changes nothing. The bot, running
// or not, picks the rows up and syncs them to Notion when NOTION_VISITS_DB is set.

import { readFileSync } from 'node:fs';
import { buildStoreLocation } from '../src/app.js';
import { ConfigError, loadConfig, SINGLE_WORKSPACE_SCRIPT } from '../src/config.js';
import { IMPORT_ACTOR, type Visit } from '../src/domain/types.js';
import { parseVisitsCsv } from '../src/import/visits-csv.js';
import { buildStoreServices, type StoreServices } from '../src/store/index.js';

const USAGE = `Usage: npm run import -- visits <file.csv>
  The file's first line is the header month,source,visits; then one row per month and source, e.g.
    2026-10,organic-search,12400
    2026-10,,30500          (no source: the whole site)
  A row sets that month's visits for that source: importing the file twice changes nothing.
Reads DATA_DIR like the bot.`;

function importVisits(services: StoreServices, text: string): { lines: string[]; code: number } {
  const parsed = parseVisitsCsv(text, services.leads.customSources());
  if (!parsed.ok) {
    return { lines: [...parsed.problems, `Nothing was imported (${parsed.problems.length} problems).`], code: 1 };
  }
  const { plans } = services;
  const key = (row: Pick<Visit, 'month' | 'source'>) => `${row.month}|${row.source ?? ''}`;
  const before = new Map(plans.listVisits().map((row) => [key(row), row.visits]));
  plans.recordMany(() => parsed.rows.map((row) => plans.recordVisits(row, { actor: IMPORT_ACTOR })));
  const added = parsed.rows.filter((row) => !before.has(key(row))).length;
  const changed = parsed.rows.filter((row) => before.has(key(row)) && before.get(key(row)) !== row.visits).length;
  const same = parsed.rows.length - added - changed;
  return {
    lines: [`Imported ${parsed.rows.length} rows: ${added} new, ${changed} changed, ${same} unchanged.`],
    code: 0,
  };
}

function main(args: readonly string[]): number {
  const [kind, file] = args;
  if (kind !== 'visits' || file === undefined || args.length !== 2) {
    process.stderr.write(`${USAGE}\n`);
    return args.includes('--help') ? 0 : 1;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    process.stderr.write(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const config = loadConfig('offline');
  if (config.slack.oauth !== null) {
    process.stderr.write(`${SINGLE_WORKSPACE_SCRIPT}\n`);
    return 1;
  }
  const services = buildStoreServices(buildStoreLocation(config));
  try {
    const result = importVisits(services, text);
    (result.code === 0 ? process.stdout : process.stderr).write(`${result.lines.join('\n')}\n`);
    return result.code;
  } finally {
    services.store.close();
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `Import failed: ${String(error)}`}\n`);
  process.exitCode = 1;
}
