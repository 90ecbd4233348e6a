// `/lead …` text → a typed command. Pure: the source and company are left as typed (decoded), the store resolves them.

import { normalizeCampaign, resolveSource } from '../../src/domain/catalog.js';
import { parseStage } from '../../src/domain/lifecycle.js';
import { parseMoney } from '../../src/domain/money.js';
import type { Parsed, Stage } from '../../src/domain/types.js';
import { type OptionKey, readCommandText, splitOptions, type Token, tokenize } from './tokens.js';
import { parseBackdate } from './values.js';

/** The `/lead` forms that change a lead; a button can carry one of these to finish it later. */
export type LeadChange =
  | { verb: 'source'; source: string; company: string | null; at?: number }
  | { verb: 'stage'; stage: Stage; company: string; value?: number; reason?: string; at?: number }
  | { verb: 'campaign'; campaign: string; company: string; at?: number }
  | { verb: 'touch'; target: string; company: string; at?: number }
  | { verb: 'merge'; from: string; into: string };

export type LeadCommand =
  | LeadChange
  | { verb: 'modal' }
  | { verb: 'help' }
  | { verb: 'find'; text: string }
  | { verb: 'undo' }
  | { verb: 'duplicates' };

export const LEAD_USAGE = {
  source: '/lead source <source> [<company>] [on:YYYY-MM-DD], e.g. /lead source thomasnet Acme Corp',
  stage: '/lead stage <stage> <company> [value:<amount>], e.g. /lead stage sql Acme Corp value:25k',
  won: '/lead won <company> [value:<amount>], e.g. /lead won Acme Corp value:48k',
  lost: '/lead lost <company> [reason:<text>], e.g. /lead lost Acme Corp reason:"went with a competitor"',
  campaign: '/lead campaign <campaign> <company>, e.g. /lead campaign spring-expo Acme Corp',
  touch: '/lead touch <source-or-campaign> <company>, e.g. /lead touch webinar Acme Corp',
  find: '/lead find <text>, e.g. /lead find acme',
  merge: '/lead merge <company> into <company>, e.g. /lead merge Acme Corporation into Acme Corp',
} as const;

type Verb = keyof typeof LEAD_USAGE;

const ALLOWED: Record<Verb, readonly OptionKey[]> = {
  source: ['on'],
  stage: ['value', 'reason', 'on'],
  won: ['value', 'on'],
  lost: ['reason', 'on'],
  campaign: ['on'],
  touch: ['on'],
  find: [],
  merge: [],
};

export interface GrammarContext {
  now: number;
  timeZone: string;
}

const usage = (verb: Verb) => `Use ${LEAD_USAGE[verb]}.`;

/**
 * Reads a catalog source written in up to three words ("trade show", "word of mouth") from the front of `words`;
 * anything else is one word. Returns the source text and the words left.
 */
function takeSource(words: readonly string[]): { source: string; rest: string[] } {
  for (let n = Math.min(3, words.length); n > 1; n -= 1) {
    const candidate = words.slice(0, n).join(' ');
    if (resolveSource(candidate).kind === 'exact') return { source: candidate, rest: words.slice(n) };
  }
  return { source: words[0] ?? '', rest: words.slice(1) };
}

/** As long as a company name may be (the store refuses longer ones); matching a longer text costs in its length. */
export const COMPANY_TEXT_MAX = 200;

function checkNameLength(text: string, what: string): Parsed<string> {
  if (text.length <= COMPANY_TEXT_MAX) return { ok: true, value: text };
  return { ok: false, error: `${what} is ${text.length} characters; a company name has at most ${COMPANY_TEXT_MAX}.` };
}

function requireCompany(rest: readonly string[], verb: Verb): Parsed<string> {
  const company = rest.join(' ').trim();
  if (company === '') return { ok: false, error: `Which lead? ${usage(verb)}` };
  return checkNameLength(company, 'That company name');
}

type Options = Partial<Record<OptionKey, string>>;

function readCommon(options: Options, ctx: GrammarContext): Parsed<{ at?: number; value?: number }> {
  const read: { at?: number; value?: number } = {};
  if (options.on !== undefined) {
    const at = parseBackdate(options.on, ctx.now, ctx.timeZone);
    if (!at.ok) return at;
    read.at = at.value;
  }
  if (options.value !== undefined) {
    const value = parseMoney(options.value);
    if (!value.ok) return { ok: false, error: `value: ${value.error}` };
    read.value = value.value;
  }
  return { ok: true, value: read };
}

function parseStageChange(verb: Verb, words: string[], options: Options, ctx: GrammarContext): Parsed<LeadChange> {
  let stage: Stage = verb === 'won' ? 'customer' : 'lost';
  let rest = words;
  if (verb === 'stage') {
    const parsed = parseStage(words[0] ?? '');
    if (!parsed.ok) return { ok: false, error: `${parsed.error} ${usage('stage')}` };
    stage = parsed.value;
    rest = words.slice(1);
  }
  if (options.reason !== undefined && stage !== 'lost') {
    return { ok: false, error: `reason: goes with a lost lead. ${usage('lost')}` };
  }
  const company = requireCompany(rest, verb);
  if (!company.ok) return company;
  const common = readCommon(options, ctx);
  if (!common.ok) return common;
  const reason = options.reason === undefined ? {} : { reason: options.reason };
  return { ok: true, value: { verb: 'stage', stage, company: company.value, ...reason, ...common.value } };
}

function parseChange(verb: Verb, words: string[], options: Options, ctx: GrammarContext): Parsed<LeadChange> {
  if (verb === 'stage' || verb === 'won' || verb === 'lost') return parseStageChange(verb, words, options, ctx);
  const common = readCommon(options, ctx);
  if (!common.ok) return common;
  const at = common.value.at === undefined ? {} : { at: common.value.at };
  if (words.length === 0)
    return { ok: false, error: `Which ${verb === 'touch' ? 'source or campaign' : verb}? ${usage(verb)}` };
  if (verb === 'campaign') {
    const campaign = normalizeCampaign(words[0] ?? '');
    if (!campaign.ok) return { ok: false, error: `${campaign.error} ${usage('campaign')}` };
    const company = requireCompany(words.slice(1), verb);
    return company.ok
      ? { ok: true, value: { verb, campaign: campaign.value, company: company.value, ...at } }
      : company;
  }
  const { source, rest } = takeSource(words);
  if (verb === 'source') {
    const company = rest.join(' ').trim();
    if (company === '') return { ok: true, value: { verb: 'source', source, company: null, ...at } };
    const checked = checkNameLength(company, 'That company name');
    return checked.ok ? { ok: true, value: { verb: 'source', source, company, ...at } } : checked;
  }
  const company = requireCompany(rest, 'touch');
  return company.ok ? { ok: true, value: { verb: 'touch', target: source, company: company.value, ...at } } : company;
}

function isVerb(word: string): word is Verb {
  return Object.hasOwn(LEAD_USAGE, word);
}

/** The words of one side of a merge, options refused (a merge has none). */
function readMergeSide(tokens: readonly Token[], what: string): Parsed<string> {
  const split = splitOptions(tokens, ALLOWED.merge, usage('merge'));
  if (!split.ok) return split;
  const company = split.value.words.join(' ').trim();
  return company === '' ? { ok: false, error: `Which lead ${what}? ${usage('merge')}` } : { ok: true, value: company };
}

/** `merge <company> into <company>`: split at the one unquoted "into" (a name holding the word is quoted). */
function parseMerge(tokens: readonly Token[]): Parsed<LeadCommand> {
  const splits = tokens.flatMap((token, i) => (!token.quoted && token.text.toLowerCase() === 'into' ? [i] : []));
  if (splits.length === 0) return { ok: false, error: `Say which lead goes into which. ${usage('merge')}` };
  if (splits.length > 1) {
    return {
      ok: false,
      error: `"into" appears more than once: put quotes around a name that holds it, e.g. /lead merge "Jump Into Fitness" into JIF.`,
    };
  }
  const at = splits[0]!;
  const from = readMergeSide(tokens.slice(0, at), 'to merge');
  if (!from.ok) return from;
  const into = readMergeSide(tokens.slice(at + 1), 'to keep');
  return into.ok ? { ok: true, value: { verb: 'merge', from: from.value, into: into.value } } : into;
}

function parseVerb(verb: Verb, tokens: Token[], raw: string, ctx: GrammarContext): Parsed<LeadCommand> {
  if (verb === 'merge') return parseMerge(tokens);
  if (verb === 'find') {
    const text = raw.replace(/^\s*\S+/, '').trim();
    if (text === '') return { ok: false, error: `Find what? ${usage('find')}` };
    const checked = checkNameLength(text, 'That search');
    return checked.ok ? { ok: true, value: { verb, text } } : checked;
  }
  const split = splitOptions(tokens, ALLOWED[verb], usage(verb));
  if (!split.ok) return split;
  return parseChange(verb, split.value.words, split.value.options, ctx);
}

/** `/lead` text as Slack sends it (still escaped) → the command it asks for, or what to type instead. */
export function parseLeadCommand(escaped: string, ctx: GrammarContext): Parsed<LeadCommand> {
  const typed = readCommandText(escaped);
  if (!typed.ok) return typed;
  const raw = typed.value;
  const tokens = tokenize(raw);
  const [first, ...rest] = tokens;
  if (first === undefined) return { ok: true, value: { verb: 'modal' } };
  const verb = first.text.toLowerCase();
  if (verb === 'help' || verb === '?') return { ok: true, value: { verb: 'help' } };
  if (verb === 'undo' || verb === 'duplicates') {
    return rest.length === 0 ? { ok: true, value: { verb } } : { ok: false, error: `Use /lead ${verb} on its own.` };
  }
  if (isVerb(verb) && !first.quoted) return parseVerb(verb, rest, raw, ctx);
  return {
    ok: false,
    error: `"${first.text}" is not a /lead command. Try source, stage, won, lost, campaign, touch, find, merge, duplicates, undo or help.`,
  };
}
