// `/roi number` (managers map a tracking number), `/roi numbers` (the list) and `/roi sources` (tracked vs said, and
// inquiries by channel).

import { resolveSource } from '../src/domain/catalog.js';
import { computeInquiryMix } from '../src/domain/inquiry-mix.js';
import type { Actor } from '../src/domain/types.js';
import { parsePhoneNumber } from '../src/ingest/phone.js';
import { context } from '../src/slack/blocks.js';
import type { AppDeps } from '../src/slack/deps.js';
import { buildNumberRecordedReply, buildNumbersReply, buildSourcesReply } from '../src/slack/views/inquiry-views.js';
import { buildErrorReply, buildSyncNote, type Reply } from '../src/slack/views/reply.js';
import { isStoreError } from '../src/store/index.js';
import { ROI_USAGE, type RoiCommand } from './grammar/roi-grammar.js';
import { buildManagersOnlyReply, isManager } from './roi-manager.js';

type NumberCommand = Extract<RoiCommand, { verb: 'number' }>;
type SourcesCommand = Extract<RoiCommand, { verb: 'sources' }>;

function resolveNumberSource(deps: AppDeps, source: string | null | undefined) {
  if (source === undefined || source === null) return { ok: true as const, value: source };
  const match = resolveSource(source, deps.services.leads.customSources());
  if (match.kind === 'exact') return { ok: true as const, value: match.slug };
  const closest = match.suggestions.length > 0 ? ` Closest: ${match.suggestions.join(', ')}.` : '';
  return { ok: false as const, error: `"${source}" is not one of our sources.${closest} Nothing was changed.` };
}

export function runRecordNumber(deps: AppDeps, actor: Actor, command: NumberCommand): Reply {
  if (!isManager(deps, actor.id)) return buildManagersOnlyReply('map tracking numbers');
  const phone = parsePhoneNumber(command.phone, deps.config.ingest.phoneRegion);
  if (!phone.ok) return buildErrorReply(`${phone.error}. Use ${ROI_USAGE.number}.`);
  const source = resolveNumberSource(deps, command.source);
  if (!source.ok) return buildErrorReply(source.error);
  try {
    const { number, before } = deps.services.plans.recordNumber(
      {
        number: phone.value,
        ...(command.campaign === undefined ? {} : { campaign: command.campaign }),
        ...(source.value === undefined ? {} : { source: source.value }),
      },
      { actor },
    );
    const reply = buildNumberRecordedReply(number, before);
    const note = buildSyncNote(deps.notion?.syncStatus('number', number.id) ?? null);
    const footer = [note === null ? null : `${note}.`, '/lead undo takes it back within 10 minutes.'];
    return { text: reply.text, blocks: [...reply.blocks, context(footer.filter((line) => line !== null))] };
  } catch (error) {
    if (!isStoreError(error)) throw error;
    return buildErrorReply(`The number was not mapped: ${error.message}.`);
  }
}

export function runListNumbers(deps: AppDeps): Reply {
  return buildNumbersReply(deps.services.plans.listNumbers());
}

export function runSourcesReport(deps: AppDeps, command: SourcesCommand): Reply {
  const { leads } = deps.services.leads.dataset();
  const inquiries = deps.services.inquiries.listInquiries(command.period.start);
  return buildSourcesReply(computeInquiryMix(leads, inquiries, command.period));
}
