// The bot serves the one workspace its token belongs to. A request signed with the right secret but coming from
// another workspace or another app (the secret leaked) is acked and dropped: nothing is stored, nothing is answered
// on its response_url, and the log says so once per origin. Over HTTP and over Socket Mode alike.

import { afterEach, describe, expect, it } from 'vitest';
import { FOREIGN_WORKSPACE_MESSAGE, findForeignOrigin } from '../../src/slack/workspace-check.js';
import { runSlash } from '../commands/command-harness.js';
import { startTestApp, type TestApp } from '../helpers/app-harness.js';

let t: TestApp | undefined;

afterEach(async () => {
  await t?.stop();
  t = undefined;
});

const FOREIGN_TEAM = { teamId: 'T0OTHER' };
const FOREIGN_APP = { appId: 'A0OTHERAPP' };

function refusals(app: TestApp): Record<string, unknown>[] {
  return app.logs
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((record) => String(record.msg).startsWith('Refused a request from'));
}

async function expectDropped(app: TestApp, origin: { teamId?: string; appId?: string }) {
  const sent = await app.slack.slashCommand({
    command: '/lead',
    text: 'source web Forged Co',
    userId: 'U0REP1',
    origin,
  });

  expect(sent.status).toBe(200);
  expect(sent.ackBody).toEqual({ response_type: 'ephemeral', text: FOREIGN_WORKSPACE_MESSAGE });
  await expect(sent.waitForResponses(1, 300)).rejects.toThrow(/got 0/);
  expect(app.service.listLeads().filter((lead) => lead.company === 'Forged Co')).toEqual([]);
}

describe('requests from another workspace or app', () => {
  it('asks Slack at start which workspace and app the token belongs to', async () => {
    t = await startTestApp({ mode: 'http' });

    const methods = t.slack.calls.map((call) => call.method);
    expect(methods).toContain('auth.test');
    expect(t.slack.calls.find((call) => call.method === 'bots.info')?.args).toEqual({ bot: 'B0BOT' });
  });

  it('drops a signed slash command from another workspace, logging it once', async () => {
    t = await startTestApp({ mode: 'http' });

    await expectDropped(t, FOREIGN_TEAM);
    await expectDropped(t, FOREIGN_TEAM);

    expect(refusals(t)).toEqual([
      expect.objectContaining({ msg: 'Refused a request from another workspace', teamId: 'T0OTHER' }),
    ]);
    // The workspace's own people are served as before.
    const { reply } = await runSlash(t, '/lead', 'source web Acme Corp');
    expect(reply.text).toBe('Logged Acme Corp from Website.');
  });

  it('drops a command from the same workspace but another app, and a click from another workspace', async () => {
    t = await startTestApp({ mode: 'http' });
    const acme = t.service.createLead({ company: 'Acme Corp' }, { actor: { id: 'U0REP1', name: 'ravi' } });

    await expectDropped(t, FOREIGN_APP);
    const click = await t.slack.blockAction({
      userId: 'U0REP1',
      actionId: 'lead_continue:0',
      value: JSON.stringify({ change: { verb: 'stage', stage: 'customer', company: 'Acme Corp' }, choice: {} }),
      origin: FOREIGN_TEAM,
    });

    expect(click.status).toBe(200);
    await expect(click.waitForResponses(1, 300)).rejects.toThrow(/got 0/);
    expect(t.service.getLead(acme.id)?.stage).toBe('lead');
    expect(refusals(t).map((record) => record.msg)).toEqual([
      'Refused a request from another app',
      'Refused a request from another workspace',
    ]);
  });

  it('drops them in Socket Mode too', async () => {
    t = await startTestApp({ mode: 'socket' });
    await t.slack.waitForSocketClient();

    await expectDropped(t, FOREIGN_TEAM);
    const { reply } = await runSlash(t, '/lead', 'source web Acme Corp');
    expect(reply.text).toBe('Logged Acme Corp from Website.');
  });

  it('checks the workspace alone when Slack will not name the app (no users:read)', async () => {
    t = await startTestApp({ mode: 'http', fakeSlack: { botScopes: ['chat:write', 'commands'] } });

    await expectDropped(t, FOREIGN_TEAM);
    const sameTeamOtherApp = await t.slack.slashCommand({
      command: '/lead',
      text: 'help',
      userId: 'U0REP1',
      origin: FOREIGN_APP,
    });
    expect(sameTeamOtherApp.ackBody).toEqual({});
    expect(t.logs.some((line) => line.includes('bots.info did not name the app'))).toBe(true);
  });
});

describe('which origins are ours', () => {
  const ours = { teamId: 'T0001', enterpriseId: null, orgWide: false, appId: 'A0ROIRUNWAY' };

  it('takes the workspace and the app of the token', () => {
    expect(findForeignOrigin(ours, { teamId: 'T0001', enterpriseId: null, appId: 'A0ROIRUNWAY' })).toBeNull();
    expect(findForeignOrigin(ours, { teamId: 'T0002', enterpriseId: null, appId: 'A0ROIRUNWAY' })).toBe(
      'another workspace',
    );
    expect(findForeignOrigin(ours, { teamId: 'T0001', enterpriseId: null, appId: null })).toBe('another app');
  });

  it('takes any workspace of the organisation for an org-wide install, and no other organisation', () => {
    const org = { teamId: null, enterpriseId: 'E0ACME', orgWide: true, appId: 'A0ROIRUNWAY' };

    expect(findForeignOrigin(org, { teamId: 'T0SALES', enterpriseId: 'E0ACME', appId: 'A0ROIRUNWAY' })).toBeNull();
    expect(findForeignOrigin(org, { teamId: 'T0SALES', enterpriseId: 'E0OTHER', appId: 'A0ROIRUNWAY' })).toBe(
      'another organisation',
    );
  });
});
