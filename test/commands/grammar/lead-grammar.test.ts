import { describe, expect, it } from 'vitest';
import { parseLeadCommand } from '../../../commands/grammar/lead-grammar.js';
import { decodeSlackText, tokenize } from '../../../commands/grammar/tokens.js';

// Wednesday 25 November 2026, 15:00 UTC.
const NOW = Date.UTC(2026, 10, 25, 15, 0);
const ctx = { now: NOW, timeZone: 'UTC' };
const parse = (text: string) => parseLeadCommand(text, ctx);

function errorOf(text: string): string {
  const parsed = parse(text);
  if (parsed.ok) throw new Error(`expected an error for "${text}", got ${JSON.stringify(parsed.value)}`);
  return parsed.error;
}

describe('tokens', () => {
  it('undoes exactly the escaping Slack applies, leaving a typed entity literal', () => {
    expect(decodeSlackText('&lt;!channel&gt; Tom &amp; Jerry &amp;lt;')).toBe('<!channel> Tom & Jerry &lt;');
  });

  it('groups quoted words, also in the middle of an option, and drops the quotes', () => {
    expect(tokenize('lost "Acme Corp" reason:"went with competitor"')).toEqual([
      { text: 'lost', quoted: false },
      { text: 'Acme Corp', quoted: true },
      { text: 'reason:went with competitor', quoted: false },
    ]);
  });
});

describe('parseLeadCommand', () => {
  it('opens the modal with no text and shows help for help', () => {
    expect(parse('')).toEqual({ ok: true, value: { verb: 'modal' } });
    expect(parse('   ')).toEqual({ ok: true, value: { verb: 'modal' } });
    expect(parse('help')).toEqual({ ok: true, value: { verb: 'help' } });
  });

  it('reads a source and a multi-word company without quotes', () => {
    expect(parse('source thomasnet Acme Corp')).toEqual({
      ok: true,
      value: { verb: 'source', source: 'thomasnet', company: 'Acme Corp' },
    });
  });

  it('reads a catalog source written in several words before the company', () => {
    expect(parse('source trade show Acme')).toEqual({
      ok: true,
      value: { verb: 'source', source: 'trade show', company: 'Acme' },
    });
  });

  it('leaves the company empty when only a source is given (the modal opens)', () => {
    expect(parse('source linkedin')).toEqual({
      ok: true,
      value: { verb: 'source', source: 'linkedin', company: null },
    });
  });

  it('decodes what Slack escaped, so the company is stored as typed', () => {
    const parsed = parse('source web &lt;!channel&gt; &amp; Co');
    expect(parsed.ok && parsed.value).toEqual({ verb: 'source', source: 'web', company: '<!channel> & Co' });
  });

  it('backdates with on: to local midnight of that day', () => {
    const parsed = parse('source web Acme on:2026-11-20');
    expect(parsed.ok && parsed.value).toEqual({
      verb: 'source',
      source: 'web',
      company: 'Acme',
      at: Date.UTC(2026, 10, 20),
    });
    const paris = parseLeadCommand('source web Acme on:2026-11-20', { now: NOW, timeZone: 'Europe/Paris' });
    // Paris is UTC+1 in November: local midnight is 23:00 UTC the day before.
    expect(paris.ok && 'at' in paris.value && paris.value.at).toBe(Date.UTC(2026, 10, 19, 23));
  });

  it('refuses on: dates in the future, before 2000, or impossible', () => {
    expect(errorOf('source web Acme on:2026-11-26')).toContain('in the future');
    expect(errorOf('source web Acme on:1999-12-31')).toContain('before 2000-01-01');
    expect(errorOf('source web Acme on:2026-02-30')).toContain('YYYY-MM-DD');
  });

  it('moves a stage with a value in any written form', () => {
    expect(parse('stage sql Acme Corp value:25k')).toEqual({
      ok: true,
      value: { verb: 'stage', stage: 'sql', company: 'Acme Corp', value: 25_000 },
    });
    expect(parse('won "Acme Corp" value:$1,200.50')).toEqual({
      ok: true,
      value: { verb: 'stage', stage: 'customer', company: 'Acme Corp', value: 1200.5 },
    });
  });

  it('reads options anywhere after the verb', () => {
    const parsed = parse('stage value:1.2m opp Acme Corp');
    expect(parsed.ok && parsed.value).toEqual({
      verb: 'stage',
      stage: 'opportunity',
      company: 'Acme Corp',
      value: 1_200_000,
    });
  });

  it('reads a quoted lost reason', () => {
    expect(parse('lost Acme Corp reason:"went with competitor"')).toEqual({
      ok: true,
      value: { verb: 'stage', stage: 'lost', company: 'Acme Corp', reason: 'went with competitor' },
    });
  });

  it('explains a wrong amount, stage or missing company with the right form', () => {
    const value = errorOf('won Acme value:abc');
    expect(value).toContain('value:');
    expect(value).toContain('25k');
    expect(errorOf('stage hot Acme')).toContain('"hot" is not a stage');
    expect(errorOf('stage sql')).toContain('/lead stage <stage> <company>');
    expect(errorOf('won value:5k')).toContain('Which lead?');
  });

  it('refuses options that the verb does not take, repeated ones and empty ones', () => {
    expect(errorOf('source web Acme value:5k')).toContain('only on:');
    expect(errorOf('stage sql Acme reason:late')).toContain('reason: goes with a lost lead');
    expect(errorOf('won Acme value:1k value:2k')).toContain('given twice');
    expect(errorOf('won Acme value: 5k')).toContain('needs a value');
  });

  it('keeps quoted or unknown key:value words in the company name', () => {
    const parsed = parse('source web "on:site Ltd"');
    expect(parsed.ok && parsed.value).toEqual({ verb: 'source', source: 'web', company: 'on:site Ltd' });
    const colon = parse('stage mql Acme:Labs');
    expect(colon.ok && colon.value).toEqual({ verb: 'stage', stage: 'mql', company: 'Acme:Labs' });
  });

  it('slugs a campaign and keeps a touch target as typed', () => {
    expect(parse('campaign Spring-Expo Acme')).toEqual({
      ok: true,
      value: { verb: 'campaign', campaign: 'spring-expo', company: 'Acme' },
    });
    expect(parse('touch webinar Acme Corp')).toEqual({
      ok: true,
      value: { verb: 'touch', target: 'webinar', company: 'Acme Corp' },
    });
  });

  it('finds by the whole rest of the text, options included', () => {
    expect(parse('find acme value:1')).toEqual({ ok: true, value: { verb: 'find', text: 'acme value:1' } });
    expect(errorOf('find')).toContain('Find what?');
  });

  it('reads a merge of one company into another, at the one unquoted "into"', () => {
    expect(parse('merge Northgate Robotcs into Northgate Robotics')).toEqual({
      ok: true,
      value: { verb: 'merge', from: 'Northgate Robotcs', into: 'Northgate Robotics' },
    });
    expect(parse('merge "Jump Into Fitness" INTO L-000042')).toEqual({
      ok: true,
      value: { verb: 'merge', from: 'Jump Into Fitness', into: 'L-000042' },
    });
  });

  it('explains a merge without both sides, with "into" twice, or with options', () => {
    expect(errorOf('merge Acme Corp')).toContain('/lead merge <company> into <company>');
    expect(errorOf('merge into Acme Corp')).toContain('Which lead to merge?');
    expect(errorOf('merge Acme into')).toContain('Which lead to keep?');
    expect(errorOf('merge Jump Into Fitness into JIF')).toContain('put quotes around a name that holds it');
    expect(errorOf('merge Acme into Acme Corp on:2026-11-20')).toContain('This command takes no options');
  });

  it('lists duplicates only on its own', () => {
    expect(parse('duplicates')).toEqual({ ok: true, value: { verb: 'duplicates' } });
    expect(errorOf('duplicates acme')).toBe('Use /lead duplicates on its own.');
  });

  it('undoes only on its own, and names the forms for an unknown verb', () => {
    expect(parse('undo')).toEqual({ ok: true, value: { verb: 'undo' } });
    expect(errorOf('undo twice')).toContain('/lead undo');
    expect(errorOf('frobnicate Acme')).toContain('source, stage, won, lost');
    expect(errorOf('frobnicate Acme')).toContain('merge, duplicates');
  });
});
