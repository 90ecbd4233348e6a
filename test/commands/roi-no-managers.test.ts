// MANAGERS empty means nobody is a manager: not the harness's usual manager, not the first user, not everyone.
// Through the fake Slack, every manager-only `/roi` form is refused and changes nothing.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import type { TestApp } from '../helpers/app-harness.js';
import { runSlash, startCommandApp } from './command-harness.js';

let t: TestApp;

beforeAll(async () => {
  // An empty value is how a .env file leaves MANAGERS unset.
  t = await startCommandApp({ env: { MANAGERS: '' } });
});

afterAll(async () => {
  await t.stop();
});

describe('MANAGERS empty or unset', () => {
  it('leaves the configuration with no managers', () => {
    const minimal = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'shh' };
    expect(t.deps.config.managers).toEqual([]);
    expect(parseConfig(minimal).managers).toEqual([]);
    expect(parseConfig({ ...minimal, MANAGERS: '  ' }).managers).toEqual([]);
    expect(parseConfig({ ...minimal, MANAGERS: ' , ,' }).managers).toEqual([]);
  });

  it('refuses /roi cost, target and digest now from anyone, and records or posts nothing', async () => {
    for (const userId of ['U0MANAGER', 'U0REP1']) {
      const { reply: cost } = await runSlash(t, '/roi', 'cost spring-expo 5k', userId);
      const { reply: target } = await runSlash(t, '/roi', 'target sql 35%', userId);
      const { reply: digest } = await runSlash(t, '/roi', 'digest now', userId);

      expect(cost.text).toContain('Only managers can record spend, so nothing was changed.');
      expect(target.text).toContain('Only managers can record targets');
      expect(digest.text).toContain('Only managers can post the digest');
    }
    expect(t.services.plans.listSpend()).toEqual([]);
    expect(t.services.plans.listTargets()).toEqual([]);
    expect(t.slack.messages.filter((message) => message.kind === 'chat.postMessage')).toEqual([]);
    expect(t.slack.files).toEqual([]);
  });
});
