// The pages a person sees while installing the app from its link: ours, not Bolt's defaults, so each says what to do
// next. Pure builders; everything that came from Slack or from a URL is HTML-escaped.

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function buildPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; }
a.button { display: inline-block; padding: .6rem 1.2rem; background: #4a154b; color: #fff; border-radius: .3rem;
  text-decoration: none; font-weight: 600; }
</style>
</head>
<body>
${body}
</body>
</html>`;
}

/** The "Add to Slack" page at /slack/install; `authorizeUrl` carries the state Bolt also set as a cookie. */
export function buildInstallPage(authorizeUrl: string): string {
  return buildPage(
    'Add ROI Runway to Slack',
    `<h1>Add ROI Runway to Slack</h1>
<p>ROI Runway tracks where your leads come from, moves them through the funnel and posts a Monday digest with charts.</p>
<p>Slack will ask you to allow it in your workspace. Whoever installs it becomes its first manager.</p>
<p><a class="button" id="add-to-slack" href="${escapeHtml(authorizeUrl)}">Add to Slack</a></p>`,
  );
}

export interface InstalledWhere {
  teamId: string | null;
  teamName: string | null;
  enterpriseName: string | null;
  isEnterpriseInstall: boolean;
  appId: string | null;
}

/** Where a "Open Slack" link lands: the app's Home tab in that workspace when Slack told us both ids. */
function buildOpenSlackUrl(where: InstalledWhere): string {
  if (where.teamId !== null && where.appId !== null) {
    return `slack://app?team=${encodeURIComponent(where.teamId)}&id=${encodeURIComponent(where.appId)}&tab=home`;
  }
  return 'slack://open';
}

export function buildInstallSuccessPage(where: InstalledWhere): string {
  const name = where.isEnterpriseInstall
    ? `the ${where.enterpriseName ?? 'Enterprise Grid'} organisation`
    : (where.teamName ?? 'your workspace');
  const web = where.teamId === null ? 'https://app.slack.com/client' : `https://app.slack.com/client/${where.teamId}`;
  return buildPage(
    'ROI Runway is installed',
    `<h1>ROI Runway is installed in ${escapeHtml(name)}</h1>
<ol>
<li><a id="open-slack" href="${escapeHtml(buildOpenSlackUrl(where))}">Open Slack</a>
  (or <a href="${escapeHtml(web)}">Slack in the browser</a>) and find <strong>ROI Runway</strong> under Apps.</li>
<li>Its <strong>Home</strong> tab shows your dashboard and what to do first.</li>
<li>You installed it, so you are its first manager: type <code>/roi settings</code> to choose the digest channel,
  currency and Notion connection, and to add other managers.</li>
<li>Reps log leads with <code>/lead source &lt;source&gt; &lt;company&gt;</code>.</li>
</ol>`,
  );
}

export type InstallFailure = 'cancelled' | 'state' | 'no_code' | 'slack_refused' | 'unknown';

const FAILURE_TEXT: Record<InstallFailure, string> = {
  cancelled: 'You cancelled the installation, so nothing was installed.',
  state:
    'This install link has expired, was already used, or was opened in another browser. Links are good for 10 minutes, once.',
  no_code: 'Slack did not send the approval this page needs.',
  slack_refused: 'Slack did not accept the installation.',
  unknown: 'Something went wrong while installing.',
};

export function buildInstallFailurePage(failure: InstallFailure, installPath: string, detail?: string): string {
  const why = detail === undefined ? '' : `<p>Slack said: <code>${escapeHtml(detail)}</code></p>`;
  return buildPage(
    'ROI Runway was not installed',
    `<h1>ROI Runway was not installed</h1>
<p id="reason">${escapeHtml(FAILURE_TEXT[failure])}</p>
${why}
<p><a class="button" id="try-again" href="${escapeHtml(installPath)}">Try again</a></p>`,
  );
}
