import { describe, expect, it } from 'vitest';
import { checkEnvText } from '../src/env-file.js';

describe('checkEnvText', () => {
  it('accepts comments, blank lines, export, spaces around = and quoted values over several lines', () => {
    const text = [
      '# Slack',
      '',
      'SLACK_BOT_TOKEN=xoxb-1',
      'export DIGEST_TZ = Europe/Paris',
      'EMPTY=',
      '  INDENTED="a # not a comment"',
      "PEM='-----BEGIN KEY-----",
      'abc',
      "-----END KEY-----'",
      'TICKS=`one`',
      'WINDOWS=1\r',
      '',
    ].join('\n');
    expect(checkEnvText(text, '/srv/roi/.env')).toEqual([]);
  });

  it('names the file and the number of every bad line, without repeating what the line holds', () => {
    const text = [
      '# ok',
      'SLACK_BOT_TOKEN=xoxb-1',
      'SLACK SIGNING SECRET=hunter2hunter2',
      'NOTION_TOKEN: ntn_abcdef',
      '=orphan-value-42',
      '1PORT=3000',
    ].join('\n');

    const problems = checkEnvText(text, '/srv/roi/.env');

    expect(problems.map((p) => p.split(':')[0])).toEqual([
      '/srv/roi/.env line 3',
      '/srv/roi/.env line 4',
      '/srv/roi/.env line 5',
      '/srv/roi/.env line 6',
    ]);
    expect(problems[0]).toBe(
      '/srv/roi/.env line 3: expected NAME=value (letters, digits and _ in the name) or a # comment',
    );
    const said = problems.join('\n');
    for (const secret of ['hunter2', 'ntn_abcdef', 'orphan-value-42']) expect(said).not.toContain(secret);
  });

  it('reports a quote that is never closed at the line that opens it', () => {
    const text = 'A=1\nSLACK_SIGNING_SECRET="abc123\nPORT=3000\n';
    expect(checkEnvText(text, '.env')).toEqual([".env line 2: the value's opening quote is never closed"]);
  });

  it('does not mistake a closed quote, or a quote inside a value, for an open one', () => {
    expect(checkEnvText("A=\"x\"\nB=it's\nC='y' # note\n", '.env')).toEqual([]);
  });
});
