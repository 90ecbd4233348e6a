// Drains the store's prompt queue into Slack: the question right after an inquiry (or a lead logged without a
// source), and one reminder after FOLLOW_UP_HOURS working hours when nobody answered. A prompt is marked done only
// once Slack took it, so a restart loses none; the UNIQUE (lead, kind) row means none is sent twice on purpose (the
// one window: Slack took a post whose answer never came back, as for the digest).

import type { WebClient } from '@slack/web-api';
import { SOURCE_SLUGS } from '../domain/catalog.js';
import { needsSaidSource } from '../domain/inquiry-sources.js';
import { computeCommonSources, rankLikelySources } from '../domain/likely-sources.js';
import { INGEST_ACTOR, type Lead, UNKNOWN_SOURCE } from '../domain/types.js';
import { addWorkingHours } from '../domain/working-hours.js';
import type { Logger } from '../log.js';
import type { Prompt, StoreServices } from '../store/index.js';
import type { ChoiceButton } from './views/choices.js';
import { buildInquiryPrompt } from './views/inquiry-prompt.js';

/** Prompts are "within a minute": looked at this often, and a second after an inquiry is matched. */
export const PROMPT_POLL_MS = 10_000;
/** A burst of inquiries is asked about in one pass a second later, not one pass per inquiry. */
export const PROMPT_NUDGE_MS = 1_000;
const MAX_ATTEMPTS = 5;
const LIKELY_BUTTONS = 4;

export interface PromptWorkerDeps {
  client: WebClient;
  services: StoreServices;
  clock: () => number;
  log: Logger;
  inquiryChannel: string | undefined;
  followUpHours: number;
  timeZone: string;
  /** The "Same company as X — merge" buttons of `/lead source` (commands/lead-merge.ts), for an uncertain match. */
  buildMergeOffers?: (lead: Lead, lookAlikes: readonly Lead[]) => ChoiceButton[];
}

export interface PromptWorker {
  start(): void;
  stop(): Promise<void>;
  nudge(): void;
  /** One pass over the due prompts (tests drive it with a fake clock). */
  runNow(): Promise<number>;
}

/** Who gets the question: the prompt's recipient, the lead's owner, INQUIRY_CHANNEL; an email is looked up. */
async function resolveRecipient(deps: PromptWorkerDeps, prompt: Prompt, lead: Lead): Promise<string | null> {
  const named = prompt.recipient ?? (lead.ownerId === INGEST_ACTOR.id ? null : lead.ownerId);
  if (named === null) return deps.inquiryChannel ?? null;
  if (!named.startsWith('email:')) return named;
  const email = named.slice('email:'.length);
  try {
    const found = await deps.client.users.lookupByEmail({ email });
    const id = found.user?.id;
    if (id === undefined) return deps.inquiryChannel ?? null;
    const name = found.user?.real_name || found.user?.name || id;
    deps.services.leads.updateLead(lead.id, { ownerId: id, ownerName: name }, { actor: INGEST_ACTOR });
    return id;
  } catch (error) {
    deps.log.warn('No Slack user has the owner email of an inquiry', { leadId: lead.id, error });
    return deps.inquiryChannel ?? null;
  }
}

function listAllSources(services: StoreServices): string[] {
  return [...SOURCE_SLUGS.filter((slug) => slug !== UNKNOWN_SOURCE), ...services.leads.customSources()];
}

/** The leads an inquiry's company only resembled, as they are now (one merged or deleted since is left out). */
function findLookAlikes(services: StoreServices, prompt: Prompt): Lead[] {
  if (prompt.kind !== 'ask') return [];
  const leads = prompt.similar.map((id) => services.leads.getLead(id));
  return leads.filter((lead): lead is Lead => lead !== null && lead.id !== prompt.leadId);
}

async function sendPrompt(deps: PromptWorkerDeps, prompt: Prompt, likelyOf: (lead: Lead) => string[]) {
  const { services } = deps;
  const lead = services.leads.getLead(prompt.leadId);
  if (lead === null) return services.inquiries.completePrompt(prompt.id, 'gone');
  if (!needsSaidSource(lead)) return services.inquiries.completePrompt(prompt.id, 'answered');
  const recipient = await resolveRecipient(deps, prompt, lead);
  if (recipient === null) {
    deps.log.info('Nobody to ask about an inquiry without an owner; set INQUIRY_CHANNEL', { leadId: lead.id });
    return services.inquiries.completePrompt(prompt.id, 'no_recipient');
  }
  const current = services.leads.getLead(lead.id) ?? lead;
  const lookAlikes = findLookAlikes(services, prompt);
  const view = {
    lead: current,
    kind: prompt.kind,
    fromInquiry: prompt.inquiryId !== null,
    allSources: listAllSources(services),
    lookAlikes,
    mergeOffers: deps.buildMergeOffers?.(current, lookAlikes) ?? [],
  };
  const message = buildInquiryPrompt({ ...view, likely: likelyOf(current) });
  await deps.client.chat.postMessage({ channel: recipient, text: message.text, blocks: message.blocks });
  services.inquiries.completePrompt(prompt.id, 'sent');
  if (prompt.kind === 'ask') {
    const dueAt = addWorkingHours(prompt.createdAt, deps.followUpHours, deps.timeZone);
    services.inquiries.scheduleReminder(lead.id, recipient, dueAt);
  }
}

/** How long the team's common sources are reused: they move over weeks, and counting them reads every lead. */
const COMMON_SOURCES_TTL_MS = 10 * 60_000;

type CommonSources = { at: number; sources: string[] } | null;

async function runPass(deps: PromptWorkerDeps, cache: { common: CommonSources }): Promise<number> {
  const now = deps.clock();
  const due = deps.services.inquiries.duePrompts(now, 50);
  if (due.length === 0) return 0;
  if (cache.common === null || Math.abs(now - cache.common.at) > COMMON_SOURCES_TTL_MS) {
    cache.common = { at: now, sources: computeCommonSources(deps.services.leads.dataset().leads, now) };
  }
  const common = cache.common.sources;
  const likelyOf = (lead: Lead) => rankLikelySources(common, lead.trackedSource ?? null, LIKELY_BUTTONS);
  let sent = 0;
  for (const prompt of due) {
    try {
      await sendPrompt(deps, prompt, likelyOf);
      sent += 1;
    } catch (error) {
      const gaveUp = prompt.attempts + 1 >= MAX_ATTEMPTS;
      deps.log.warn(gaveUp ? 'Gave up asking about a lead' : 'Asking about a lead failed; trying again', {
        leadId: prompt.leadId,
        kind: prompt.kind,
        error,
      });
      if (gaveUp) deps.services.inquiries.completePrompt(prompt.id, 'failed');
      else deps.services.inquiries.retryPrompt(prompt.id, String(error), now + 60_000 * 2 ** prompt.attempts);
    }
  }
  return sent;
}

export function createPromptWorker(deps: PromptWorkerDeps): PromptWorker {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let nudged = false;
  const cache: { common: CommonSources } = { common: null };
  let current: Promise<number> = Promise.resolve(0);
  const runNow = (): Promise<number> => {
    current = current.then(
      () => runPass(deps, cache),
      () => runPass(deps, cache),
    );
    return current;
  };
  const schedule = (ms: number) => {
    if (!running) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      nudged = false;
      runNow()
        .catch((error: unknown) => deps.log.error('The prompt worker failed', { error }))
        .finally(() => schedule(PROMPT_POLL_MS));
    }, ms);
    timer.unref();
  };
  return {
    start() {
      running = true;
      schedule(0);
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await current.catch(() => 0);
    },
    nudge: () => {
      if (nudged) return;
      nudged = true;
      schedule(PROMPT_NUDGE_MS);
    },
    runNow,
  };
}
