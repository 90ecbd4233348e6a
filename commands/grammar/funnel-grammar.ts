// `/funnel [period] [source:<s>] [campaign:<c>]` → a typed command. The source stays as typed: the handler resolves
// it against the catalog and the team's own sources.

import { normalizeCampaign } from '../../src/domain/catalog.js';
import { parsePeriod } from '../../src/domain/periods.js';
import type { Parsed, Period } from '../../src/domain/types.js';
import type { GrammarContext } from './lead-grammar.js';
import { readCommandText, splitOptions, tokenize } from './tokens.js';

export interface FunnelCommand {
  verb: 'funnel';
  period: Period;
  source?: string;
  campaign?: string;
}

export const FUNNEL_USAGE =
  '/funnel [period] [source:<source>] [campaign:<campaign>], e.g. /funnel last-quarter source:thomasnet';
export const DEFAULT_FUNNEL_PERIOD = 'last-90d';

export function parseFunnelCommand(escaped: string, ctx: GrammarContext): Parsed<FunnelCommand | { verb: 'help' }> {
  const typed = readCommandText(escaped);
  if (!typed.ok) return typed;
  const tokens = tokenize(typed.value);
  if (tokens.length === 1 && !tokens[0]?.quoted && /^(help|\?)$/i.test(tokens[0]?.text ?? '')) {
    return { ok: true, value: { verb: 'help' } };
  }
  const split = splitOptions(tokens, ['source', 'campaign'], `Use ${FUNNEL_USAGE}.`);
  if (!split.ok) return split;
  const { words, options } = split.value;
  const period = parsePeriod(words.length === 0 ? DEFAULT_FUNNEL_PERIOD : words.join(' '), ctx.now, ctx.timeZone);
  if (!period.ok) return period;
  const command: FunnelCommand = { verb: 'funnel', period: period.value };
  if (options.source !== undefined) command.source = options.source;
  if (options.campaign !== undefined) {
    const campaign = normalizeCampaign(options.campaign);
    if (!campaign.ok) return { ok: false, error: `campaign: ${campaign.error}` };
    command.campaign = campaign.value;
  }
  return { ok: true, value: command };
}
