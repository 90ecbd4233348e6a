import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { buildWorkspaceConfig } from '../../src/distribution-runtime.js';
import { createMemoryLogger } from '../../src/log.js';
import { writeStoredSettings } from '../../src/store/workspace-settings.js';
import { readWorkspaceSettings } from '../../src/workspace-settings.js';
import { openTempStore, T0, type TempStore } from './store-fixtures.js';

const ENV = parseConfig(
  { DIGEST_CHANNEL: 'C0GENERAL', MANAGERS: 'U0BOSS', CURRENCY: 'USD', GROSS_MARGIN: '0.5', DIGEST_TZ: 'UTC' },
  'offline',
);

let t: TempStore;
beforeEach(() => {
  t = openTempStore();
});
afterEach(() => t.cleanup());

function configOf(installer: string | null = null) {
  const { logger, lines } = createMemoryLogger('warn', []);
  const config = buildWorkspaceConfig('T0A', ENV, readWorkspaceSettings(t.store, installer, logger));
  return { config, lines };
}

describe('a workspace’s stored settings (migration 14)', () => {
  it('are the environment’s until stored, with the installer as a manager beside the environment’s', () => {
    const { config } = configOf('U0INSTALLER');
    expect(config.currency).toBe('USD');
    expect(config.digest.channel).toBe('C0GENERAL');
    expect(config.managers).toEqual(['U0BOSS', 'U0INSTALLER']);
    expect(config.notion).toBeNull();
  });

  it('win over the environment once stored, and an empty value brings the environment’s back', () => {
    const change = { actorId: 'U0BOSS', at: T0 };
    writeStoredSettings(t.store, { CURRENCY: 'eur', DIGEST_CHANNEL: 'C0SALES', MANAGERS: 'U0ANA,U0BOB' }, change);
    writeStoredSettings(t.store, { DIGEST_TZ: 'Europe/Paris', GROSS_MARGIN: '0.3', RETENTION_YEARS: '5' }, change);
    const { config } = configOf('U0INSTALLER');
    expect(config.currency).toBe('EUR');
    expect(config.digest).toMatchObject({ channel: 'C0SALES', timeZone: 'Europe/Paris' });
    expect(config.managers).toEqual(['U0ANA', 'U0BOB']);
    expect(config.grossMargin).toBe(0.3);
    expect(config.clv).toEqual({ purchasesPerYear: 1, retentionYears: 5 });
    writeStoredSettings(t.store, { CURRENCY: '' }, change);
    expect(configOf().config.currency).toBe('USD');
  });

  it('fall back to the environment with a warning when a stored value is hostile or stale', () => {
    const change = { actorId: 'U0BOSS', at: T0 };
    writeStoredSettings(
      t.store,
      { CURRENCY: 'DOGE', DIGEST_TZ: 'Mars/Olympus', GROSS_MARGIN: '7', LATER: 'x' },
      change,
    );
    const { config, lines } = configOf();
    expect(config.currency).toBe('USD');
    expect(config.digest.timeZone).toBe('UTC');
    expect(config.grossMargin).toBe(0.5);
    const warned = lines.join('\n');
    for (const name of ['CURRENCY', 'DIGEST_TZ', 'GROSS_MARGIN']) expect(warned).toContain(name);
  });
});
