// What an adoption answers, and the rules every engine follows before it moves anything.

import type { StoreCounts } from '../store/store-move.js';
import { buildOwnerKey, type StoreOwner } from '../store-owner.js';
import type { CarriedOver, CarryOver } from './carry-over.js';

export type AdoptionOutcome =
  | ({ kind: 'adopted'; key: string; counts: StoreCounts; place: string } & CarriedOver)
  /** `leftover`: a single store found beside the adopted one (a single-mode bot started since), and what it holds. */
  | { kind: 'already'; key: string; at: number; place: string; leftover: StoreCounts | null }
  | { kind: 'refused'; reason: string };

export interface AdoptionPlan {
  /** The workspace key the operator named; the store's recorded owner when unset. */
  requested: string | undefined;
  carry: CarryOver;
  at: number;
}

/** The workspace to adopt into: the one named, or the one the store recorded; never another team's. */
export function resolveAdoptionKey(
  requested: string | undefined,
  owner: StoreOwner | null,
): { key: string } | { refused: string } {
  const ownerKey = owner === null ? null : buildOwnerKey(owner);
  if (requested === undefined) {
    if (ownerKey !== null) return { key: ownerKey };
    return {
      refused:
        'The single-workspace store does not say which workspace it belongs to (it is noted at each start of a bot ' +
        'of this version). Start the bot once in single-workspace mode (SLACK_CLIENT_ID unset), or name the ' +
        'workspace: npm run workspaces -- adopt T0123ABCD (its team id, or its enterprise id for an org-wide install).',
    };
  }
  if (owner === null || requested === owner.teamId || requested === owner.enterpriseId) return { key: requested };
  const belongs = [owner.teamId, owner.enterpriseId].filter((id) => id !== null).join(' / ');
  return {
    refused:
      `The single-workspace store belongs to ${belongs}, not ${requested}: adopting it there would show one team's ` +
      'data to another. Nothing was changed.',
  };
}

export function refusedAsUsed(key: string, place: string): AdoptionOutcome {
  return {
    kind: 'refused',
    reason:
      `The store of workspace ${key} (${place}) already holds data of its own: adopting would mix two stores. ` +
      'Nothing was changed.',
  };
}
