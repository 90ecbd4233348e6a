// Two Notion workspaces behind one NOTION_API_URL (the front door), one per Slack workspace, and the /roi settings
// modal driven the way Slack does: opened by the command, submitted with what its fields show plus what the manager
// typed. Shared by the Notion-per-workspace tests.

import { expect } from 'vitest';
import { type FakeNotionFrontDoor, startFakeNotionFrontDoor } from '../fakes/notion/front-door.js';
import { type FakeNotion, type FakeOAuthClient, startFakeNotion } from '../fakes/notion/index.js';
import type { WorkspacesApp } from '../helpers/workspaces-harness.js';

export const SETTINGS_CALLBACK = 'workspace_settings_modal';

export interface NotionPair {
  one: FakeNotion;
  two: FakeNotion;
  door: FakeNotionFrontDoor;
  close(): Promise<void>;
}

/** Two Notion workspaces, each with its own integration (a token of the real shape) and its own shared page. */
export async function startNotionPair(options: { oauth?: FakeOAuthClient } = {}): Promise<NotionPair> {
  const rateLimit = { perSecond: 50, burst: 50 };
  const oauth = options.oauth ?? false;
  const one = await startFakeNotion({ token: `ntn_${'1a'.repeat(23)}`, otherTokens: [], rateLimit, oauth });
  const two = await startFakeNotion({ token: `secret_${'2b'.repeat(21)}`, otherTokens: [], rateLimit });
  const door = await startFakeNotionFrontDoor([one, two]);
  return {
    one,
    two,
    door,
    async close() {
      await door.close();
      await Promise.all([one.close(), two.close()]);
    },
  };
}

/** The link a manager copies from Notion's "Share" menu. */
export const pageLink = (pageId: string) => `https://www.notion.so/ROI-Runway-${pageId.replaceAll('-', '')}`;

export function settingsModals(app: WorkspacesApp, team: string) {
  return app.slack.team(team).views.filter((v) => v.callbackId === SETTINGS_CALLBACK);
}

/** A manager's /roi settings; answers the modal Slack now shows. */
export async function openSettings(app: WorkspacesApp, team: string) {
  const before = settingsModals(app, team).length;
  await app.slack.team(team).slashCommand({ command: '/roi', text: 'settings', userId: 'U0MANAGER' });
  // Acked at once when the workspace must open first; the modal follows once it is open.
  await expect.poll(() => settingsModals(app, team).length, { timeout: 20_000 }).toBe(before + 1);
  const modal = settingsModals(app, team).at(-1);
  if (modal === undefined) throw new Error('no settings modal');
  return modal;
}

interface InputBlock {
  type: string;
  block_id?: string;
  element?: Record<string, unknown>;
}

/** What Slack submits for a field the manager left as the modal showed it. */
function shownValue(element: Record<string, unknown>): Record<string, unknown> {
  const type = element.type;
  if (type === 'conversations_select') return { type, selected_conversation: element.initial_conversation ?? null };
  if (type === 'multi_users_select') return { type, selected_users: element.initial_users ?? [] };
  if (type === 'checkboxes') return { type, selected_options: element.initial_options ?? [] };
  return { type, value: element.initial_value ?? null };
}

export interface NotionFields {
  token?: string;
  page?: string;
  disconnect?: boolean;
  /** Ticks "Sign in with Notion". */
  signIn?: boolean;
  /** Who submits (default the manager). */
  userId?: string;
  /** Other text fields the manager changed, by block id (e.g. CURRENCY). */
  texts?: Record<string, string>;
}

/** Submits the newest settings modal: every field as shown, the Notion fields as typed. */
export function submitNotion(app: WorkspacesApp, team: string, fields: NotionFields) {
  const modal = settingsModals(app, team).at(-1);
  const blocks = (modal?.view.blocks ?? []) as InputBlock[];
  const values: Record<string, Record<string, unknown>> = {};
  for (const block of blocks) {
    if (block.type !== 'input' || block.block_id === undefined || block.element === undefined) continue;
    values[block.block_id] = { value: shownValue(block.element) };
  }
  const text = (value: string) => ({ value: { type: 'plain_text_input', value } });
  for (const [name, value] of Object.entries(fields.texts ?? {})) values[name] = text(value);
  if (fields.token !== undefined) values.NOTION_TOKEN = text(fields.token);
  if (fields.page !== undefined) values.NOTION_PAGE = text(fields.page);
  if (fields.disconnect === true) {
    const option = { text: { type: 'plain_text', text: 'Disconnect' }, value: 'disconnect' };
    values.NOTION_DISCONNECT = { value: { type: 'checkboxes', selected_options: [option] } };
  }
  if (fields.signIn === true) {
    const option = { text: { type: 'plain_text', text: 'Sign in with Notion' }, value: 'sign_in' };
    values.NOTION_SIGN_IN = { value: { type: 'checkboxes', selected_options: [option] } };
  }
  return app.slack.team(team).viewSubmission({
    userId: fields.userId ?? 'U0MANAGER',
    view: { callback_id: SETTINGS_CALLBACK, state: { values } },
  });
}

export const directMessages = (app: WorkspacesApp, team: string, userId = 'U0MANAGER') =>
  app.slack
    .team(team)
    .messages.filter((m) => m.kind === 'chat.postMessage' && m.channel === `D${userId.slice(1)}`)
    .map((m) => m.text ?? '');

/** Waits for the DM that reports the Notion setup (the setup runs after the modal's ack). */
export async function notionReport(app: WorkspacesApp, team: string): Promise<string> {
  const reports = () => directMessages(app, team).filter((text) => text.includes('Notion'));
  await expect.poll(() => reports().length, { timeout: 15_000 }).toBeGreaterThan(0);
  return reports().at(-1) ?? '';
}

/** The Leads rows of a fake Notion, as plain values. */
export function leadRows(fake: FakeNotion) {
  const leads = fake.dataSources().find((source) => source.title.map((t) => t.plain_text).join('') === 'Leads');
  return leads === undefined ? [] : fake.plainRows(leads.id);
}

export const companies = (fake: FakeNotion) => leadRows(fake).map((row) => row.Name);
