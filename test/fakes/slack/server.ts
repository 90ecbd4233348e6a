// One HTTP server on 127.0.0.1 plays every Slack host: the Web API, the upload host, response_urls and the
// Socket Mode endpoint (upgraded on /socket).

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleUploadRequest } from './files.js';
import { handleAuthorizeDecision, handleAuthorizePage } from './oauth.js';
import { readBody } from './request-body.js';
import { handleResponseUrlPost } from './response-urls.js';
import type { SocketHub } from './socket-mode.js';
import type { FakeSlackState } from './state.js';
import { handleWebApiRequest } from './web-api.js';

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

async function route(state: FakeSlackState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', state.baseUrl);
  const [area, ...rest] = url.pathname.split('/').filter((part) => part !== '');
  if (area === 'api' && rest.length === 1 && rest[0] !== undefined) {
    await handleWebApiRequest(state, rest[0], req, res, url.searchParams);
    return;
  }
  if (url.pathname === '/oauth/v2/authorize') {
    if (req.method === 'GET') handleAuthorizePage(state, url.searchParams, res);
    else if (req.method === 'POST') await handleAuthorizeDecision(state, req, res);
    else sendText(res, 405, 'method_not_allowed');
    return;
  }
  if (req.method !== 'POST') {
    sendText(res, 405, 'method_not_allowed');
    return;
  }
  if (area === 'upload' && rest[0] === 'v1' && rest[1] !== undefined) {
    const answer = await handleUploadRequest(state, rest[1], await readBody(req), req.headers['content-type']);
    sendText(res, answer.status, answer.text);
    return;
  }
  if (area === 'commands' && rest[1] !== undefined) {
    const answer = handleResponseUrlPost(state, rest[1], await readBody(req), req.headers['content-type']);
    await state.holds.get('response_url');
    sendText(res, answer.status, answer.text);
    return;
  }
  sendText(res, 404, 'not_found');
}

export async function startServer(state: FakeSlackState, hub: SocketHub): Promise<Server> {
  const server = createServer((req, res) => {
    route(state, req, res).catch((error: unknown) => {
      // A bug in the fake should fail the test loudly, not hang it.
      if (!res.headersSent) sendText(res, 500, `fake slack error: ${String(error)}`);
      else res.end();
    });
  });
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://fake.invalid').pathname === '/socket') hub.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake Slack is not listening on TCP');
  state.baseUrl = `http://127.0.0.1:${address.port}/`;
  return server;
}

export function stopServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
