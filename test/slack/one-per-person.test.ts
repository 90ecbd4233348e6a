// One command in flight per person: while a rep's command is still being worked out (here Slack is slow to open the
// form it asked for), their next command or click gets "still working" at once and does nothing; other reps are not
// affected, and once the work is done the rep's commands run again.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPersonGate, HOLD_MAX_MS, STILL_WORKING_MESSAGE } from '../../src/slack/one-per-person.js';
import { runSlash, startCommandApp } from '../commands/command-harness.js';
import type { TestApp } from '../helpers/app-harness.js';

let t: TestApp;

beforeEach(async () => {
  t = await startCommandApp();
});

afterEach(async () => {
  await t.stop();
});

const named = (company: string) => t.service.listLeads().filter((lead) => lead.company === company);

/** `/lead` alone opens the form; with views.open held, that command stays in the middle of its work. */
async function startSlowCommand(userId: string): Promise<() => void> {
  const release = t.slack.hold('views.open');
  const opening = await t.slack.slashCommand({ command: '/lead', text: '', userId });
  expect(opening.ackBody).toEqual({});
  await vi.waitFor(() => expect(t.slack.calls.some((call) => call.method === 'views.open')).toBe(true));
  return release;
}

describe('one command in flight per person', () => {
  it('answers a second command or click from the same rep with "still working" and runs nothing', async () => {
    const { reply: acme } = await runSlash(t, '/lead', 'source web Acme Corp');
    const release = await startSlowCommand('U0REP1');

    const { reply: second } = await runSlash(t, '/lead', 'source web Globex');
    const click = await t.slack.blockAction({
      userId: 'U0REP1',
      actionId: 'lead_continue:0',
      value: JSON.stringify({ change: { verb: 'stage', stage: 'mql', company: 'Acme Corp' }, choice: {} }),
      ...(acme.channel === undefined ? {} : { channelId: acme.channel }),
    });
    const { reply: other } = await runSlash(t, '/lead', 'source web Initech', 'U0REP2');

    expect(second.text).toBe(STILL_WORKING_MESSAGE);
    expect(click.ackBody).toEqual({});
    expect((await click.waitForResponses(1))[0]?.text).toBe(STILL_WORKING_MESSAGE);
    expect(named('Globex')).toEqual([]);
    expect(named('Acme Corp')[0]?.stage).toBe('lead');
    expect(other.text).toBe('Logged Initech from Website.');

    release();
    // Once the form is open the first command is done, and the rep's next one runs.
    await vi.waitFor(async () => {
      const { reply } = await runSlash(t, '/lead', 'source web Globex');
      expect(reply.text).toBe('Logged Globex from Website.');
    });
  });

  it('never refuses the Log a lead form from the shortcut, or its type-ahead', async () => {
    const release = await startSlowCommand('U0REP1');

    const shortcut = await t.slack.shortcut({ callbackId: 'log_lead', userId: 'U0REP1' });
    const typed = await t.slack.blockSuggestion({ actionId: 'campaign', value: 'spring', userId: 'U0REP1' });

    expect(shortcut.ackBody).toEqual({});
    await vi.waitFor(() => expect(t.slack.calls.filter((call) => call.method === 'views.open')).toHaveLength(2));
    expect(typed.options).toHaveLength(1);
    release();
  });
});

describe('the gate', () => {
  it('frees a person when their work is done, or once it has run for a minute (a Slack call stuck retrying)', () => {
    let clock = 0;
    const gate = createPersonGate(() => clock);

    const leaveFirst = gate.enter('U0REP1');
    expect(gate.enter('U0REP1')).toBeNull();
    expect(gate.enter('U0REP2')).not.toBeNull();
    clock = HOLD_MAX_MS - 1;
    expect(gate.enter('U0REP1')).toBeNull();
    clock = HOLD_MAX_MS;
    const leaveSecond = gate.enter('U0REP1');
    expect(leaveSecond).not.toBeNull();
    // The first command ending late does not free the person while the second still runs.
    leaveFirst?.();
    expect(gate.enter('U0REP1')).toBeNull();
    leaveSecond?.();
    expect(gate.enter('U0REP1')).not.toBeNull();
  });
});
