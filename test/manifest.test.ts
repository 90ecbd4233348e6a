// The manifest an admin installs must be one Slack accepts, and must declare exactly the commands and shortcut the
// app registers: a command in one and not the other is a command that silently does nothing.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { Ajv } from 'ajv';
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { registerCommands } from '../commands/index.js';
import { createChartRenderer } from '../src/charts/renderer.js';
import { parseConfig } from '../src/config.js';
import { createMemoryLogger } from '../src/log.js';
import { type AppDeps, buildMetricSettings } from '../src/slack/deps.js';
import { Installations } from '../src/slack/installations.js';
import { registerUninstallEvents } from '../src/slack/uninstall-events.js';
import { buildStoreServices } from '../src/store/index.js';
import { InstallationRows } from '../src/store/installation-rows.js';
import { buildSilentSlackLogger } from './fakes/slack/index.js';
import { METHOD_SCOPES } from './fakes/slack/scopes.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = parse(readFileSync(join(repoRoot, 'manifest.yml'), 'utf8'));
const schema = JSON.parse(readFileSync(join(repoRoot, '../shared/reference/slack-manifest.schema.json'), 'utf8'));

/** What registerCommands (and, in distribution mode, the uninstall events) hand to Bolt, on an App that never connects. */
function recordRegistrations() {
  const config = parseConfig({ SLACK_BOT_TOKEN: 'xoxb-manifest', SLACK_SIGNING_SECRET: 'manifest-secret' }, 'bot');
  const services = buildStoreServices(':memory:');
  const deps: AppDeps = {
    config,
    services,
    settings: buildMetricSettings(config),
    clock: Date.now,
    log: createMemoryLogger().logger,
    charts: createChartRenderer(),
    notion: null,
  };
  const app = new App({
    token: 'xoxb-manifest',
    signingSecret: 'manifest-secret',
    deferInitialization: true,
    logger: buildSilentSlackLogger(),
  });
  const command = vi.spyOn(app, 'command');
  const shortcut = vi.spyOn(app, 'shortcut');
  const event = vi.spyOn(app, 'event');
  registerCommands(app, deps);
  const installations = new Installations(new InstallationRows(services.store), { clock: Date.now, log: deps.log });
  registerUninstallEvents(app, installations, deps.log);
  services.store.close();
  return {
    commands: command.mock.calls.map(([name]) => String(name)),
    events: event.mock.calls.map(([name]) => String(name)),
    shortcuts: shortcut.mock.calls.map(([constraint]) =>
      typeof constraint === 'string' ? constraint : String((constraint as { callback_id?: unknown }).callback_id),
    ),
  };
}

describe('manifest.yml', () => {
  it('validates against the schema Slack publishes for manifests', () => {
    // Slack's schema uses a non-standard `regex` keyword next to the standard ones; strict mode would reject it.
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

    const valid = validate(manifest);

    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('declares the commands the app registers, each with a description and a usage hint', () => {
    const declared = manifest.features.slash_commands as { command: string; description: string; usage_hint: string }[];

    const registered = recordRegistrations();

    expect(declared.map((entry) => entry.command).sort()).toEqual(['/funnel', '/lead', '/roi']);
    expect([...new Set(registered.commands)].sort()).toEqual(['/funnel', '/lead', '/roi']);
    for (const entry of declared) {
      expect(entry.description.length).toBeGreaterThan(10);
      expect(entry.usage_hint.length).toBeGreaterThan(5);
    }
  });

  it('declares the global "Log a lead" shortcut under the callback id the app listens to', () => {
    const registered = recordRegistrations();

    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ name: 'Log a lead', type: 'global', callback_id: 'log_lead' }),
    ]);
    expect(registered.shortcuts).toContain('log_lead');
  });

  it('subscribes to exactly the events the app listens to, and turns the Home tab on', () => {
    const registered = recordRegistrations();

    const events = ['app_home_opened', 'app_uninstalled', 'tokens_revoked'];
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(events);
    expect(registered.events).toEqual(events);
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
  });

  it('runs in Socket Mode with the scopes the app uses and nothing it does not', () => {
    expect(manifest.settings).toMatchObject({
      socket_mode_enabled: true,
      org_deploy_enabled: false,
      token_rotation_enabled: false,
      interactivity: { is_enabled: true },
    });
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      'channels:join',
      'channels:read',
      'chat:write',
      'chat:write.public',
      'commands',
      'files:write',
      'users:read',
      'users:read.email',
    ]);
  });

  it('asks for the scope of every Web API method the code calls, and for nothing else', () => {
    const called = findCalledSlackMethods();
    const unknown = called.filter((method) => METHOD_SCOPES[method] === undefined);
    expect(unknown, 'the fake Slack must know the scope of every method the app calls').toEqual([]);

    // A method lists the scopes it accepts, the one for public channels first: the digest posts to a public channel.
    const needed = called.flatMap((method) => METHOD_SCOPES[method]?.slice(0, 1) ?? []);
    // Slash commands and the shortcut need `commands`; chat:write.public lets the digest post without joining.
    const expected = new Set([...needed, 'commands', 'chat:write.public']);
    expect(called).toEqual(expect.arrayContaining(['chat.postMessage', 'files.completeUploadExternal', 'views.open']));
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...expected].sort());
  });
});

/** The SDK's wrappers and the methods they call. */
const SDK_WRAPPERS: Record<string, string[]> = {
  'files.uploadV2': ['files.getUploadURLExternal', 'files.completeUploadExternal'],
};

function listSourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listSourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** `client.chat.postMessage(` anywhere in the product's code, kept when the Slack WebClient has that method. */
function findCalledSlackMethods(): string[] {
  const web = new WebClient() as unknown as Record<string, Record<string, unknown> | undefined>;
  const found = new Set<string>();
  for (const file of ['src', 'commands', 'digests', 'scripts'].flatMap((dir) => listSourceFiles(join(repoRoot, dir)))) {
    for (const [, family, name] of readFileSync(file, 'utf8').matchAll(/\bclient\.(\w+)\.(\w+)\(/g)) {
      if (family === undefined || name === undefined || typeof web[family]?.[name] !== 'function') continue;
      for (const method of SDK_WRAPPERS[`${family}.${name}`] ?? [`${family}.${name}`]) found.add(method);
    }
  }
  return [...found].sort();
}
