// What `npm run workspaces -- adopt` prints: what moved, what was carried over, and what the operator does next.

import { INSTALL_PATH } from '../slack/oauth.js';
import type { NotionOutcome } from './carry-over.js';
import { ADOPT_COMMAND } from './leftover.js';
import type { AdoptionOutcome } from './outcome.js';

export const WORKSPACES_USAGE = `Usage: npm run workspaces -- <command>
  adopt [<team or enterprise id>]  move the single-workspace store (DATA_DIR/roi-runway.sqlite, or the tables of
                                   DATABASE_URL) into that workspace's own store, for distribution mode
                                   (default: the workspace the bot noted at its last single-mode start)
  help                             show this help
Run it with the bot stopped and the single-workspace environment still set (its DIGEST_*, MANAGERS, CURRENCY, … and
NOTION_* are carried into the workspace's stored settings); then set SLACK_CLIENT_ID and start the bot.`;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function describeNotion(notion: NotionOutcome): string {
  if (notion === 'none') return 'Notion: none was configured.';
  if (notion === 'kept') return 'Notion: the connection the store already held is kept.';
  if (notion === 'stored') {
    return 'Notion: the connection of NOTION_TOKEN and its databases is stored for the workspace; sync continues on the same pages.';
  }
  return (
    `Notion: not carried over (${notion.problem}). A manager connects it in /roi settings with the same ` +
    'integration token and the page the databases sit on: the setup finds the same databases, so nothing is imported twice.'
  );
}

export function buildAdoptionReport(outcome: AdoptionOutcome): { text: string; ok: boolean } {
  if (outcome.kind === 'refused') return { text: outcome.reason, ok: false };
  if (outcome.kind === 'already') {
    const lines = [
      `Already adopted: workspace ${outcome.key} took the single-workspace store on ${new Date(outcome.at).toISOString()} (${outcome.place}). Nothing was changed.`,
    ];
    if (outcome.leftover !== null) {
      const { leads, spend } = outcome.leftover;
      lines.push(
        `A single-workspace store has been used since (${plural(leads, 'lead', 'leads')}, ${plural(spend, 'spend row', 'spend rows')}): ` +
          'a bot ran without SLACK_CLIENT_ID after the adoption. Its data is not moved over the adopted store.',
      );
    }
    return { text: lines.join('\n'), ok: true };
  }
  const { key, counts, settings } = outcome;
  const lines = [
    `Adopted: the single-workspace store is now the store of workspace ${key} (${outcome.place}).`,
    `Moved ${plural(counts.leads, 'lead', 'leads')}, ${plural(counts.spend, 'spend row', 'spend rows')} and ` +
      `${plural(counts.pendingOutbox, 'change', 'changes')} still owed to Notion, with its targets, digest ledger and sync links.`,
    settings.length === 0
      ? 'Settings: the store already held them all; none copied from the environment.'
      : `Settings copied from the environment into the workspace's /roi settings: ${settings.join(', ')}.`,
    describeNotion(outcome.notion),
    'Next: set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET, start the bot, and install from ' +
      `${INSTALL_PATH} with workspace ${key}. Running ${ADOPT_COMMAND} again changes nothing.`,
  ];
  return { text: lines.join('\n'), ok: true };
}
