// Driving the real app like a person in Slack: type a command, read the reply the fake received at the response_url,
// click one of its buttons by its label.

import { expect } from 'vitest';
import type { Actor, Lead } from '../../src/domain/types.js';
import type { LeadService } from '../../src/store/index.js';
import { checkBlockKit, type RecordedMessage } from '../fakes/slack/index.js';
import { startTestApp, type TestApp, type TestAppOptions } from '../helpers/app-harness.js';

/** Wednesday 25 November 2026, 15:00 UTC: this quarter is Q4 2026. */
export const NOW = Date.UTC(2026, 10, 25, 15, 0);
export const REP: Actor = { id: 'U0REP2', name: 'rosa' };
export const day = (month: number, date: number) => Date.UTC(2026, month - 1, date, 12);

export function startCommandApp(options: Partial<TestAppOptions> = {}): Promise<TestApp> {
  return startTestApp({ mode: 'http', clock: () => NOW, logLevel: 'warn', ...options });
}

export interface SlashReply {
  reply: RecordedMessage;
  ackBody: Record<string, unknown>;
  triggerId: string;
}

/** Sends a slash command and waits for its one reply; the reply must be one Slack accepts. */
export async function runSlash(t: TestApp, command: string, text: string, userId = 'U0REP1'): Promise<SlashReply> {
  const result = await t.slack.slashCommand({ command, text, userId });
  expect(result.status).toBe(200);
  const [reply] = await result.waitForResponses(1);
  if (reply === undefined) throw new Error('no reply');
  expect(checkBlockKit(reply.blocks ?? [], 'message')).toEqual([]);
  return { reply, ackBody: result.ackBody, triggerId: result.triggerId };
}

export interface ShownButton {
  label: string;
  actionId: string;
  value: string;
  blockId: string;
}

export function buttonsOf(message: { blocks?: unknown[] }): ShownButton[] {
  const found: ShownButton[] = [];
  for (const block of (message.blocks ?? []) as { type: string; block_id?: string; elements?: unknown[] }[]) {
    if (block.type !== 'actions') continue;
    for (const element of (block.elements ?? []) as { text: { text: string }; action_id: string; value?: string }[]) {
      found.push({
        label: element.text.text,
        actionId: element.action_id,
        value: element.value ?? '',
        blockId: block.block_id ?? '',
      });
    }
  }
  return found;
}

/** Clicks the button whose label starts with `label` and waits for the reply to the click. */
export async function clickButton(
  t: TestApp,
  message: { blocks?: unknown[]; channel?: string },
  label: string,
  userId = 'U0REP1',
) {
  const button = buttonsOf(message).find((candidate) => candidate.label.startsWith(label));
  if (!button)
    throw new Error(
      `no button "${label}" in ${buttonsOf(message)
        .map((b) => b.label)
        .join(', ')}`,
    );
  const result = await t.slack.blockAction({
    userId,
    actionId: button.actionId,
    value: button.value,
    blockId: button.blockId,
    ...(message.channel === undefined ? {} : { channelId: message.channel }),
  });
  expect(result.status).toBe(200);
  expect(result.ackBody).toEqual({});
  const [reply] = await result.waitForResponses(1);
  if (reply === undefined) throw new Error('no reply to the click');
  expect(checkBlockKit(reply.blocks ?? [], 'message')).toEqual([]);
  return { reply, result };
}

/**
 * Everything the person sees of a reply: its blocks as JSON (mrkdwn escaped as Slack receives it), without the
 * button values, which Slack never shows.
 */
export function shownText(message: { blocks?: unknown[] }): string {
  return JSON.stringify(message.blocks ?? [], (key, value) => (key === 'value' ? undefined : value));
}

export function seedLead(
  service: LeadService,
  company: string,
  fields: Partial<Pick<Lead, 'source' | 'campaign' | 'value'>> & { at: number },
): Lead {
  const { at, ...rest } = fields;
  return service.createLead(
    {
      company,
      ...(rest.source === undefined ? {} : { source: rest.source }),
      campaign: rest.campaign ?? null,
      value: rest.value ?? null,
    },
    { actor: REP, at },
  );
}

export function leadsNamed(t: TestApp, company: string): Lead[] {
  return t.service.listLeads().filter((lead) => lead.company === company);
}
