// api.notion.com for several Notion workspaces at once: one address (the app's single NOTION_API_URL) in front of
// several fakes, each its own Notion workspace with its own integration, pages, limits and faults. A request goes to
// the fake whose integration holds its token (or issued it by OAuth), the way Notion serves each integration only what
// is shared with it; a token no fake knows goes to the first, which refuses it like any unknown token.

import { createServer, request as sendRequest } from 'node:http';
import type { FakeNotion } from './index.js';

export interface FakeNotionFrontDoor {
  url: string;
  close(): Promise<void>;
}

export async function startFakeNotionFrontDoor(fakes: readonly FakeNotion[]): Promise<FakeNotionFrontDoor> {
  const [first] = fakes;
  if (first === undefined) throw new Error('The front door needs at least one fake Notion.');
  // OAuth requests carry the client's basic auth (or nothing, the authorize page): they go to the fake that has a
  // registered client, the way they reach Notion's one OAuth server.
  const owner = (authorization: string | undefined) => {
    const bearer = authorization?.startsWith('Bearer ') === true ? authorization.slice('Bearer '.length) : null;
    const found =
      bearer === null ? fakes.find((fake) => fake.oauth !== null) : fakes.find((fake) => fake.acceptsToken(bearer));
    return found ?? first;
  };
  const server = createServer((req, res) => {
    const target = new URL(req.url ?? '/', owner(req.headers.authorization).url);
    const upstream = sendRequest(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    // The fake dropped the connection (dropAfterCommit): the client sees the same.
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The front door has no TCP address.');
  return {
    url: `http://127.0.0.1:${address.port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
