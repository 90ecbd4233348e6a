// The direct message a manager gets once the Notion setup of /roi settings ran: the databases found or created, what
// was added to them, or why Notion is not connected and what to do. Everything Notion named is escaped.

import type { NotionConnectOutcome } from '../../notion/connect.js';
import { escapeSlackText } from '../blocks.js';

export function buildNotionConnectReport(
  outcome: NotionConnectOutcome,
  asked: { tokenEnd: string; page: string },
): string {
  const page = escapeSlackText(asked.page);
  if (!outcome.ok) {
    const problems = outcome.problems.map((problem) => `\n• ${escapeSlackText(problem)}`).join('');
    return (
      `:warning: Notion is not connected (token ending ${escapeSlackText(asked.tokenEnd)}, page ${page}): ` +
      `${escapeSlackText(outcome.reason)}.${problems}\nNothing was stored: this workspace’s Notion setting is ` +
      'unchanged. Fix this, then submit /roi settings again.'
    );
  }
  const lines = outcome.databases.map(
    (db) => `• ${db.spec.title}: ${db.action === 'created' ? 'created' : 'found'} (${escapeSlackText(db.databaseId)})`,
  );
  const repaired = outcome.databases.flatMap((db) => db.repaired);
  const added = repaired.length === 0 ? '' : `\nAdded to the databases found: ${escapeSlackText(repaired.join('; '))}.`;
  return (
    `:white_check_mark: Notion connected (token ending ${escapeSlackText(asked.tokenEnd)}), databases under page ` +
    `${page}:\n${lines.join('\n')}${added}\nNew leads and changes in this workspace now sync to these databases.`
  );
}
