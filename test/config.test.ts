import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.js';

const minimalHttp = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'shh' };

function problemsOf(env: Record<string, string | undefined>, purpose: 'bot' | 'digest' | 'offline' = 'bot'): string[] {
  try {
    parseConfig(env, purpose);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('parseConfig', () => {
  it('applies the documented defaults', () => {
    const config = parseConfig(minimalHttp);
    expect(config.port).toBe(3000);
    expect(config.slack.mode).toBe('http');
    expect(config.slack.apiUrl).toBe('https://slack.com/api/');
    expect(config.digest).toEqual({ channel: undefined, cron: '0 9 * * 1', timeZone: 'UTC' });
    expect(config.currency).toBe('USD');
    expect(config.grossMargin).toBe(1);
    expect(config.dataDir).toBe('./data');
    expect(config.notion).toBeNull();
  });

  it("bounds the workspaces' background jobs at 4 unless set, and refuses a bound outside 1 to 64", () => {
    expect(parseConfig(minimalHttp).workspaceJobConcurrency).toBe(4);
    expect(parseConfig({ ...minimalHttp, WORKSPACE_JOB_CONCURRENCY: '8' }).workspaceJobConcurrency).toBe(8);
    for (const bad of ['0', '65', '2.5', 'four']) {
      const problems = problemsOf({ ...minimalHttp, WORKSPACE_JOB_CONCURRENCY: bad });
      expect(problems.map((p) => p.split(':')[0])).toEqual(['WORKSPACE_JOB_CONCURRENCY']);
    }
  });

  it('switches to Socket Mode when an app token is set', () => {
    const config = parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(config.slack.mode).toBe('socket');
  });

  it('lists every problem at once', () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: 'not-a-token',
      PORT: 'eighty',
      DIGEST_TZ: 'Mars/Olympus',
      CURRENCY: 'dollars',
      GROSS_MARGIN: '1.5',
      MANAGERS: 'alice,bob',
      NOTION_TOKEN: 'secret_x',
    });
    const keys = problems.map((p) => p.split(':')[0]);
    expect(keys).toEqual(
      expect.arrayContaining([
        'SLACK_BOT_TOKEN',
        'PORT',
        'DIGEST_TZ',
        'CURRENCY',
        'GROSS_MARGIN',
        'MANAGERS',
        'SLACK_SIGNING_SECRET',
        'NOTION_LEADS_DB',
        'NOTION_SPEND_DB',
        'NOTION_TARGETS_DB',
      ]),
    );
  });

  it('treats empty strings as unset', () => {
    const config = parseConfig({ ...minimalHttp, PORT: '', DIGEST_TZ: '  ', NOTION_TOKEN: '' });
    expect(config.port).toBe(3000);
    expect(config.digest.timeZone).toBe('UTC');
    expect(config.notion).toBeNull();
  });

  it('never echoes a secret value in its messages', () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: 'xoxp-very-secret-user-token', SLACK_APP_TOKEN: 'bad-secret-app' });
    expect(problems.join('\n')).not.toContain('very-secret');
    expect(problems.join('\n')).not.toContain('bad-secret-app');
  });

  it('needs no Slack credentials offline, and a channel to post a digest', () => {
    expect(problemsOf({}, 'offline')).toEqual([]);
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' }, 'digest')).toEqual([
      'DIGEST_CHANNEL: required to post the digest',
    ]);
  });

  it('parses managers and Notion settings', () => {
    const config = parseConfig({
      ...minimalHttp,
      MANAGERS: 'U01ABC, U02DEF',
      NOTION_TOKEN: 'secret_x',
      NOTION_LEADS_DB: 'a',
      NOTION_SPEND_DB: 'b',
      NOTION_TARGETS_DB: 'c',
      CURRENCY: 'eur',
    });
    expect(config.managers).toEqual(['U01ABC', 'U02DEF']);
    expect(config.notion).toMatchObject({ leadsDb: 'a', spendDb: 'b', targetsDb: 'c', pollSeconds: 60 });
    expect(config.currency).toBe('EUR');
  });

  it('takes the optional Visits database when set, and needs nothing more when it is not', () => {
    const notion = { NOTION_TOKEN: 'secret_x', NOTION_LEADS_DB: 'a', NOTION_SPEND_DB: 'b', NOTION_TARGETS_DB: 'c' };
    expect(parseConfig({ ...minimalHttp, ...notion, NOTION_VISITS_DB: 'd' }).notion?.visitsDb).toBe('d');
    const before = parseConfig({ ...minimalHttp, ...notion, NOTION_VISITS_DB: ' ' }).notion;
    expect(before).not.toHaveProperty('visitsDb');
  });

  it('reads the CLV inputs, 1 purchase a year for 3 years unless set, fractions allowed', () => {
    expect(parseConfig(minimalHttp).clv).toEqual({ purchasesPerYear: 1, retentionYears: 3 });
    expect(parseConfig({ ...minimalHttp, PURCHASES_PER_YEAR: ' ', RETENTION_YEARS: '' }).clv).toEqual({
      purchasesPerYear: 1,
      retentionYears: 3,
    });
    expect(parseConfig({ ...minimalHttp, PURCHASES_PER_YEAR: '0.5', RETENTION_YEARS: '7' }).clv).toEqual({
      purchasesPerYear: 0.5,
      retentionYears: 7,
    });
  });

  it('refuses CLV inputs that are not positive numbers within range, naming both at once', () => {
    expect(problemsOf({ ...minimalHttp, PURCHASES_PER_YEAR: '0', RETENTION_YEARS: 'three' })).toEqual([
      'PURCHASES_PER_YEAR: must be above 0',
      'RETENTION_YEARS: must be a number, e.g. 1 or 0.5',
    ]);
    expect(problemsOf({ ...minimalHttp, PURCHASES_PER_YEAR: '-2', RETENTION_YEARS: '0' })).toEqual([
      'PURCHASES_PER_YEAR: must be above 0',
      'RETENTION_YEARS: must be above 0',
    ]);
    expect(problemsOf({ ...minimalHttp, PURCHASES_PER_YEAR: '400', RETENTION_YEARS: '60' })).toEqual([
      'PURCHASES_PER_YEAR: must be at most 365',
      'RETENTION_YEARS: must be at most 50',
    ]);
  });
});
