// The words of a slash command: Slack's escaping undone, quotes grouping words, and `key:value` options set apart
// from the positional words. Pure, so every command's grammar can be tested without Slack.

import type { Parsed } from '../../src/domain/types.js';
import { countChars } from '../../src/slack/limits.js';

/** Every option key any command knows; a `key:value` word with another key is an ordinary word ("Acme:Labs"). */
export const OPTION_KEYS = ['on', 'value', 'reason', 'month', 'category', 'model', 'source', 'campaign'] as const;
export type OptionKey = (typeof OPTION_KEYS)[number];

export interface Token {
  text: string;
  /** Started with a quote: never read as an option, so `"on:site"` stays a company name. */
  quoted: boolean;
}

export interface CommandWords {
  words: string[];
  options: Partial<Record<OptionKey, string>>;
}

/** Slack escapes exactly these three in slash-command text; `&amp;` goes last so `&amp;lt;` stays a literal `&lt;`. */
export function decodeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The longest command text read: a command is a line, and every step after this one costs in its length. */
export const COMMAND_TEXT_MAX = 1_000;

/** Slash-command text as Slack sends it → what the person typed, or why it is refused unread. */
export function readCommandText(escaped: string): Parsed<string> {
  const typed = decodeSlackText(escaped);
  const length = countChars(typed);
  if (length <= COMMAND_TEXT_MAX) return { ok: true, value: typed };
  return {
    ok: false,
    error:
      `That command is ${length.toLocaleString('en-US')} characters long; I read at most ` +
      `${COMMAND_TEXT_MAX.toLocaleString('en-US')}, so nothing was done. Long notes go in the Log a lead form (/lead).`,
  };
}

const QUOTES = new Set(['"', '“', '”', '„']);

/** Splits on whitespace outside quotes; the quotes themselves are dropped. An unclosed quote runs to the end. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let current = '';
  let started = false;
  let quoted = false;
  let inQuotes = false;
  for (const char of text) {
    if (QUOTES.has(char)) {
      if (!started) quoted = true;
      started = true;
      inQuotes = !inQuotes;
    } else if (/\s/.test(char) && !inQuotes) {
      if (started) tokens.push({ text: current, quoted });
      current = '';
      started = false;
      quoted = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (started) tokens.push({ text: current, quoted });
  return tokens;
}

function readOption(token: Token): { key: OptionKey; value: string } | null {
  if (token.quoted) return null;
  const match = /^([a-z]+):(.*)$/is.exec(token.text);
  const key = OPTION_KEYS.find((known) => known === match?.[1]?.toLowerCase());
  if (!match || key === undefined) return null;
  return { key, value: (match[2] ?? '').trim() };
}

/**
 * Positional words and options. `allowed` lists the options this command takes; a known option it does not take
 * is an error that names the ones it does, so `/lead source web Acme value:5k` is not silently half-done.
 */
export function splitOptions(
  tokens: readonly Token[],
  allowed: readonly OptionKey[],
  usage: string,
): Parsed<CommandWords> {
  const words: string[] = [];
  const options: Partial<Record<OptionKey, string>> = {};
  for (const token of tokens) {
    const option = readOption(token);
    if (option === null) {
      if (token.text.trim() !== '') words.push(token.text.trim());
      continue;
    }
    const { key, value } = option;
    const accepted = allowed.length === 0 ? 'no options' : `only ${allowed.map((k) => `${k}:`).join(', ')}`;
    if (!allowed.includes(key)) return { ok: false, error: `This command takes ${accepted}, not ${key}:. ${usage}` };
    if (options[key] !== undefined) return { ok: false, error: `${key}: is given twice. ${usage}` };
    if (value === '') return { ok: false, error: `${key}: needs a value right after the colon. ${usage}` };
    options[key] = value;
  }
  return { ok: true, value: { words, options } };
}
