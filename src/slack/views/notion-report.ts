// The direct message a manager gets once the Notion setup of /roi settings ran: the databases found or created, what
// was added to them, or why Notion is not connected and what to do, and what became of the connection it replaced.
// Everything Notion named is escaped.

import type { NotionConnectOutcome } from '../../notion/connect.js';
import type { ReplacedNotion } from '../../notion-replace.js';
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

/** What the confirmation adds about the connection it replaced (a line of its own), or nothing when none was. */
export function buildReplacedNote(replaced: ReplacedNotion): string {
  if (replaced.kind === 'none') return '';
  if (replaced.kind === 'internal') {
    return (
      `\nThe previous integration token (${escapeSlackText(replaced.tokenEnd)}) is no longer used. It is your own ` +
      'integration, so ROI Runway cannot revoke it: delete it at notion.so/profile/integrations if nothing else uses it.'
    );
  }
  const named = replaced.workspaceName === null ? '' : ` to ${escapeSlackText(replaced.workspaceName)}`;
  return replaced.revoked
    ? `\nThe previous sign-in${named} was revoked: it no longer has access to your Notion pages.`
    : `\nThe previous sign-in${named} could not be revoked; ROI Runway no longer uses it. If Notion’s Settings → ` +
        'Connections lists it beside the new one, remove the old one there.';
}
