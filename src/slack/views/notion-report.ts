// The direct message a manager gets once the Notion setup of /roi settings ran: the databases found or created, what
// was added to them, or why Notion is not connected and what to do. Everything Notion named is escaped.

import type { NotionConnectOutcome } from '../../notion/connect.js';
import { escapeSlackText } from '../blocks.js';

export function buildNotionConnectReport(
  outcome: NotionConnectOutcome,
  /** `via`: how it was connected, as the report names it ("token ending …1a2b", "signed in with Notion to Acme"). */
  asked: { via: string; page: string },
): string {
  const page = escapeSlackText(asked.page);
  if (!outcome.ok) {
    const problems = outcome.problems.map((problem) => `\n• ${escapeSlackText(problem)}`).join('');
    return (
      `:warning: Notion is not connected (${escapeSlackText(asked.via)}, page ${page}): ` +
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
    `:white_check_mark: Notion connected (${escapeSlackText(asked.via)}), databases under page ` +
    `${page}:\n${lines.join('\n')}${added}\nNew leads and changes in this workspace now sync to these databases.`
  );
}
