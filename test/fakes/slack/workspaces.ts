// Slack as a distributed app sees it: one app (one signing secret, one app id) installed in several workspaces, each
// with its own bot token, channels and messages, and one Web API host for all of them that tells workspaces apart
// by the token of each call, as slack.com does. Each workspace is a fake Slack of its own; the front here forwards
// every Web API call to the workspace whose bot token it carries, and answers invalid_auth to any other token.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type FakeSlack, startFakeSlack } from './index.js';
import { readBody } from './request-body.js';
import { stopServer } from './server.js';
import type { FakeSlackOptions } from './types.js';

export interface FakeSlackWorkspaces {
  /** The one Web API URL every workspace's calls go to: 'http://127.0.0.1:PORT/api/' */
  apiUrl: string;
  /** Each workspace's fake, by team id. */
  teams: ReadonlyMap<string, FakeSlack>;
  team(teamId: string): FakeSlack;
  /** Bot tokens by team id, as an installation store would hold them. */
  botTokens: ReadonlyMap<string, string>;
  /** The app's HTTP address: every workspace delivers its commands and interactions there. */
  setAppUrl(url: string): void;
  close(): Promise<void>;
}

export function buildFakeBotToken(teamId: string): string {
  return `xoxb-${teamId.toLowerCase()}-fake`;
}

export async function startFakeSlackWorkspaces(
  teamIds: readonly string[],
  overrides: Partial<FakeSlackOptions> = {},
): Promise<FakeSlackWorkspaces> {
  const teams = new Map<string, FakeSlack>();
  const botTokens = new Map<string, string>();
  for (const teamId of teamIds) {
    const botToken = buildFakeBotToken(teamId);
    teams.set(teamId, await startFakeSlack({ ...overrides, teamId, botToken, teamDomain: teamId.toLowerCase() }));
    botTokens.set(teamId, botToken);
  }
  const byToken = new Map([...teams.values()].map((fake) => [fake.options.botToken, fake]));
  const server = createServer((req, res) => {
    forward(byToken, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(`fake slack front error: ${String(error)}`);
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    teams,
    team(teamId) {
      const fake = teams.get(teamId);
      if (fake === undefined) throw new Error(`no fake workspace ${teamId}`);
      return fake;
    },
    botTokens,
    setAppUrl(url) {
      for (const fake of teams.values()) fake.options.appUrl = url;
    },
    async close() {
      await stopServer(server as Server);
      await Promise.all([...teams.values()].map((fake) => fake.close()));
    },
  };
}

/** The token of a Web API call: the Authorization header the SDK sends, or a `token` form field. */
function readToken(req: IncomingMessage, body: Buffer): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length);
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) return new URLSearchParams(body.toString()).get('token');
  return null;
}

async function forward(byToken: Map<string, FakeSlack>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const token = readToken(req, body);
  const target = token === null ? undefined : byToken.get(token);
  if (target === undefined) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: false, error: token === null ? 'not_authed' : 'invalid_auth' }));
    return;
  }
  const url = new URL(req.url ?? '/', target.baseUrl);
  const headers = Object.fromEntries(
    Object.entries(req.headers).filter(([name, value]) => typeof value === 'string' && !HOP_HEADERS.has(name)),
  ) as Record<string, string>;
  const answer = await fetch(url, {
    method: req.method ?? 'POST',
    headers,
    ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
  });
  const answered = Buffer.from(await answer.arrayBuffer());
  res.writeHead(answer.status, Object.fromEntries([...answer.headers].filter(([name]) => !HOP_HEADERS.has(name))));
  res.end(answered);
}

const HOP_HEADERS = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'content-encoding',
]);
