// The Notion part of `/roi settings` (distribution mode): reads the token, page and disconnect fields, refuses bad
// shapes under their field before anything runs, then (after the modal's ack) runs the Notion setup with the new token
// and DMs the manager what it found. The connection is stored in the workspace's own store only when the setup
// succeeded; the workspace then reopens so its sync starts with it.

import { extractNotionId } from '@notionhq/client';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { connectNotion, type NotionConnectOutcome } from '../src/notion/connect.js';
import type { AppDeps } from '../src/slack/deps.js';
import { buildNotionConnectReport } from '../src/slack/views/notion-report.js';
import {
  NOTION_DISCONNECT_FIELD,
  NOTION_DISCONNECT_VALUE,
  NOTION_PAGE_FIELD,
  NOTION_TOKEN_FIELD,
  type NotionShown,
} from '../src/slack/views/notion-settings.js';
import {
  describeTokenEnd,
  NOTION_TOKEN_SHAPE,
  type NotionConnection,
  parseNotionConnection,
  writeNotionConnection,
} from '../src/workspace-notion.js';

export type NotionRequest =
  | { kind: 'keep' }
  | { kind: 'disconnect' }
  | { kind: 'connect'; token: string; parentPageId: string };

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
  return connection === null
    ? null
    : { tokenEnd: describeTokenEnd(connection.token), parentPageId: connection.parentPageId };
}

function readFields(values: unknown) {
  const parsed = fieldsSchema.safeParse(values);
  const fields = parsed.success ? parsed.data : {};
  const text = (name: string) => (fields[name]?.value?.value ?? '').trim();
  const ticked = fields[NOTION_DISCONNECT_FIELD]?.value?.selected_options ?? [];
  return {
    token: text(NOTION_TOKEN_FIELD),
    page: text(NOTION_PAGE_FIELD),
    disconnect: ticked.some((option) => option.value === NOTION_DISCONNECT_VALUE),
  };
}

/** What the submitted Notion fields ask for, or the errors to show under them (shapes only: Notion is not asked). */
export function parseNotionRequest(values: unknown, current: NotionConnection | null): Checked {
  const { token, page, disconnect } = readFields(values);
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
  return { ok: true, request: { kind: 'connect', token: newToken, parentPageId } };
}

/** Runs what the manager asked for after the ack, then DMs the outcome. */
export async function runNotionRequest(
  deps: AppDeps,
  request: NotionRequest,
  io: { client: WebClient; userId: string },
): Promise<void> {
  if (request.kind === 'keep') return;
  const change = { actorId: io.userId, at: deps.clock() };
  let text: string;
  if (request.kind === 'disconnect') {
    writeNotionConnection(deps.services.store, null, change);
    deps.workspace?.reopen();
    text = 'Notion disconnected: this workspace no longer syncs to Notion. Its databases and rows stay in Notion.';
  } else {
    const outcome = await runConnect(deps, request);
    if (outcome.ok) {
      const connection = parseNotionConnection({ ...request, databases: outcome.ids });
      if (connection === null) throw new Error('The Notion setup returned without the required databases');
      writeNotionConnection(deps.services.store, connection, change);
      deps.workspace?.reopen();
    }
    text = buildNotionConnectReport(outcome, { tokenEnd: describeTokenEnd(request.token), page: request.parentPageId });
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
