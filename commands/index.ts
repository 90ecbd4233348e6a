// Every Slack listener of ROI Runway, one line each. The handlers live one per file beside this one.

import type { App } from '@slack/bolt';
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
import { SHARE_ACTION } from '../src/slack/views/share.js';
import { TARGET_PLAN_CALLBACK } from '../src/slack/views/target-plan-modal.js';
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
import { handleShareAction } from './share-action.js';
import { handleTargetPlanSubmission } from './target-plan.js';

/** The slash commands the manifest declares; a test checks the two agree. */
export const SLASH_COMMANDS = ['/lead', '/roi', '/funnel'] as const;

export function registerCommands(app: App, deps: AppDeps): void {
  deps.homeTab ??= createHomeTab({ ...deps, runSteps: runInTurns });
  app.event('app_home_opened', handleAppHomeOpened(deps.homeTab));
  app.command('/lead', handleLeadCommand(deps));
  app.command('/roi', handleRoiCommand(deps));
  app.command('/funnel', handleFunnelCommand(deps));
  app.shortcut(LOG_LEAD_SHORTCUT, handleLogLeadShortcut(deps));
  app.view(LOG_LEAD_CALLBACK, handleLogLeadSubmission(deps));
  app.view(TARGET_PLAN_CALLBACK, handleTargetPlanSubmission(deps));
  app.options(CAMPAIGN_OPTIONS_ACTION, handleCampaignOptions(deps));
  app.action(LEAD_CONTINUE_PATTERN, handleLeadContinue(deps));
  app.action(SHARE_ACTION, handleShareAction(deps));
  app.action(DIGEST_CORRECTION_ACTION, handleDigestCorrection(deps));
  app.action(DIGEST_MORE_PATTERN, handleDigestMore(deps));
  app.action(PROMPT_ANSWER_PATTERN, handlePromptAnswer(deps));
  app.action(LEAK_ALERT_MUTE_ACTION, handleLeakAlertMute(deps));
  app.action(LEAK_ALERT_FUNNEL_ACTION, handleLeakAlertFunnel(deps));
  app.action(HOME_ACTION_PATTERN, handleHomeAction(deps));
  app.view(SPEND_MODAL_CALLBACK, handleSpendSubmission(deps));
  app.view(VISITS_MODAL_CALLBACK, handleVisitsSubmission(deps));
}
