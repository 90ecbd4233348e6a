// /roi settings with one workspace (SLACK_CLIENT_ID unset): the settings are the environment's, so the command lists
// them and opens nothing — and never shows a secret.

import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app-harness.js';

let t: TestApp | undefined;

afterEach(async () => {
  await t?.stop();
  t = undefined;
});

describe('/roi settings in single-workspace mode', () => {
  it('says the settings come from the environment and lists them, without secrets', async () => {
    t = await startTestApp({ mode: 'http', env: { CURRENCY: 'EUR', GROSS_MARGIN: '0.6' } });
    const result = await t.slack.slashCommand({ command: '/roi', text: 'settings', userId: 'U0MANAGER' });
    const [reply] = await result.waitForResponses(1);
    const text = reply?.text ?? '';
    expect(text).toContain('its settings come from the environment (.env)');
    expect(text).toContain('• Digest channel: <#C0GENERAL>');
    expect(text).toContain('• Managers: <@U0MANAGER>');
    expect(text).toContain('• Currency: EUR');
    expect(text).toContain('• Gross margin: 0.6');
    expect(text).toContain('• Time zone: UTC');
    expect(text).not.toContain(t.slack.options.botToken);
    expect(text).not.toContain(t.slack.options.signingSecret);
    expect(t.slack.views).toHaveLength(0);
  });
});
