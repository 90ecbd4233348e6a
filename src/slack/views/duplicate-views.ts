// `/lead duplicates`: the pairs of leads most likely to be one company logged twice, each with a merge button.

import type { DuplicatePair, DuplicateReason } from '../../domain/duplicates.js';
import type { Lead } from '../../domain/types.js';
import { context, escapeSlackText, type KnownBlock, section } from '../blocks.js';
import { buildChoiceActions, type ChoiceButton } from './choices.js';
import { buildLeadLine, type LeadFormat } from './lead-card.js';
import { buildFallbackText, type Reply } from './reply.js';

const REASON_WORDS: Record<DuplicateReason, string> = {
  'same-name': 'the same name',
  spacing: 'the same name but for spaces',
  'word-order': 'the same words in another order',
  typo: 'names one letter apart',
};

export interface DuplicateList {
  pairs: readonly DuplicatePair<Lead>[];
  /** Every pair found, shown or not. */
  total: number;
  /** Leads looked at. */
  leadCount: number;
  /** One per pair, in the same order: the encoded merge of the pair's newer lead into its older one. */
  merges: readonly ChoiceButton[];
}

function buildTitle(list: DuplicateList): string {
  if (list.total === 0) return `No likely duplicates among ${list.leadCount.toLocaleString('en-US')} leads.`;
  const pairs =
    list.total === 1 ? '1 pair of leads looks' : `${list.total.toLocaleString('en-US')} pairs of leads look`;
  const shown = list.total > list.pairs.length ? ` The ${list.pairs.length} likeliest:` : '';
  return `${pairs} like one company logged twice.${shown}`;
}

export function buildDuplicatesReply(list: DuplicateList, format: LeadFormat): Reply {
  const title = buildTitle(list);
  const blocks: KnownBlock[] = [section(escapeSlackText(title))];
  list.pairs.forEach((pair, i) => {
    const lines = [
      buildLeadLine(pair.keep, format),
      buildLeadLine(pair.merge, format),
      `_${REASON_WORDS[pair.reason]}_`,
    ];
    blocks.push(section(lines.join('\n')));
    const merge = list.merges[i];
    if (merge) blocks.push(...buildChoiceActions([merge], `duplicate_${i}`));
  });
  if (list.pairs.length > 0) {
    blocks.push(
      context([
        'A merge keeps the lead created first with its source, every touch and event, and the furthest stage. /lead undo takes it back.',
      ]),
    );
  }
  return { text: buildFallbackText(title), blocks };
}
