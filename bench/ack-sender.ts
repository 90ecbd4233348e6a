// The sending side of the ack benchmark, in a process of its own. The fake Slack in the main thread also
// receives the app's response_url posts; if the same thread sent the commands and timed them, each reply it
// handled would be counted against the app's ack. Here a burst's signed requests come in, go out all at once,
// and the time until each HTTP answer goes back.

import { Agent, request as httpRequest } from 'node:http';
import type { SignedRequest } from '../test/fakes/slack/index.js';

export interface BurstResult {
  /** Milliseconds from sending to the whole answer, per request, in the order given (NaN: no answer). */
  samples: number[];
  statuses: number[];
  /** Why a request got no answer (its status is 0), for the report; null for the answered ones. */
  errors: (string | null)[];
}

// One agent for the whole run: connections stay open between bursts (as a busy workspace's traffic keeps them),
// and a request finding none free opens its own at once. fetch's pool opened new connections one after another
// here, so the first burst on cold connections measured the load generator rather than the app.
// A free connection is closed after 4 s idle, before the app's server would close it (Node's keepAliveTimeout, 5 s):
// a request sent on a connection the server is closing at that moment is reset without ever reaching the app.
const agent = new Agent({ keepAlive: true, keepAliveMsecs: 1_000, timeout: 4_000 });

function postOnce({ url, body, headers }: SignedRequest): Promise<{ took: number; status: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) }, timeout: 10_000 },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ took: performance.now() - started, status: response.statusCode ?? 0 }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer from ${url} within 10 s`)));
    request.on('error', reject);
    request.end(body);
  });
}

/** A request that got no answer (a reset connection, a timeout) has status 0: the burst's others still count. */
async function sendBurst(requests: readonly SignedRequest[]): Promise<BurstResult> {
  const answers = await Promise.all(
    requests.map((request) =>
      postOnce(request).then(
        (answer) => ({ ...answer, error: null }),
        (error: unknown) => ({ took: Number.NaN, status: 0, error: describeFailure(error) }),
      ),
    ),
  );
  return {
    samples: answers.map((a) => a.took),
    statuses: answers.map((a) => a.status),
    errors: answers.map((a) => a.error),
  };
}

function describeFailure(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

process.on('message', (requests: SignedRequest[]) => {
  sendBurst(requests).then(
    (result) => process.send?.(result),
    (error: unknown) => process.send?.({ error: String(error) }),
  );
});
