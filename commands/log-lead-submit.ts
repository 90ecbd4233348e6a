// The "Log a lead" submission: every field checked first (a bad one keeps the modal open with the reason under it),
// then the lead created — or, when the company is surely a lead already, that lead updated — and confirmed by DM. A
// name merely close to existing leads never holds the modal up: the lead is logged and the DM offers to merge it.

import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { normalizeCampaign } from '../src/domain/catalog.js';
import { parseMoney } from '../src/domain/money.js';
import { type Actor, CHANNELS, FUNNEL_STAGES, type FunnelStage, type Lead } from '../src/domain/types.js';
import type { AppDeps } from '../src/slack/deps.js';
import { COMPANY_MAX, CONTACT_MAX, LOG_LEAD_FIELDS, NOTES_MAX } from '../src/slack/views/log-lead-modal.js';
import { buildErrorReply, type Reply } from '../src/slack/views/reply.js';
import { isStoreError, type NewLead } from '../src/store/index.js';
import { buildActor } from './format.js';
import { buildConfirmationReply } from './lead-confirm.js';
import { buildMergeOffers, describeLookAlikes, MAX_MERGE_OFFERS } from './lead-merge.js';
import { buildSourceList } from './log-lead-modal.js';
import { FAILURE_MESSAGE } from './respond.js';

const elementSchema = z
  .object({
    value: z.string().nullish(),
    selected_option: z.object({ value: z.string() }).nullish(),
    selected_options: z.array(z.object({ value: z.string() })).nullish(),
  })
  .partial();
const valuesSchema = z.record(z.string(), z.record(z.string(), elementSchema));
type Values = z.infer<typeof valuesSchema>;
type Field = keyof typeof LOG_LEAD_FIELDS;

function read(values: Values, field: Field): z.infer<typeof elementSchema> {
  const { block, action } = LOG_LEAD_FIELDS[field];
  return values[block]?.[action] ?? {};
}

const text = (values: Values, field: Field) => read(values, field).value?.trim() ?? '';
const picked = (values: Values, field: Field) => read(values, field).selected_option?.value;

interface Submission {
  lead: NewLead & { company: string; source: string; stage: FunnelStage };
  forceNew: boolean;
}

/** The submitted fields as a new lead, or the error to show under each field that is wrong. */
export function parseSubmission(
  raw: unknown,
  sources: readonly string[],
): { ok: true; value: Submission } | { ok: false; errors: Record<string, string> } {
  const parsed = valuesSchema.safeParse(raw);
  const values: Values = parsed.success ? parsed.data : {};
  const errors: Record<string, string> = {};
  const company = text(values, 'company');
  if (company === '') errors[LOG_LEAD_FIELDS.company.block] = 'Which company is it?';
  if (company.length > COMPANY_MAX) errors[LOG_LEAD_FIELDS.company.block] = `At most ${COMPANY_MAX} characters.`;
  const contact = text(values, 'contact');
  if (contact.length > CONTACT_MAX) errors[LOG_LEAD_FIELDS.contact.block] = `At most ${CONTACT_MAX} characters.`;
  const notes = text(values, 'notes');
  if (notes.length > NOTES_MAX) errors[LOG_LEAD_FIELDS.notes.block] = `At most ${NOTES_MAX} characters.`;
  const source = picked(values, 'source') ?? 'unknown';
  if (!sources.includes(source)) errors[LOG_LEAD_FIELDS.source.block] = 'Pick a source from the list.';
  const typedCampaign = picked(values, 'campaign');
  const campaign = typedCampaign === undefined ? null : normalizeCampaign(typedCampaign);
  if (campaign !== null && !campaign.ok) errors[LOG_LEAD_FIELDS.campaign.block] = campaign.error;
  const valueText = text(values, 'value');
  const value = valueText === '' ? null : parseMoney(valueText);
  if (value !== null && !value.ok) errors[LOG_LEAD_FIELDS.value.block] = value.error;
  const channel = CHANNELS.find((candidate) => candidate === picked(values, 'channel')) ?? 'phone';
  const stage = FUNNEL_STAGES.find((candidate) => candidate === picked(values, 'stage')) ?? 'lead';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const lead: Submission['lead'] = {
    company,
    contact: contact === '' ? null : contact,
    source,
    campaign: campaign?.ok ? campaign.value : null,
    channel,
    stage,
    value: value?.ok ? value.value : null,
    notes: notes === '' ? null : notes,
  };
  return { ok: true, value: { lead, forceNew: (read(values, 'isNew').selected_options?.length ?? 0) > 0 } };
}

/** Logging a company that is already a lead updates that lead: a repeat call is not a new lead. */
function updateExisting(deps: AppDeps, existing: Lead, input: Submission['lead'], actor: Actor): Lead {
  const { leads } = deps.services;
  const ctx = { actor };
  let lead = leads.setSource(existing.id, input.source, ctx).lead;
  if (input.campaign && lead.campaign === null) lead = leads.setCampaign(lead.id, input.campaign, ctx);
  else if (input.campaign && input.campaign !== lead.campaign)
    lead = leads.addTouch(lead.id, { campaign: input.campaign }, ctx);
  // Only forward: the form defaults to Lead, which must not pull back a lead that is further along.
  const stages: readonly string[] = FUNNEL_STAGES;
  if (stages.indexOf(input.stage) > stages.indexOf(lead.stage)) {
    lead = leads.moveStage(lead.id, input.stage, ctx, input.value == null ? {} : { value: input.value });
  } else if (input.value != null) {
    lead = leads.setValue(lead.id, input.value, ctx);
  }
  const patch = {
    ...(lead.contact === null && input.contact ? { contact: input.contact } : {}),
    ...(lead.notes === null && input.notes ? { notes: input.notes } : {}),
  };
  return Object.keys(patch).length > 0 ? leads.updateLead(lead.id, patch, ctx) : lead;
}

interface Target {
  /** The lead the company surely is, or null for a new one. */
  existing: Lead | null;
  /** Leads the new one may be the same company as: offered as merges. */
  lookAlikes: readonly Lead[];
}

function saveSubmission(deps: AppDeps, submission: Submission, target: Target, actor: Actor): Reply {
  try {
    if (target.existing !== null) {
      const lead = updateExisting(deps, target.existing, submission.lead, actor);
      return buildConfirmationReply(
        deps,
        { lead, headline: `${lead.company} was already a lead (${lead.id}); updated it.` },
        undefined,
      );
    }
    const lead = deps.services.leads.createLead(submission.lead, { actor });
    const { lookAlikes } = target;
    const headline =
      lookAlikes.length === 0
        ? `Logged ${lead.company}.`
        : `Logged ${lead.company} as a new lead (${lead.id}). It may be the same company as ${describeLookAlikes(lookAlikes)}: if so, merge it below.`;
    return buildConfirmationReply(deps, { lead, headline, extra: buildMergeOffers(lead, lookAlikes) }, undefined);
  } catch (error) {
    if (!isStoreError(error)) throw error;
    return buildErrorReply(`The lead was not saved: ${error.message}.`);
  }
}

type Checked = { errors: Record<string, string> } | { submission: Submission; target: Target };

/** What the submission is answered with at once: errors that keep the modal open, or the lead it is about. */
function checkSubmission(deps: AppDeps, values: unknown): Checked {
  const parsed = parseSubmission(values, buildSourceList(deps));
  if (!parsed.ok) return { errors: parsed.errors };
  const submission = parsed.value;
  if (submission.forceNew) return { submission, target: { existing: null, lookAlikes: [] } };
  const match = deps.services.leads.resolveCompany(submission.lead.company);
  if (match.kind === 'exact') return { submission, target: { existing: match.lead, lookAlikes: [] } };
  const lookAlikes = match.kind === 'ambiguous' ? match.leads.slice(0, MAX_MERGE_OFFERS) : [];
  return { submission, target: { existing: null, lookAlikes } };
}

async function sendDirectMessage(deps: AppDeps, client: WebClient, userId: string, reply: Reply): Promise<void> {
  try {
    await client.chat.postMessage({ channel: userId, text: reply.text, blocks: reply.blocks });
  } catch (error) {
    deps.log.error('Could not DM the Log a lead confirmation', { userId, error });
  }
}

export function handleLogLeadSubmission(deps: AppDeps) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const userId = body.user.id;
    let checked: Checked;
    try {
      checked = checkSubmission(deps, view.state.values);
    } catch (error) {
      // The modal must still be answered within 3 seconds; the rep hears about the failure by DM.
      await ack();
      deps.log.error('Checking the Log a lead modal failed', { userId, error });
      return sendDirectMessage(deps, client, userId, buildErrorReply(FAILURE_MESSAGE));
    }
    if ('errors' in checked) return ack({ response_action: 'errors', errors: checked.errors });
    await ack();
    let reply: Reply;
    try {
      reply = saveSubmission(deps, checked.submission, checked.target, buildActor(userId, body.user.name));
    } catch (error) {
      deps.log.error('Saving the Log a lead modal failed', { userId, error });
      reply = buildErrorReply(FAILURE_MESSAGE);
    }
    await sendDirectMessage(deps, client, userId, reply);
  };
}
