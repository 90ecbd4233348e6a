// Whose store it is and where an adoption may take it (pure rules), what the operator reads, and the note the
// single-mode bot leaves at start.

import { afterEach, describe, expect, it } from 'vitest';
import { buildEnvSettingTexts } from '../../src/adoption/carry-over.js';
import { resolveAdoptionKey } from '../../src/adoption/outcome.js';
import { buildAdoptionReport } from '../../src/adoption/report.js';
import { parseConfig } from '../../src/config.js';
import { readStoreOwner } from '../../src/store-owner.js';
import { startTestApp, type TestApp } from '../helpers/app-harness.js';

const TEAM_OWNER = { teamId: 'T0SHOP', enterpriseId: null, orgWide: false };
const ORG_OWNER = { teamId: 'T0BRANCH', enterpriseId: 'E0GROUP', orgWide: true };

let t: TestApp | undefined;

afterEach(async () => {
  await t?.stop();
  t = undefined;
});

describe('the workspace an adoption goes to', () => {
  it("is the noted team, or the enterprise of an org-wide install (Bolt's install key)", () => {
    expect(resolveAdoptionKey(undefined, TEAM_OWNER)).toEqual({ key: 'T0SHOP' });
    expect(resolveAdoptionKey(undefined, ORG_OWNER)).toEqual({ key: 'E0GROUP' });
  });

  it('may be named as the team or its enterprise, never another team', () => {
    expect(resolveAdoptionKey('T0BRANCH', ORG_OWNER)).toEqual({ key: 'T0BRANCH' });
    expect(resolveAdoptionKey('E0GROUP', ORG_OWNER)).toEqual({ key: 'E0GROUP' });
    expect(resolveAdoptionKey('T0OTHER', TEAM_OWNER)).toEqual({
      refused: expect.stringContaining('belongs to T0SHOP, not T0OTHER'),
    });
  });

  it('must be named when the store does not say whose it is', () => {
    expect(resolveAdoptionKey(undefined, null)).toEqual({
      refused: expect.stringContaining('npm run workspaces -- adopt T0123ABCD'),
    });
    expect(resolveAdoptionKey('T0SHOP', null)).toEqual({ key: 'T0SHOP' });
  });
});

describe('what an adoption carries over and says', () => {
  it("copies the environment's workspace settings as /roi settings stores them", () => {
    const config = parseConfig(
      { DIGEST_CHANNEL: 'C0SALES', MANAGERS: 'U0ANN, U0BOB', CURRENCY: 'eur', GROSS_MARGIN: '0.4' },
      'offline',
    );

    expect(buildEnvSettingTexts(config)).toEqual({
      DIGEST_CHANNEL: 'C0SALES',
      DIGEST_CRON: '0 9 * * 1',
      DIGEST_TZ: 'UTC',
      MANAGERS: 'U0ANN,U0BOB',
      CURRENCY: 'EUR',
      GROSS_MARGIN: '0.4',
      PURCHASES_PER_YEAR: '1',
      RETENTION_YEARS: '3',
    });
    // No managers in the environment: none stored, so the installer becomes the first manager.
    expect(buildEnvSettingTexts(parseConfig({}, 'offline')).MANAGERS).toBeUndefined();
  });

  it('names a single store used again since the adoption', () => {
    const at = Date.UTC(2026, 11, 1, 8);
    const leftover = { leads: 2, spend: 1, pendingOutbox: 0 };

    const report = buildAdoptionReport({ kind: 'already', key: 'T0SHOP', at, place: 'schema ws_t0shop', leftover });

    expect(report.ok).toBe(true);
    expect(report.text).toContain(
      'Already adopted: workspace T0SHOP took the single-workspace store on 2026-12-01T08:00',
    );
    expect(report.text).toContain('(2 leads, 1 spend row)');
  });
});

describe('the single-mode bot at start', () => {
  it('notes the workspace auth.test names in its store', async () => {
    t = await startTestApp({ mode: 'http', fakeSlack: { teamId: 'T0NOTED' }, logLevel: 'warn' });

    expect(readStoreOwner(t.store)).toEqual({ teamId: 'T0NOTED', enterpriseId: null, orgWide: false });
  });
});
