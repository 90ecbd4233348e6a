// `/roi settings`: in distribution mode, the workspace's managers change its settings in a modal; a bad value keeps
// the modal open with the reason under its field and stores nothing. Saved settings take effect by closing the
// workspace (its next request opens it again with them), and the manager gets a DM listing what changed. In
// single-workspace mode the settings are the environment's, and the command lists them.

import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { type Config, parseWorkspaceSettings, WORKSPACE_SETTINGS, type WorkspaceSettingName } from '../src/config.js';
import { buildNotionAuthorizeUrl } from '../src/notion/oauth.js';
import { buildNotionState } from '../src/notion/oauth-state.js';
import { section, truncateMrkdwn } from '../src/slack/blocks.js';
import type { AppDeps } from '../src/slack/deps.js';
import { SLACK_LIMITS } from '../src/slack/limits.js';
import { buildNotionConnectingView, buildNotionSignInView } from '../src/slack/views/notion-settings.js';
import { buildErrorReply, type Reply } from '../src/slack/views/reply.js';
import { buildSettingsModal, formatSettingValue, SETTING_LABELS } from '../src/slack/views/settings-modal.js';
import { writeStoredSettings } from '../src/store/workspace-settings.js';
import { readNotionConnection } from '../src/workspace-notion.js';
import { isManager } from './roi-manager.js';
import { buildNotionShown, parseNotionRequest, runNotionRequest } from './roi-settings-notion.js';

type SettingTexts = Partial<Record<WorkspaceSettingName, string>>;

/** Each setting as text, the way the environment would spell it. */
function currentTexts(config: Config): SettingTexts {
  return {
    DIGEST_CHANNEL: config.digest.channel ?? '',
    DIGEST_CRON: config.digest.cron,
    DIGEST_TZ: config.digest.timeZone,
    MANAGERS: config.managers.join(','),
    CURRENCY: config.currency,
    GROSS_MARGIN: String(config.grossMargin),
    PURCHASES_PER_YEAR: String(config.clv.purchasesPerYear),
    RETENTION_YEARS: String(config.clv.retentionYears),
  };
}

function listSettings(texts: SettingTexts): string {
  return WORKSPACE_SETTINGS.map((name) => `• ${SETTING_LABELS[name]}: ${formatSettingValue(name, texts[name])}`).join(
    '\n',
  );
}

/** A reply whose text is mrkdwn already: its mentions must stay mentions, and every value in it was escaped. */
function buildMentionReply(mrkdwn: string): Reply {
  return { text: truncateMrkdwn(mrkdwn, SLACK_LIMITS.messageText), blocks: [section(mrkdwn)] };
}

function buildEnvironmentReply(config: Config): Reply {
  return buildMentionReply(
    'This install serves one workspace, so its settings come from the environment (.env): an admin changes them ' +
      `there and restarts the bot.\n${listSettings(currentTexts(config))}`,
  );
}

function buildNotManagerReply(config: Config): Reply {
  const managers = formatSettingValue('MANAGERS', config.managers.join(','));
  return buildMentionReply(
    `:warning: Only this workspace's managers can change its settings (${managers}); ask one of them.`,
  );
}

/** Opens the modal; null when it opened, else the reply saying why not (or listing the environment's settings). */
export async function openSettings(
  deps: AppDeps,
  io: { client: WebClient; triggerId: string; userId: string },
): Promise<Reply | null> {
  if (deps.workspace === undefined) return buildEnvironmentReply(deps.config);
  if (!isManager(deps, io.userId)) return buildNotManagerReply(deps.config);
  const { config } = deps;
  const view = buildSettingsModal({
    digestChannel: config.digest.channel,
    cron: config.digest.cron,
    timeZone: config.digest.timeZone,
    managers: config.managers,
    currency: config.currency,
    grossMargin: config.grossMargin,
    purchasesPerYear: config.clv.purchasesPerYear,
    retentionYears: config.clv.retentionYears,
    notion: buildNotionShown(readNotionConnection(deps.services.store, deps.log)),
    notionSignIn: deps.config.notionOAuth !== null,
  });
  try {
    await io.client.views.open({ trigger_id: io.triggerId, view });
    return null;
  } catch (error) {
    deps.log.error('Could not open the settings modal', { userId: io.userId, error });
    return buildErrorReply('The settings form could not open (Slack allows 3 seconds); please run the command again.');
  }
}

const fieldSchema = z
  .object({
    value: z.string().nullish(),
    selected_conversation: z.string().nullish(),
    selected_users: z.array(z.string()).nullish(),
  })
  .partial();
const stateSchema = z.record(z.string(), z.object({ value: fieldSchema }).partial());

/** The submitted fields as text; a field Slack left out is left unchanged. */
function readSubmittedTexts(values: unknown): SettingTexts {
  const parsed = stateSchema.safeParse(values);
  if (!parsed.success) return {};
  const texts: SettingTexts = {};
  for (const name of WORKSPACE_SETTINGS) {
    const field = parsed.data[name]?.value;
    if (field === undefined) continue;
    const text = field.selected_users?.join(',') ?? field.selected_conversation ?? field.value ?? '';
    if (text.trim() !== '' || name === 'MANAGERS') texts[name] = text.trim();
  }
  return texts;
}

/** The canonical text of each valid value (EUR for eur, 0.5 for .50), or the errors to show under the fields. */
function checkTexts(texts: SettingTexts): { ok: true; texts: SettingTexts } | { ok: false; errors: SettingTexts } {
  const { values, problems } = parseWorkspaceSettings(texts);
  const errors: SettingTexts = Object.fromEntries(problems.map((p) => [p.name, `This ${p.message}.`]));
  if (texts.MANAGERS === '') errors.MANAGERS = 'Choose at least one manager.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const canonical: SettingTexts = {};
  for (const [name, value] of Object.entries(values) as [WorkspaceSettingName, unknown][]) {
    canonical[name] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return { ok: true, texts: canonical };
}

/** The settings whose submitted value differs from the one the workspace runs with. */
function findChanges(before: SettingTexts, after: SettingTexts): WorkspaceSettingName[] {
  return WORKSPACE_SETTINGS.filter((name) => after[name] !== undefined && after[name] !== before[name]);
}

function buildConfirmation(names: readonly WorkspaceSettingName[], before: SettingTexts, after: SettingTexts) {
  if (names.length === 0) return 'Nothing changed: the settings were already as you submitted them.';
  const lines = names.map(
    (name) =>
      `• ${SETTING_LABELS[name]}: ${formatSettingValue(name, before[name])} → ${formatSettingValue(name, after[name])}`,
  );
  return `Settings saved; they apply from the next command:\n${lines.join('\n')}`;
}

async function sendDirectMessage(deps: AppDeps, client: WebClient, userId: string, text: string): Promise<void> {
  try {
    await client.chat.postMessage({ channel: userId, text });
  } catch (error) {
    deps.log.error('Could not DM the settings confirmation', { userId, error });
  }
}

const refuse = (message: string) => ({ response_action: 'errors' as const, errors: { MANAGERS: message } });

/** The modal that sends the manager to Notion, its link signed for this workspace, this manager and this page. */
function buildSignInView(deps: AppDeps, userId: string, parentPageId: string) {
  const oauth = deps.config.notionOAuth;
  const workspaceKey = deps.workspace?.key;
  if (oauth === null || workspaceKey === undefined) return null;
  const state = buildNotionState(oauth.stateSecret, { workspaceKey, userId, parentPageId }, deps.clock());
  return buildNotionSignInView(buildNotionAuthorizeUrl(deps.config.notionApi.apiUrl, oauth, state));
}

export function handleSettingsSubmission(deps: AppDeps) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const userId = body.user.id;
    const workspace = deps.workspace;
    if (workspace === undefined || !isManager(deps, userId)) {
      return ack(refuse('Only managers can change settings; nothing was saved.'));
    }
    const checked = checkTexts(readSubmittedTexts(view.state.values));
    const current = readNotionConnection(deps.services.store, deps.log);
    const notion = parseNotionRequest(view.state.values, current, deps.config.notionOAuth !== null);
    if (!checked.ok || !notion.ok) {
      const errors = { ...(checked.ok ? {} : checked.errors), ...(notion.ok ? {} : notion.errors) };
      return ack({ response_action: 'errors', errors });
    }
    const before = currentTexts(deps.config);
    const changed = findChanges(before, checked.texts);
    const toStore = Object.fromEntries(changed.map((name) => [name, checked.texts[name] ?? '']));
    try {
      writeStoredSettings(deps.services.store, toStore, { actorId: userId, at: deps.clock() });
    } catch (error) {
      deps.log.error('Saving the workspace settings failed', { userId, error });
      return ack(refuse('Saving failed and nothing changed; please try again.'));
    }
    // The Notion setup can outlast the 3 s Slack allows: the modal says it is under way, the outcome comes as a DM.
    const connecting = notion.request.kind === 'connect';
    const signIn =
      notion.request.kind === 'sign_in' ? buildSignInView(deps, userId, notion.request.parentPageId) : null;
    const next = connecting ? buildNotionConnectingView() : signIn;
    await ack(next === null ? undefined : { response_action: 'update', view: next });
    // A reopen waits for this handler, and the workspace's next requests for the reopen: during a Notion setup they
    // would wait for it too, so the new settings count once it is over.
    if (changed.length > 0 && !connecting) workspace.reopen();
    if (changed.length > 0 || notion.request.kind === 'keep') {
      await sendDirectMessage(deps, client, userId, buildConfirmation(changed, before, checked.texts));
    }
    await runNotionRequest(deps, notion.request, { client, userId });
    if (changed.length > 0 && connecting) workspace.reopen();
  };
}
