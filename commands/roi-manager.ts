// The managers' side of `/roi`: spend, targets and the digest posted now. Everyone else gets a polite refusal and
// nothing changes.

import { formatMoney, formatPercent } from '../src/domain/money.js';
import { monthPeriod } from '../src/domain/periods.js';
import { type Actor, TARGET_STAGE_LABELS } from '../src/domain/types.js';
import type { AppDeps } from '../src/slack/deps.js';
import {
  buildDigestAlreadyPostedReply,
  buildDigestImportingReply,
  buildDigestPostedReply,
} from '../src/slack/views/digest-views.js';
import { buildErrorReply, buildNoticeReply, buildSyncNote, type Reply } from '../src/slack/views/reply.js';
import { isStoreError } from '../src/store/index.js';
import { listMonths } from './grammar/plan-grammar.js';
import type { RoiCommand } from './grammar/roi-grammar.js';

type CostCommand = Extract<RoiCommand, { verb: 'cost' }>;
type TargetCommand = Extract<RoiCommand, { verb: 'target' }>;
type DigestCommand = Extract<RoiCommand, { verb: 'digest' }>;

const UNDO_HINT = '/lead undo takes it back within 10 minutes.';

export function isManager(deps: AppDeps, userId: string): boolean {
  return deps.config.managers.includes(userId);
}

export function buildManagersOnlyReply(what: string): Reply {
  return buildErrorReply(
    `Only managers can ${what}, so nothing was changed. Ask a manager, or an admin to add you to MANAGERS.`,
  );
}

export function withSync(
  deps: AppDeps,
  message: string,
  entity: 'spend' | 'target' | 'visit',
  id: string,
  undoHint = UNDO_HINT,
): Reply {
  const note = buildSyncNote(deps.notion?.syncStatus(entity, id) ?? null);
  return buildNoticeReply([message, note === null ? null : `${note}.`, undoHint].filter(Boolean).join(' '));
}

/**
 * `/roi cost` adds to the month's spend (a second invoice is more spend, not a correction); `set:` replaces it. Either
 * way the reply shows the month's total before and after, so a replaced amount never goes unnoticed.
 */
export function runRecordCost(deps: AppDeps, actor: Actor, command: CostCommand): Reply {
  if (!isManager(deps, actor.id)) return buildManagersOnlyReply('record spend');
  try {
    const { spend, amountBefore } = deps.services.plans.changeSpend(
      { campaign: command.campaign, month: command.month, amount: command.amount, category: command.category },
      command.mode,
      { actor },
    );
    const month = monthPeriod(spend.month, deps.settings.timeZone).label;
    const money = (amount: number) => formatMoney(amount, deps.settings.currency);
    const what = `${spend.category} spend on ${command.campaign} for ${month}`;
    const done = command.mode === 'add' ? `Added ${money(command.amount)} of ${what}` : `Set the ${what}`;
    const total = `the month's total went from ${money(amountBefore)} to ${money(spend.amount)}`;
    return withSync(deps, `${done}: ${total}.`, 'spend', spend.id);
  } catch (error) {
    if (!isStoreError(error)) throw error;
    return buildErrorReply(`The spend was not recorded: ${error.message}.`);
  }
}

/** "35%", but "12.5%": a decimal only when the rate has one. */
function buildRateDigits(rate: number): number {
  return Number.isInteger(Math.round(rate * 1000) / 10) ? 0 : 1;
}

function describePlannedFigure(command: TargetCommand): string {
  const { figure, stage } = command;
  const label = TARGET_STAGE_LABELS[stage];
  if (figure.kind === 'rate')
    return `${formatPercent(figure.rate, buildRateDigits(figure.rate))} conversion into ${label}`;
  return stage === 'visits'
    ? `${figure.count.toLocaleString('en-US')} visits`
    : `${figure.count} leads reaching ${label}`;
}

/** One month, or the same plan for each month of a range (all of them or none: one transaction). */
export function runRecordTarget(deps: AppDeps, actor: Actor, command: TargetCommand): Reply {
  if (!isManager(deps, actor.id)) return buildManagersOnlyReply('record targets');
  const { figure, stage } = command;
  const months = command.through === undefined ? [command.month] : listMonths(command.month, command.through);
  const { plans } = deps.services;
  try {
    const figures = figure.kind === 'count' ? { count: figure.count } : { rate: figure.rate };
    const targets = plans.recordMany(() =>
      months.map((month) => plans.recordTarget({ month, stage, ...figures }, { actor })),
    );
    const label = (month: string) => monthPeriod(month, deps.settings.timeZone).label;
    const last = targets.at(-1)!;
    if (months.length === 1) {
      return withSync(deps, `Planned ${describePlannedFigure(command)} for ${label(last.month)}.`, 'target', last.id);
    }
    const span = `each month from ${label(months[0]!)} to ${label(last.month)} (${months.length} months)`;
    const hint = '/lead undo takes back one month at a time, the last first, within 10 minutes.';
    return withSync(deps, `Planned ${describePlannedFigure(command)} for ${span}.`, 'target', last.id, hint);
  } catch (error) {
    if (!isStoreError(error)) throw error;
    return buildErrorReply(`The target was not recorded: ${error.message}.`);
  }
}

export async function runDigestCommand(deps: AppDeps, userId: string, command: DigestCommand): Promise<Reply> {
  if (command.mode === 'now' && !isManager(deps, userId)) return buildManagersOnlyReply('post the digest');
  if (deps.runDigest === undefined)
    return buildErrorReply('The digest is not available right now; please try again in a minute.');
  if (command.mode === 'preview') {
    const result = await deps.runDigest({ mode: 'preview', userId });
    if (result.importing) return buildDigestImportingReply(result.importing);
    return result.posted
      ? buildNoticeReply('Your digest preview is in your direct messages from me; nothing was posted to a channel.')
      : buildErrorReply(`No preview: ${result.reason ?? 'the digest could not be built'}.`);
  }
  const result = await deps.runDigest({ mode: 'now', userId });
  if (result.importing) return buildDigestImportingReply(result.importing);
  if (result.already) return buildDigestAlreadyPostedReply(result.already);
  return result.posted
    ? buildDigestPostedReply(deps.config.digest.channel)
    : buildErrorReply(`The digest was not posted: ${result.reason ?? 'unknown reason'}.`);
}
