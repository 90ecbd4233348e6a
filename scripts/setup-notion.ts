// npm run setup:notion -- --parent <page-id or URL> [--repair]
// Creates (or finds) the Leads, Spend, Targets, Visits and Numbers databases and prints the NOTION_*_DB lines to paste.

import { extractNotionId } from '@notionhq/client';
import { ConfigError, loadConfig } from '../src/config.js';
import { createLogger, redactSecrets } from '../src/log.js';
import { buildNotionApi, NotionSetupError, runNotionSetup, type SetupResult } from '../src/notion/index.js';

const USAGE = 'usage: npm run setup:notion -- --parent <page-id or page URL> [--repair]';

function parseArgs(argv: readonly string[]): { parent: string | undefined; repair: boolean } {
  const parentAt = argv.indexOf('--parent');
  const rawParent = parentAt === -1 ? undefined : argv[parentAt + 1];
  if (parentAt !== -1 && (rawParent === undefined || rawParent.startsWith('--'))) throw new NotionSetupError(USAGE);
  const parent = rawParent === undefined ? undefined : (extractNotionId(rawParent) ?? undefined);
  if (rawParent !== undefined && parent === undefined) {
    throw new NotionSetupError(`"${rawParent}" is not a Notion page id or URL. ${USAGE}`);
  }
  return { parent, repair: argv.includes('--repair') };
}

function buildReport(result: SetupResult): string[] {
  const lines: string[] = [];
  for (const db of result.databases) {
    lines.push(`${db.action === 'created' ? 'Created' : 'Found'} ${db.spec.title} (${db.databaseId})`);
    for (const fix of db.repaired) lines.push(`  repaired: ${fix}`);
    for (const problem of db.problems) lines.push(`  problem: ${problem}`);
  }
  const problems = result.databases.flatMap((db) => db.problems);
  if (problems.length > 0) lines.push('', 'Fix the problems above (run again with --repair for missing ones).');
  lines.push('', 'Paste these lines into your environment (.env):', ...result.envLines);
  return lines;
}

async function main(): Promise<number> {
  const config = loadConfig('offline');
  if (config.notion === null)
    throw new NotionSetupError('NOTION_TOKEN is not set: create an internal integration first.');
  const { parent, repair } = parseArgs(process.argv.slice(2));
  const log = createLogger({ level: config.logLevel, secrets: [config.notion.token] });
  const { client } = buildNotionApi(config.notion, { log });
  const existing = {
    leadsDb: config.notion.leadsDb,
    spendDb: config.notion.spendDb,
    targetsDb: config.notion.targetsDb,
    ...(config.notion.visitsDb === undefined ? {} : { visitsDb: config.notion.visitsDb }),
    ...(config.notion.numbersDb === undefined ? {} : { numbersDb: config.notion.numbersDb }),
  };
  const result = await runNotionSetup(client, {
    ...(parent === undefined ? {} : { parentPageId: parent }),
    existing,
    repair,
    currency: config.currency,
  });
  process.stdout.write(`${buildReport(result).join('\n')}\n`);
  return result.databases.some((db) => db.problems.length > 0) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const known = error instanceof NotionSetupError || error instanceof ConfigError;
    process.stderr.write(`${known ? error.message : redactSecrets(String(error))}\n`);
    process.exitCode = 1;
  },
);
