// `/roi visits <YYYY-MM> <count> [source:<s>]`: a month's website visits, for one source or (no source) the whole
// site. Managers only. Like `/roi cost`, the count adds to what the month has (a second report of the month is more
// visits) and `set:<count>` replaces it; the reply shows the month's visits before and after either way, so a
// doubled or replaced count never goes unnoticed.

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
  try {
    const input = { month: command.month, source, visits: command.visits };
    const { visit, visitsBefore } = plans.changeVisits(input, command.mode, { actor });
    const month = monthPeriod(visit.month, deps.settings.timeZone).label;
    const what = `visits ${source === null ? 'to the whole site' : `from ${sourceLabel(source)}`} for ${month}`;
    const done = command.mode === 'add' ? `Added ${formatFigure(command.visits)} ${what}` : `Set the ${what}`;
    const total = `the month's visits went from ${formatFigure(visitsBefore)} to ${formatFigure(visit.visits)}`;
    return withSync(deps, `${done}: ${total}.`, 'visit', visit.id);
  } catch (error) {
    if (!isStoreError(error)) throw error;
    return buildErrorReply(`The visits were not recorded: ${error.message}.`);
  }
}
