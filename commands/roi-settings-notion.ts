// The Notion part of `/roi settings` (distribution mode): reads the token, page and disconnect fields, refuses bad
// shapes under their field before anything runs, then (after the modal's ack) runs the Notion setup with the new token
// and DMs the manager what it found. The connection is stored in the workspace's own store only when the setup
// succeeded; the workspace then reopens so its sync starts with it, and a sign-in it replaced is revoked.

import { extractNotionId } from '@notionhq/client';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { connectNotion, type NotionConnectOutcome } from '../src/notion/connect.js';
import { type ReplacedNotion, replaceNotionConnection } from '../src/notion-replace.js';
import type { AppDeps } from '../src/slack/deps.js';
import { buildNotionConnectReport, buildReplacedNote } from '../src/slack/views/notion-report.js';
import {
  NOTION_DISCONNECT_FIELD,
  NOTION_DISCONNECT_VALUE,
  NOTION_PAGE_FIELD,
  NOTION_SIGN_IN_FIELD,
  NOTION_SIGN_IN_VALUE,
  NOTION_TOKEN_FIELD,
  type NotionShown,
} from '../src/slack/views/notion-settings.js';
import {
  describeTokenEnd,
  NOTION_TOKEN_SHAPE,
  type NotionConnection,
  parseNotionConnection,
} from '../src/workspace-notion.js';

export type NotionRequest =
  | { kind: 'keep' }
  | { kind: 'disconnect' }
  | { kind: 'connect'; token: string; parentPageId: string }
  /** "Sign in with Notion": the modal turns into the link to Notion; the redirect does the rest. */
  | { kind: 'sign_in'; parentPageId: string };

type Checked = { ok: true; request: NotionRequest } | { ok: false; errors: Record<string, string> };

const fieldsSchema = z.record(
  z.string(),
  z
    .object({
      value: z
        .object({ value: z.string().nullish(), selected_options: z.array(z.object({ value: z.string() })).nullish() })
        .partial(),
    })
    .partial(),
);

export function buildNotionShown(connection: NotionConnection | null): NotionShown | null {
  if (connection === null) return null;
  const shown = { tokenEnd: describeTokenEnd(connection.token), parentPageId: connection.parentPageId };
  return connection.kind === 'oauth' ? { ...shown, signedIn: { workspaceName: connection.workspaceName } } : shown;
}

function readFields(values: unknown) {
  const parsed = fieldsSchema.safeParse(values);
  const fields = parsed.success ? parsed.data : {};
  const text = (name: string) => (fields[name]?.value?.value ?? '').trim();
  const ticked = (name: string, value: string) =>
    (fields[name]?.value?.selected_options ?? []).some((option) => option.value === value);
  return {
    token: text(NOTION_TOKEN_FIELD),
    page: text(NOTION_PAGE_FIELD),
    disconnect: ticked(NOTION_DISCONNECT_FIELD, NOTION_DISCONNECT_VALUE),
    signIn: ticked(NOTION_SIGN_IN_FIELD, NOTION_SIGN_IN_VALUE),
  };
}

/** "Sign in with Notion" ticked: a page is all it needs (the manager picks it again in Notion's page picker). */
function parseSignIn(
  fields: { token: string; disconnect: boolean },
  pageId: string | undefined,
  current: NotionConnection | null,
): Checked {
  if (fields.token !== '') {
    return { ok: false, errors: { [NOTION_SIGN_IN_FIELD]: 'Either sign in with Notion or give a token, not both.' } };
  }
  if (fields.disconnect) {
    return { ok: false, errors: { [NOTION_SIGN_IN_FIELD]: 'Either disconnect or sign in with Notion, not both.' } };
  }
  const parentPageId = pageId ?? current?.parentPageId;
  if (parentPageId === undefined) {
    return {
      ok: false,
      errors: { [NOTION_PAGE_FIELD]: 'Give the page the databases go under, to sign in with Notion.' },
    };
  }
  return { ok: true, request: { kind: 'sign_in', parentPageId } };
}

/** What the submitted Notion fields ask for, or the errors to show under them (shapes only: Notion is not asked). */
export function parseNotionRequest(values: unknown, current: NotionConnection | null, signInOffered = false): Checked {
  const { token, page, disconnect, signIn } = readFields(values);
  const errors: Record<string, string> = {};
  if (token !== '' && !NOTION_TOKEN_SHAPE.test(token)) {
    errors[NOTION_TOKEN_FIELD] =
      'This is not a Notion integration token: it starts with secret_ or ntn_, then letters and digits.';
  }
  const pageId = page === '' ? null : extractNotionId(page);
  if (page !== '' && pageId === null) {
    errors[NOTION_PAGE_FIELD] = 'This is not a Notion page link or id (its link ends with 32 letters and digits).';
  }
  if (disconnect && token !== '') errors[NOTION_DISCONNECT_FIELD] = 'Either disconnect or give a new token, not both.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (signIn && signInOffered) return parseSignIn({ token, disconnect }, pageId ?? undefined, current);
  if (disconnect) return { ok: true, request: current === null ? { kind: 'keep' } : { kind: 'disconnect' } };
  const newToken = token === '' ? current?.token : token;
  const parentPageId = pageId ?? current?.parentPageId;
  if (newToken === undefined && parentPageId === undefined) return { ok: true, request: { kind: 'keep' } };
  if (newToken === undefined) {
    return { ok: false, errors: { [NOTION_TOKEN_FIELD]: 'Give the integration token too, to connect Notion.' } };
  }
  if (parentPageId === undefined) {
    return { ok: false, errors: { [NOTION_PAGE_FIELD]: 'Give the page the databases go under, to connect Notion.' } };
  }
  if (token === '' && parentPageId === current?.parentPageId) return { ok: true, request: { kind: 'keep' } };
  if (token === '' && current?.kind === 'oauth') {
    // An OAuth token sees only the pages picked when signing in: another page needs another sign-in.
    const message = 'Notion shares pages when you sign in: tick "Sign in with Notion" to use another page.';
    return { ok: false, errors: { [NOTION_PAGE_FIELD]: message } };
  }
  return { ok: true, request: { kind: 'connect', token: newToken, parentPageId } };
}

/** Runs what the manager asked for after the ack, then DMs the outcome. */
export async function runNotionRequest(
  deps: AppDeps,
  request: NotionRequest,
  io: { client: WebClient; userId: string },
): Promise<void> {
  if (request.kind === 'keep' || request.kind === 'sign_in') return;
  const change = { actorId: io.userId, at: deps.clock() };
  let text: string;
  if (request.kind === 'disconnect') {
    const replaced = await replaceNotionConnection(deps, null, change);
    text =
      'Notion disconnected: this workspace no longer syncs to Notion. Its databases and rows stay in Notion.' +
      buildReplacedNote(replaced);
  } else {
    const outcome = await runConnect(deps, request);
    let replaced: ReplacedNotion = { kind: 'none' };
    if (outcome.ok) {
      const { token, parentPageId } = request;
      const connection = parseNotionConnection({ token, parentPageId, databases: outcome.ids });
      if (connection === null) throw new Error('The Notion setup returned without the required databases');
      replaced = await replaceNotionConnection(deps, connection, change);
    }
    const via = `token ending ${describeTokenEnd(request.token)}`;
    text = buildNotionConnectReport(outcome, { via, page: request.parentPageId }) + buildReplacedNote(replaced);
  }
  try {
    await io.client.chat.postMessage({ channel: io.userId, text });
  } catch (error) {
    deps.log.error('Could not DM the Notion connection outcome', { userId: io.userId, error });
  }
}

function runConnect(deps: AppDeps, request: { token: string; parentPageId: string }): Promise<NotionConnectOutcome> {
  // The new token is redacted from every line the setup logs, like the workspace's stored one.
  const log = deps.log.child({ component: 'notion-connect' }, [request.token]);
  const { apiUrl } = deps.config.notionApi;
  return connectNotion({ ...request, apiUrl, currency: deps.config.currency }, { log });
}
