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
}

// One agent for the whole run: connections stay open between bursts (as a busy workspace's traffic keeps them),
// and a request finding none free opens its own at once. fetch's pool opened new connections one after another
// here, so the first burst on cold connections measured the load generator rather than the app.
const agent = new Agent({ keepAlive: true, keepAliveMsecs: 1_000 });

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
    requests.map((request) => postOnce(request).catch(() => ({ took: Number.NaN, status: 0 }))),
  );
  return { samples: answers.map((a) => a.took), statuses: answers.map((a) => a.status) };
}

process.on('message', (requests: SignedRequest[]) => {
  sendBurst(requests).then(
    (result) => process.send?.(result),
    (error: unknown) => process.send?.({ error: String(error) }),
  );
});
