// The pages a manager lands on when Notion sends them back after "Sign in with Notion": what was connected, or why
// nothing was and what to do. The install pages' look (oauth-pages.ts); everything from Notion or a URL is escaped.

import { buildPage, escapeHtml } from '../oauth-pages.js';

export type NotionSignInFailure = 'state' | 'denied' | 'no_code' | 'not_installed' | 'not_manager' | 'notion_refused';

const AGAIN = 'Open Slack, type <code>/roi settings</code> and sign in with Notion again.';

const FAILURE_TEXT: Record<NotionSignInFailure, string> = {
  state:
    'This Connect Notion link has expired, was already used, or is not one ROI Runway made. Links work once, for ' +
    `10 minutes. ${AGAIN}`,
  denied: `You did not allow ROI Runway in Notion, so nothing was connected. ${AGAIN}`,
  no_code: `Notion did not send the approval this page needs. ${AGAIN}`,
  not_installed: 'ROI Runway is no longer installed in that Slack workspace, so nothing was connected.',
  not_manager: 'Only the Slack workspace’s managers can connect Notion; you are no longer one of them.',
  notion_refused: `Notion did not accept the sign-in. ${AGAIN}`,
};

export function buildNotionSignInFailurePage(failure: NotionSignInFailure, detail?: string): string {
  const why = detail === undefined ? '' : `<p>Notion said: <code>${escapeHtml(detail)}</code></p>`;
  return buildPage(
    'Notion was not connected',
    `<h1>Notion was not connected</h1>
<p id="reason">${FAILURE_TEXT[failure]}</p>
${why}
<p>Nothing was stored: the workspace’s Notion setting is unchanged.</p>`,
  );
}

/** The DM's mrkdwn as page text: its emoji code dropped, Slack's own escapes undone before HTML's are applied. */
function fromSlack(report: string): string {
  const text = report
    .replace(/^:[a-z_]+: /, '')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
  return escapeHtml(text).replaceAll('\n', '<br>');
}

/** The setup ran and refused (a page not shared, schema problems): its words, the same as the manager's DM. */
export function buildNotionSetupFailurePage(report: string): string {
  return buildPage(
    'Notion was not connected',
    `<h1>Notion was not connected</h1>
<p id="reason">${fromSlack(report)}</p>`,
  );
}

export function buildNotionConnectedPage(report: string): string {
  return buildPage(
    'Notion is connected',
    `<h1>Notion is connected</h1>
<p id="report">${fromSlack(report)}</p>
<p>I sent you the same as a direct message in Slack. You can close this page.</p>`,
  );
}
