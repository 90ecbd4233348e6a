// app_uninstalled and tokens_revoked (Events API, signed; Bolt runs no authorize for them): the installation's
// tokens go at once and the runtime hears of it through Installations.onUninstalled. Bolt's authorize then fails
// for that workspace, so none of its requests reaches a listener. Its data is kept 30 days (purgeUninstalled).

import type { App } from '@slack/bolt';
import type { Logger } from '../log.js';
import { type Installations, installationKeyOf } from './installations.js';

interface EventContext {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
}

function keyOfContext(context: EventContext): string | null {
  try {
    return installationKeyOf(context);
  } catch {
    return null;
  }
}

export function registerUninstallEvents(app: App, installations: Installations, log: Logger): void {
  app.event('app_uninstalled', async ({ context }) => {
    const key = keyOfContext(context);
    if (key === null) log.warn('app_uninstalled without a team or enterprise id');
    else installations.markUninstalled(key);
  });
  // Only the bot's token matters: the app asks for no user token, so a revoked user token changes nothing.
  app.event('tokens_revoked', async ({ event, context }) => {
    const key = keyOfContext(context);
    if ((event.tokens.bot ?? []).length === 0) return;
    if (key === null) log.warn('tokens_revoked without a team or enterprise id');
    else installations.markUninstalled(key);
  });
}
