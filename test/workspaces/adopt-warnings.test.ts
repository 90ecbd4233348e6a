// Distribution mode over OAuth (as `npm start` builds it) on a DATA_DIR whose single-workspace store was never
// adopted: the operator is told at start, and again when that store's team installs through the real pages into an
// empty workspace. Another team's install says nothing of it.

import { afterEach, describe, expect, it } from 'vitest';
import { type DistributedApp, installThroughPages, startDistributedApp } from '../helpers/oauth-rig.js';
import { startSmallTeam, TEAM } from './adopt-rig.js';

let app: DistributedApp | undefined;
let team: { close(): Promise<void> } | undefined;

afterEach(async () => {
  await app?.stop();
  await team?.close();
  app = team = undefined;
});

const INSTALL_WARNING = 'A workspace installed whose data is still in the single-workspace store';
const warningsIn = (logs: string[], text: string) => logs.filter((line) => line.includes(text));

describe('a single-workspace store left behind in distribution mode', () => {
  it('is named at start, and when its team installs into an empty workspace', async () => {
    const small = await startSmallTeam();
    team = small;
    const running = await startDistributedApp({ env: { DATA_DIR: small.dataDir } });
    app = running;

    const atStart = warningsIn(running.logs, "The single-workspace store still holds a team's data");
    expect(atStart).toHaveLength(1);
    expect(atStart[0]).toContain('"command":"npm run workspaces -- adopt T0ADOPT"');
    expect(atStart[0]).toContain('"leads":1');

    await installThroughPages(running, { userId: 'U0OTHER', teamId: 'T0OTHER', teamName: 'Other' });
    await installThroughPages(running, { userId: 'U0FOUNDER', teamId: TEAM, teamName: 'Adopt' });

    await expect.poll(() => warningsIn(running.logs, INSTALL_WARNING).length, { timeout: 10_000 }).toBe(1);
    const [warning] = warningsIn(running.logs, INSTALL_WARNING);
    expect(warning).toContain('"workspace":"T0ADOPT"');
    expect(warning).toContain('stop the bot, then npm run workspaces -- adopt T0ADOPT');
  });
});
