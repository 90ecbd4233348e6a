// Renewing a "Sign in with Notion" token on a 401 with two instances: both find the token refused at the same moment,
// on two connections to one store (two processes on a SQLite file, two instances on Postgres). Notion's refresh token
// works once (the fake rotates it like Notion), so exactly one refresh may reach Notion; both end with the new token.

import { afterEach, expect, it } from 'vitest';
import type { NotionOAuthConfig } from '../../src/config.js';
import { createMemoryLogger } from '../../src/log.js';
import { exchangeNotionCode } from '../../src/notion/oauth.js';
import { createNotionRenewal } from '../../src/notion-token-renewal.js';
import type { Store } from '../../src/store/index.js';
import { readNotionConnection, writeNotionConnection } from '../../src/workspace-notion.js';
import { type FakeNotion, startFakeNotion } from '../fakes/notion/index.js';
import { openTempStore, type TempStore } from './store-fixtures.js';

const CLIENT = { clientId: 'client-renewal', clientSecret: 'client-renewal-secret-0123', workspaceName: 'Acme' };
const REDIRECT = 'https://roi.example.com/notion/oauth_redirect';

let fake: FakeNotion | undefined;
let temp: TempStore | undefined;
const others: Store[] = [];
afterEach(async () => {
  for (const other of others.splice(0)) other.close();
  temp?.cleanup();
  temp = undefined;
  await fake?.close();
  fake = undefined;
});

/** Allows the integration in the fake's authorize form and exchanges the code, as the redirect page does. */
async function signIn(notion: FakeNotion, oauth: NotionOAuthConfig) {
  const form = new URLSearchParams({ client_id: CLIENT.clientId, redirect_uri: REDIRECT, decision: 'allow' });
  form.append('pages', notion.rootPageId);
  const answer = await fetch(`${notion.url}/v1/oauth/authorize`, { method: 'POST', body: form, redirect: 'manual' });
  const code = new URL(answer.headers.get('location') ?? '').searchParams.get('code') ?? '';
  return exchangeNotionCode(notion.url, oauth, code, createMemoryLogger().logger);
}

async function setUp() {
  fake = await startFakeNotion({ oauth: CLIENT, otherTokens: [] });
  const notion = fake;
  if (notion.oauth === null) throw new Error('no OAuth on the fake');
  notion.oauth.redirectUris = [REDIRECT];
  temp = openTempStore();
  const oauth: NotionOAuthConfig = { ...CLIENT, stateSecret: 'unused-state-secret-0123', redirectUri: REDIRECT };
  const grant = await signIn(notion, oauth);
  const databases = { leadsDb: 'l', spendDb: 's', targetsDb: 't' };
  const connection = { kind: 'oauth' as const, token: grant.accessToken, refreshToken: grant.refreshToken };
  const stored = { ...connection, botId: grant.botId, workspaceName: null, parentPageId: notion.rootPageId, databases };
  writeNotionConnection(temp.store, stored, { actorId: 'U0MANAGER', at: temp.clock() });
  const other = temp.openAnother();
  others.push(other);
  const { logger, lines } = createMemoryLogger();
  const instance = (store: Store) =>
    createNotionRenewal(
      { key: 'T0ONE', store, directory: store, oauth, apiUrl: notion.url, clock: temp?.clock ?? Date.now, log: logger },
      grant.accessToken,
    );
  return { notion, grant, first: instance(temp.store), second: instance(other), other, lines };
}

/** An internal integration's token, as a manager pastes it. */
const PASTED_TOKEN = 'ntn_PastedByAManager0123456789abcdef';

const refreshes = (notion: FakeNotion) => notion.stats.byRoute['oauth.token'] ?? 0;

it('refreshes once when both instances meet the 401 together; both get the new token, which Notion accepts', async () => {
  const { notion, grant, first, second, other, lines } = await setUp();
  notion.oauth?.expireAccessTokens();
  const before = refreshes(notion);
  const [a, b] = await Promise.all([first.renew(grant.accessToken), second.renew(grant.accessToken)]);
  expect(refreshes(notion) - before).toBe(1);
  expect(a).not.toBeNull();
  expect(a).not.toBe(grant.accessToken);
  expect(b).toBe(a);
  expect(first.current()).toBe(a);
  expect(second.current()).toBe(a);
  expect(notion.acceptsToken(a ?? '')).toBe(true);
  for (const store of [temp?.store, other]) {
    expect(store && readNotionConnection(store, createMemoryLogger().logger)?.token).toBe(a);
  }
  const rotated = notion.oauth?.grants()[0]?.refreshToken ?? '';
  for (const secret of [grant.accessToken, grant.refreshToken ?? '', a ?? '', rotated]) {
    expect(lines.filter((line) => line.includes(secret))).toEqual([]);
  }
});

it('takes the token another instance renewed already, without a refresh of its own', async () => {
  const { notion, grant, first, second } = await setUp();
  notion.oauth?.expireAccessTokens();
  const renewed = await first.renew(grant.accessToken);
  const before = refreshes(notion);
  expect(await second.renew(grant.accessToken)).toBe(renewed);
  expect(refreshes(notion)).toBe(before);
});

it('gives up on a revoked connection: nothing stored, and the next 401 is final at once', async () => {
  const { notion, grant, first, lines } = await setUp();
  notion.oauth?.revokeAll();
  expect(await first.renew(grant.accessToken)).toBeNull();
  expect(lines.some((line) => line.includes('Notion refused to renew the signed-in token'))).toBe(true);
  expect(temp && readNotionConnection(temp.store, createMemoryLogger().logger)?.token).toBe(grant.accessToken);
  const before = notion.stats.requests;
  expect(await first.renew(grant.accessToken)).toBeNull();
  expect(notion.stats.requests).toBe(before);
});

it('keeps a connection a manager stored while the renewal waited on Notion, and gives the renewed token back', async () => {
  const { notion, grant, first, lines } = await setUp();
  notion.oauth?.expireAccessTokens();
  const held = notion.faults.holdNext('oauth.token');
  const renewing = first.renew(grant.accessToken);
  await held.arrived;
  // Meanwhile a manager pastes an integration token in /roi settings (another instance, the same store).
  const databases = { leadsDb: 'l', spendDb: 's', targetsDb: 't' };
  const replacement = { kind: 'internal' as const, token: PASTED_TOKEN, parentPageId: notion.rootPageId, databases };
  if (temp) writeNotionConnection(temp.store, replacement, { actorId: 'U0MANAGER', at: temp.clock() });
  held.release();

  expect(await renewing).toBeNull();
  const stored = temp && readNotionConnection(temp.store, createMemoryLogger().logger);
  expect(stored?.token).toBe(replacement.token);
  const renewed = notion.oauth?.grants().find((g) => g.accessToken !== grant.accessToken);
  expect(renewed).toBeDefined();
  expect(notion.acceptsToken(renewed?.accessToken ?? '')).toBe(false);
  expect(lines.filter((line) => line.includes(renewed?.accessToken ?? '(none)'))).toEqual([]);
});
