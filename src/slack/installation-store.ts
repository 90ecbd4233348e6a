// Bolt's InstallationStore over our installations: what the OAuth callback stores, and what Bolt's authorize reads
// for every request. The installation handed to Bolt carries a token refreshed by us (under the row's lease) and no
// refresh token, so Bolt's InstallProvider never refreshes by itself: two instances cannot spend one refresh token.

import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Clock } from '../store/open-store.js';
import { type InstallationRecord, type Installations, installationKeyOf } from './installations.js';
import { RevokedTokenError } from './revoked-token.js';

export function buildInstallationRecord(
  installation: Installation,
  installedAt: number,
): Omit<InstallationRecord, 'uninstalledAt'> {
  const { bot, team, enterprise } = installation;
  const isEnterpriseInstall = installation.isEnterpriseInstall === true;
  return {
    key: installationKeyOf({ teamId: team?.id, enterpriseId: enterprise?.id, isEnterpriseInstall }),
    teamId: team?.id ?? null,
    teamName: team?.name ?? null,
    enterpriseId: enterprise?.id ?? null,
    enterpriseName: enterprise?.name ?? null,
    enterpriseUrl: installation.enterpriseUrl ?? null,
    isEnterpriseInstall,
    appId: installation.appId ?? null,
    botToken: bot?.token ?? null,
    botId: bot?.id ?? null,
    botUserId: bot?.userId ?? null,
    botScopes: bot?.scopes ?? [],
    refreshToken: bot?.refreshToken ?? null,
    // Slack and Bolt count in seconds; the store, like the rest of ours, in milliseconds.
    expiresAt: bot?.expiresAt === undefined ? null : bot.expiresAt * 1000,
    installerUserId: installation.user.id,
    installedAt,
  };
}

function buildBoltInstallation(record: InstallationRecord & { botToken: string }): Installation {
  return {
    team:
      record.teamId === null ? undefined : { id: record.teamId, ...(record.teamName ? { name: record.teamName } : {}) },
    enterprise: record.enterpriseId === null ? undefined : { id: record.enterpriseId },
    user: { token: undefined, scopes: undefined, id: record.installerUserId ?? '' },
    bot: {
      token: record.botToken,
      scopes: [...record.botScopes],
      id: record.botId ?? '',
      userId: record.botUserId ?? '',
    },
    ...(record.appId === null ? {} : { appId: record.appId }),
    ...(record.enterpriseUrl === null ? {} : { enterpriseUrl: record.enterpriseUrl }),
    isEnterpriseInstall: record.isEnterpriseInstall,
    authVersion: 'v2',
  } as Installation;
}

function keyOfQuery(query: InstallationQuery<boolean>): string {
  return installationKeyOf(query);
}

export function buildInstallationStore(installations: Installations, clock: Clock): InstallationStore {
  return {
    async storeInstallation(installation) {
      installations.store(buildInstallationRecord(installation, clock()));
    },
    // Throws for a workspace that never installed or uninstalled: Bolt then runs no listener for its request. Bolt's
    // installer asks for every request before its ack, so the row is read with the event loop free (on Postgres a
    // read through the synchronous API would hold every other request of the process for its round trip).
    async fetchInstallation(query) {
      const key = keyOfQuery(query);
      const [known] = await installations.fetchAsync([key]);
      if (known === undefined) throw new RevokedTokenError(key, 'not_installed');
      return buildBoltInstallation(await installations.fetchFresh(key, known));
    },
    async deleteInstallation(query) {
      installations.delete(keyOfQuery(query));
    },
  };
}
