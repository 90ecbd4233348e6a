// The OAuth state on both engines: signed with SLACK_STATE_SECRET, refused after 10 minutes, refused the second time
// (recorded in the directory store, so another instance refuses it too), refused when forged or altered.

import type { InstallURLOptions } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { buildStateStore, OAuthStateError } from '../../src/slack/oauth-state.js';
import { InstallationRows } from '../../src/store/installation-rows.js';
import { MINUTE, openTempStore, type TempStore } from './store-fixtures.js';

const SECRET = 'state-secret-0123456789abcdef';
const OPTIONS: InstallURLOptions = { scopes: ['commands', 'chat:write'] };

let temp: TempStore | undefined;
afterEach(() => {
  temp?.cleanup();
  temp = undefined;
});

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OAuthStateError) return `${error.code}:${error.reason}`;
    throw error;
  }
  return 'accepted';
}

describe('the OAuth state', () => {
  it('gives back the install options once, and refuses the same state on another instance', async () => {
    temp = openTempStore();
    const other = temp.openAnother();
    try {
      const here = buildStateStore(SECRET, new InstallationRows(temp.store), temp.clock);
      const there = buildStateStore(SECRET, new InstallationRows(other), temp.clock);
      const state = await here.generateStateParam(OPTIONS, new Date());
      temp.clock.advance(9 * MINUTE);

      expect(await here.verifyStateParam(new Date(), state)).toEqual(OPTIONS);
      expect(await refusal(there.verifyStateParam(new Date(), state))).toBe('slack_oauth_invalid_state:already_used');
      expect(await refusal(here.verifyStateParam(new Date(), state))).toBe('slack_oauth_invalid_state:already_used');
    } finally {
      other.close();
    }
  });

  it('refuses a state older than 10 minutes', async () => {
    temp = openTempStore();
    const states = buildStateStore(SECRET, new InstallationRows(temp.store), temp.clock);
    const state = await states.generateStateParam(OPTIONS, new Date());
    temp.clock.advance(10 * MINUTE + 1);
    expect(await refusal(states.verifyStateParam(new Date(), state))).toBe('slack_oauth_invalid_state:expired');
  });

  it('refuses a state signed with another secret, altered, or not a state at all', async () => {
    temp = openTempStore();
    const rows = new InstallationRows(temp.store);
    const states = buildStateStore(SECRET, rows, temp.clock);
    const foreign = await buildStateStore('another-secret-0123456789', rows, temp.clock).generateStateParam(
      OPTIONS,
      new Date(),
    );
    expect(await refusal(states.verifyStateParam(new Date(), foreign))).toBe('slack_oauth_invalid_state:bad_signature');

    const genuine = await states.generateStateParam(OPTIONS, new Date());
    const [payload, signature] = genuine.split('.');
    const decoded = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
    const altered = Buffer.from(JSON.stringify({ ...decoded, at: temp.clock() + MINUTE })).toString('base64url');
    expect(await refusal(states.verifyStateParam(new Date(), `${altered}.${signature}`))).toBe(
      'slack_oauth_invalid_state:bad_signature',
    );
    expect(await refusal(states.verifyStateParam(new Date(), 'not-a-state'))).toBe(
      'slack_oauth_invalid_state:malformed',
    );
    // None of the refusals spent the genuine state.
    expect(await states.verifyStateParam(new Date(), genuine)).toEqual(OPTIONS);
  });
});
