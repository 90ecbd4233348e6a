// Every Slack listener of ROI Runway, one line each. The handlers live one per file beside this one.

import type { App, Context } from '@slack/bolt';
import { LEAK_ALERT_FUNNEL_ACTION, LEAK_ALERT_MUTE_ACTION } from '../digests/alert-messages.js';
import { DIGEST_MORE_PATTERN } from '../digests/more-details.js';
import type { AppDeps } from '../src/slack/deps.js';
import { createHomeTab } from '../src/slack/home-tab.js';
import { LEAD_CONTINUE_PATTERN } from '../src/slack/views/choices.js';
import { DIGEST_CORRECTION_ACTION } from '../src/slack/views/digest-views.js';
import { SPEND_MODAL_CALLBACK, VISITS_MODAL_CALLBACK } from '../src/slack/views/home-modals.js';
import { HOME_ACTION_PATTERN } from '../src/slack/views/home-views.js';
import { PROMPT_ANSWER_PATTERN } from '../src/slack/views/inquiry-prompt.js';
import { CAMPAIGN_OPTIONS_ACTION, LOG_LEAD_CALLBACK, LOG_LEAD_SHORTCUT } from '../src/slack/views/log-lead-modal.js';
import { NOTION_SIGN_IN_ACTION } from '../src/slack/views/notion-settings.js';
import { SETTINGS_CALLBACK } from '../src/slack/views/settings-modal.js';
import { SHARE_ACTION } from '../src/slack/views/share.js';
import { TARGET_PLAN_CALLBACK } from '../src/slack/views/target-plan-modal.js';
import { withLateAck } from '../src/slack/workspace-routing.js';
import { handleLeakAlertFunnel } from './alert-funnel.js';
import { handleLeakAlertMute } from './alert-mute.js';
import { handleAppHomeOpened } from './app-home.js';
import { handleDigestCorrection } from './digest-correction.js';
import { handleDigestMore } from './digest-more.js';
import { handleFunnelCommand } from './funnel-command.js';
import { handleHomeAction } from './home-actions.js';
import { handleSpendSubmission, handleVisitsSubmission } from './home-modals.js';
import { handleLeadCommand } from './lead-command.js';
import { handleLeadContinue } from './lead-continue.js';
import { handleCampaignOptions, handleLogLeadShortcut } from './log-lead-modal.js';
import { handleLogLeadSubmission } from './log-lead-submit.js';
import { handlePromptAnswer } from './prompt-answer.js';
import { runInTurns } from './respond.js';
import { handleRoiCommand } from './roi-command.js';
import { handleSettingsSubmission } from './roi-settings.js';
import { handleShareAction } from './share-action.js';
import { handleTargetPlanSubmission } from './target-plan.js';

/** The slash commands the manifest declares; a test checks the two agree. */
export const SLASH_COMMANDS = ['/lead', '/roi', '/funnel'] as const;

/**
 * Where a handler gets its deps: one workspace's, fixed (single-workspace mode), or the request's own workspace's,
 * read from the context the routing middleware filled in (distribution mode, src/slack/workspace-routing.ts).
 */
export type DepsSource = AppDeps | ((context: Context) => AppDeps);

export function registerCommands(app: App, source: DepsSource): void {
  if (typeof source !== 'function') source.homeTab ??= createHomeTab({ ...source, runSteps: runInTurns });
  const on = buildHandlerSource(source);
  app.event(
    'app_home_opened',
    on((deps) => handleAppHomeOpened(deps.homeTab ?? createHomeTab({ ...deps, runSteps: runInTurns }))),
  );
  app.command('/lead', on(handleLeadCommand));
  app.command('/roi', on(handleRoiCommand));
  app.command('/funnel', on(handleFunnelCommand));
  app.shortcut(LOG_LEAD_SHORTCUT, on(handleLogLeadShortcut));
  app.view(LOG_LEAD_CALLBACK, on(handleLogLeadSubmission));
  app.view(TARGET_PLAN_CALLBACK, on(handleTargetPlanSubmission));
  app.options(CAMPAIGN_OPTIONS_ACTION, on(handleCampaignOptions));
  app.action(LEAD_CONTINUE_PATTERN, on(handleLeadContinue));
  app.action(SHARE_ACTION, on(handleShareAction));
  app.action(DIGEST_CORRECTION_ACTION, on(handleDigestCorrection));
  app.action(DIGEST_MORE_PATTERN, on(handleDigestMore));
  app.action(PROMPT_ANSWER_PATTERN, on(handlePromptAnswer));
  app.action(LEAK_ALERT_MUTE_ACTION, on(handleLeakAlertMute));
  app.action(LEAK_ALERT_FUNNEL_ACTION, on(handleLeakAlertFunnel));
  app.action(HOME_ACTION_PATTERN, on(handleHomeAction));
  app.view(SPEND_MODAL_CALLBACK, on(handleSpendSubmission));
  app.view(VISITS_MODAL_CALLBACK, on(handleVisitsSubmission));
  app.view(SETTINGS_CALLBACK, on(handleSettingsSubmission));
  // A link button still sends an action: acked, or Slack shows the manager an error beside the opening Notion page.
  app.action(NOTION_SIGN_IN_ACTION, async ({ ack }) => ack());
}

/**
 * Turns a `(deps) => handler` factory into a listener. With fixed deps the handler is built once, as before; with
 * deps per request it is built once per workspace's deps (kept as long as those deps live), so what a handler keeps
 * between requests stays within its workspace.
 */
function buildHandlerSource(source: DepsSource) {
  return <A extends { context: Context }, R>(factory: (deps: AppDeps) => (args: A) => R) => {
    if (typeof source !== 'function') return factory(source);
    const built = new WeakMap<AppDeps, (args: A) => R>();
    return (args: A): R => {
      const deps = source(args.context);
      let handler = built.get(deps);
      if (handler === undefined) {
        handler = factory(deps);
        built.set(deps, handler);
      }
      // A command acked while its workspace opened answers what it would have acked through the response_url.
      return handler(withLateAck(args));
    };
  };
}
