// The refusal to a workspace without an installation goes to the command's response_url only when that address is
// Slack's: a request signed with a leaked secret must not make the bot post wherever the forger chose.

import { describe, expect, it } from 'vitest';
import { isSlackAddress } from '../../src/slack/not-installed.js';

const SLACK_API = 'https://slack.com/api/';

describe('isSlackAddress', () => {
  it('takes Slack’s response_urls and the configured API origin', () => {
    expect(isSlackAddress('https://hooks.slack.com/commands/T0001/123/abc', SLACK_API)).toBe(true);
    expect(isSlackAddress('http://127.0.0.1:4000/commands/T0001/R1', 'http://127.0.0.1:4000/api/')).toBe(true);
  });

  it('refuses any other address', () => {
    expect(isSlackAddress('http://hooks.slack.com/commands/T0001/1/a', SLACK_API)).toBe(false);
    expect(isSlackAddress('https://hooks.slack.com.evil.example/commands', SLACK_API)).toBe(false);
    expect(isSlackAddress('https://evilslack.com/commands', SLACK_API)).toBe(false);
    expect(isSlackAddress('http://169.254.169.254/latest/meta-data', SLACK_API)).toBe(false);
    expect(isSlackAddress('http://127.0.0.1:4001/commands', 'http://127.0.0.1:4000/api/')).toBe(false);
    expect(isSlackAddress('not a url', SLACK_API)).toBe(false);
  });
});
