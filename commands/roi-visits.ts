// `/roi visits <YYYY-MM> <count> [source:<s>]`: a month's website visits, for one source or (no source) the whole
// site. Managers only; the count replaces what the month had, so typing it twice never doubles it.

import { resolveSource, sourceLabel } from '../src/domain/catalog.js';
import { monthPeriod } from '../src/domain/periods.js';
import { formatFigure } from '../src/domain/runway-format.js';
import type { Actor } from '../src/domain/types.js';
import type { AppDeps } from '../src/slack/deps.js';
import { buildErrorReply, type Reply } from '../src/slack/views/reply.js';
import { isStoreError } from '../src/store/index.js';
import { buildUnknownSourceHint } from './closest-names.js';
import type { RoiCommand } from './grammar/roi-grammar.js';
import { buildManagersOnlyReply, isManager, withSync } from './roi-manager.js';

type VisitsCommand = Extract<RoiCommand, { verb: 'visits' }>;

export function runRecordVisits(deps: AppDeps, actor: Actor, command: VisitsCommand): Reply {
  if (!isManager(deps, actor.id)) return buildManagersOnlyReply('record visits');
  const { plans, leads } = deps.services;
  let source: string | null = null;
  if (command.source !== undefined) {
    const match = resolveSource(command.source, leads.customSources());
    if (match.kind === 'suggest') {
      const hint = buildUnknownSourceHint(match.suggestions);
      return buildErrorReply(`source: "${command.source}" is not a source I know, so nothing was recorded. ${hint}`);
    }
    source = match.slug;
  }
  const before = plans.listVisits().find((row) => row.month === command.month && row.source === source);
  try {
    const visit = plans.recordVisits({ month: command.month, source, visits: command.visits }, { actor });
    const month = monthPeriod(visit.month, deps.settings.timeZone).label;
    const from = source === null ? 'to the whole site' : `from ${sourceLabel(source)}`;
    const was = before === undefined || before.visits === visit.visits ? '' : ` (was ${formatFigure(before.visits)})`;
    return withSync(
      deps,
      `Recorded ${formatFigure(visit.visits)} visits ${from} for ${month}${was}.`,
      'visit',
      visit.id,
    );
  } catch (error) {
    if (!isStoreError(error)) throw error;
    return buildErrorReply(`The visits were not recorded: ${error.message}.`);
  }
}
