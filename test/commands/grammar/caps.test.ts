// Text longer than anyone types is refused before it is read, with a message that says so: the work after parsing
// (matching a company, reading an amount) costs in the text's length, and one person's paste must not slow everyone.

import { describe, expect, it } from 'vitest';
import { parseFunnelCommand } from '../../../commands/grammar/funnel-grammar.js';
import { parseLeadCommand } from '../../../commands/grammar/lead-grammar.js';
import { parseRoiCommand } from '../../../commands/grammar/roi-grammar.js';
import { escapeSlackText } from '../../fakes/slack/index.js';

const ctx = { now: Date.UTC(2026, 10, 25, 15, 0), timeZone: 'UTC' };
const TOO_LONG = 'That command is 1,001 characters long; I read at most 1,000, so nothing was done.';

function errorOf(parsed: { ok: true } | { ok: false; error: string }): string {
  if (parsed.ok) throw new Error('expected a refusal');
  return parsed.error;
}

describe('command text', () => {
  it('is refused past 1,000 characters as typed, for every command', () => {
    const typed = `source web ${'A'.repeat(990)}`;

    expect(typed).toHaveLength(1001);
    expect(errorOf(parseLeadCommand(typed, ctx))).toContain(TOO_LONG);
    expect(errorOf(parseRoiCommand(`cost spring-expo 5k ${'x'.repeat(981)}`, ctx))).toContain(TOO_LONG);
    expect(errorOf(parseFunnelCommand(`all ${'y'.repeat(997)}`, ctx))).toContain(TOO_LONG);
  });

  it('counts what was typed, not the escaping Slack added', () => {
    // 500 × "<>" is 1,000 characters typed, 4,000 once Slack escaped them.
    const escaped = escapeSlackText('<>'.repeat(500));

    expect(escaped).toHaveLength(4000);
    expect(parseLeadCommand(escaped, ctx)).toMatchObject({ ok: false, error: expect.stringContaining('not a /lead') });
  });
});

describe('names and amounts', () => {
  it('refuses a company or a search longer than a company name may be', () => {
    const name = 'B'.repeat(201);

    expect(errorOf(parseLeadCommand(`stage sql ${name}`, ctx))).toBe(
      'That company name is 201 characters; a company name has at most 200.',
    );
    expect(errorOf(parseLeadCommand(`source web ${name}`, ctx))).toContain('201 characters');
    expect(errorOf(parseLeadCommand(`find ${name}`, ctx))).toBe(
      'That search is 201 characters; a company name has at most 200.',
    );
    expect(parseLeadCommand(`stage sql ${'B'.repeat(200)}`, ctx).ok).toBe(true);
  });

  it('refuses an amount longer than 64 characters', () => {
    const amount = `1${' '.repeat(70)}k`;

    expect(errorOf(parseLeadCommand(`won Acme value:"${amount}"`, ctx))).toBe(
      'value: An amount is at most 64 characters; that one has 72. Amounts look like 25k, $25,000 or 1.2m.',
    );
    expect(errorOf(parseRoiCommand(`cost spring-expo "${amount}"`, ctx))).toContain('at most 64 characters');
  });
});
