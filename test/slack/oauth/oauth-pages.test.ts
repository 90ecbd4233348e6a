// Our install pages, built pure: what they tell the person, and that what Slack or a URL sent is escaped.

import { describe, expect, it } from 'vitest';
import { buildInstallFailurePage, buildInstallPage, buildInstallSuccessPage } from '../../../src/slack/oauth-pages.js';

const HOSTILE = `<script>alert("x")</script>&'`;

describe('the install pages', () => {
  it('puts the authorize link on the Add to Slack button, escaped', () => {
    const html = buildInstallPage('https://slack.com/oauth/v2/authorize?scope=commands&state=a"b');
    expect(html).toContain('href="https://slack.com/oauth/v2/authorize?scope=commands&amp;state=a&quot;b"');
    expect(html).toContain('first manager');
  });

  it('says where it is installed and what to do next, escaping the workspace’s name', () => {
    const html = buildInstallSuccessPage({
      teamId: 'T0001',
      teamName: HOSTILE,
      enterpriseName: null,
      isEnterpriseInstall: false,
      appId: 'A0ROI',
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    expect(html).toContain('slack://app?team=T0001&amp;id=A0ROI&amp;tab=home');
    expect(html).toContain('<code>/roi settings</code>');
    expect(html).toContain('Home');
  });

  it('says why it failed, shows Slack’s error escaped, and links back to the install page', () => {
    const html = buildInstallFailurePage('slack_refused', '/slack/install', HOSTILE);
    expect(html).toContain('Slack did not accept the installation.');
    expect(html).not.toContain('<script>');
    expect(html).toContain('href="/slack/install"');
  });
});
