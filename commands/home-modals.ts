// The submissions of the Home tab's "Record spend" and "Record visits" modals (managers). Each field is checked with
// the parsers `/roi cost` and `/roi visits` use; a bad field keeps the modal open with the reason under it
// (response_action: errors) and nothing is saved. A good one goes through the same runs as the slash commands
// (same store calls, same add-or-replace rule, same undo), is confirmed by DM, and the manager's tab is refreshed.

import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { normalizeCampaign, resolveSource } from '../src/domain/catalog.js';
import { parseMoney } from '../src/domain/money.js';
import { parseMonth } from '../src/domain/periods.js';
import type { Actor } from '../src/domain/types.js';
import { parseVisitCount } from '../src/domain/visits.js';
import type { AppDeps } from '../src/slack/deps.js';
import { HOME_MODAL_ACTION, SPEND_FIELDS, VISITS_FIELDS, WHOLE_SITE } from '../src/slack/views/home-modals.js';
import { buildErrorReply, type Reply } from '../src/slack/views/reply.js';
import { buildActor } from './format.js';
import type { RoiCommand } from './grammar/roi-grammar.js';
import { parseCategory } from './grammar/values.js';
import { FAILURE_MESSAGE } from './respond.js';
import { isManager, runRecordCost } from './roi-manager.js';
import { runRecordVisits } from './roi-visits.js';

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
type Errors = Record<string, string>;

const elementSchema = z
  .object({ value: z.string().nullish(), selected_option: z.object({ value: z.string() }).nullish() })
  .partial();
const valuesSchema = z.record(z.string(), z.record(z.string(), elementSchema));
type Values = z.infer<typeof valuesSchema>;

function readValues(raw: unknown): Values {
  const parsed = valuesSchema.safeParse(raw);
  return parsed.success ? parsed.data : {};
}

const typed = (values: Values, block: string) => values[block]?.[HOME_MODAL_ACTION]?.value?.trim() ?? '';
const picked = (values: Values, block: string) => values[block]?.[HOME_MODAL_ACTION]?.selected_option?.value;
const readMode = (values: Values, block: string) => (picked(values, block) === 'set' ? 'set' : 'add');

/** Keeps a parser's answer, or files its message under the field's block. */
function check<T>(errors: Errors, block: string, parsed: { ok: true; value: T } | { ok: false; error: string }) {
  if (parsed.ok) return parsed.value;
  errors[block] = parsed.error;
  return undefined;
}

type CostCommand = Extract<RoiCommand, { verb: 'cost' }>;
type VisitsCommand = Extract<RoiCommand, { verb: 'visits' }>;
type Checked<T> = { ok: true; command: T } | { ok: false; errors: Errors };

export function parseSpendSubmission(raw: unknown): Checked<CostCommand> {
  const values = readValues(raw);
  const errors: Errors = {};
  const campaign = check(errors, SPEND_FIELDS.campaign, normalizeCampaign(typed(values, SPEND_FIELDS.campaign)));
  const amount = check(errors, SPEND_FIELDS.amount, parseMoney(typed(values, SPEND_FIELDS.amount)));
  const month = check(errors, SPEND_FIELDS.month, parseMonth(typed(values, SPEND_FIELDS.month)));
  const category = check(
    errors,
    SPEND_FIELDS.category,
    parseCategory(picked(values, SPEND_FIELDS.category) ?? 'media'),
  );
  if (campaign === undefined || amount === undefined || month === undefined || category === undefined) {
    return { ok: false, errors };
  }
  const mode = readMode(values, SPEND_FIELDS.mode);
  return { ok: true, command: { verb: 'cost', campaign, amount, month, category, mode } };
}

export function parseVisitsSubmission(raw: unknown, customSources: readonly string[]): Checked<VisitsCommand> {
  const values = readValues(raw);
  const errors: Errors = {};
  const month = check(errors, VISITS_FIELDS.month, parseMonth(typed(values, VISITS_FIELDS.month)));
  const visits = check(errors, VISITS_FIELDS.visits, parseVisitCount(typed(values, VISITS_FIELDS.visits)));
  const chosen = picked(values, VISITS_FIELDS.source) ?? WHOLE_SITE;
  const known = chosen === WHOLE_SITE || resolveSource(chosen, customSources).kind !== 'suggest';
  if (!known) errors[VISITS_FIELDS.source] = `"${chosen}" is not a source I know: pick one from the list.`;
  if (month === undefined || visits === undefined || !known) return { ok: false, errors };
  const command: VisitsCommand = { verb: 'visits', month, visits, mode: readMode(values, VISITS_FIELDS.mode) };
  return { ok: true, command: chosen === WHOLE_SITE ? command : { ...command, source: chosen } };
}

async function confirm(deps: AppDeps, client: WebClient, userId: string, reply: Reply): Promise<void> {
  try {
    await client.chat.postMessage({ channel: userId, text: reply.text, blocks: reply.blocks });
  } catch (error) {
    deps.log.error('Could not DM the confirmation of a Home tab form', { userId, error });
  }
  // The manager's own tab shows the new figures without waiting for the next open.
  if (deps.homeTab !== undefined) await deps.homeTab.publish(client, userId);
}

/** One submission handler: the manager check and the field checks answer in the ack; the save runs after it. */
function handleSubmission<T>(
  deps: AppDeps,
  parse: (raw: unknown) => Checked<T>,
  save: (actor: Actor, command: T) => Reply,
  firstBlock: string,
  what: string,
) {
  return async ({ ack, body, view, client }: SubmitArgs): Promise<void> => {
    const userId = body.user.id;
    if (!isManager(deps, userId)) {
      await ack({
        response_action: 'errors',
        errors: { [firstBlock]: `Only managers can ${what}; nothing was saved.` },
      });
      return;
    }
    const checked = parse(view.state.values);
    if (!checked.ok) {
      await ack({ response_action: 'errors', errors: checked.errors });
      return;
    }
    await ack();
    let reply: Reply;
    try {
      reply = save(buildActor(userId, body.user.name), checked.command);
    } catch (error) {
      deps.log.error('Saving a Home tab form failed', { userId, what, error });
      reply = buildErrorReply(FAILURE_MESSAGE);
    }
    await confirm(deps, client, userId, reply);
  };
}

export function handleSpendSubmission(deps: AppDeps) {
  const save = (actor: Actor, command: CostCommand) => runRecordCost(deps, actor, command);
  return handleSubmission(deps, parseSpendSubmission, save, SPEND_FIELDS.campaign, 'record spend');
}

export function handleVisitsSubmission(deps: AppDeps) {
  const parse = (raw: unknown) => parseVisitsSubmission(raw, deps.services.leads.customSources());
  const save = (actor: Actor, command: VisitsCommand) => runRecordVisits(deps, actor, command);
  return handleSubmission(deps, parse, save, VISITS_FIELDS.month, 'record visits');
}
