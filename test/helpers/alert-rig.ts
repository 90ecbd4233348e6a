// The real app (buildRuntime) with its hourly leak check, on simulated time: Date and the timers node-schedule uses
// are faked, I/O (the fake Slack over HTTP, SQLite) is real. A test moves the clock to the next hour, lets the check
// fire, then waits in real time — the clock standing still — until the check has run to its end.

import { vi } from 'vitest';
import { type FakeSlack, type RecordedMessage, startFakeSlack } from '../fakes/slack/index.js';
import { startTestApp, type TestApp } from './app-harness.js';

export const ALERT_CHANNEL = 'C0GENERAL';
const HOUR = 3_600_000;

// Captured before any test fakes the timers: waiting for real I/O must not move the simulated clock.
const realSetTimeout = globalThis.setTimeout;

export async function waitInRealTime(condition: () => boolean, what: string): Promise<void> {
  const giveUpAt = performance.now() + 20_000;
  while (!condition()) {
    if (performance.now() > giveUpAt) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => realSetTimeout(resolve, 10));
  }
}

/** Fakes Date and the timers from `instant` on, then starts a fake Slack without rate limits (its clock stands still). */
export async function startAlertSlack(instant: number): Promise<FakeSlack> {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], shouldAdvanceTime: false });
  vi.setSystemTime(instant);
  return startFakeSlack({ rateLimits: {} });
}

/** Waits until a check that began at `instant` has run to its end (its posts made, or failed). */
export async function waitForCheck(app: TestApp, instant: number): Promise<void> {
  await waitInRealTime(
    () => app.services.alerts.lastCheckedAt(ALERT_CHANNEL) === instant,
    `the leak check of ${new Date(instant).toISOString()}`,
  );
}

/**
 * Starts the app on `dataDir` at the simulated now, with the hourly leak check scheduled as in production, and waits
 * for its check at start.
 */
export async function startAlertApp(
  slack: FakeSlack,
  dataDir: string,
  seed?: (app: Pick<TestApp, 'services'>) => void,
): Promise<TestApp> {
  const app = await startTestApp({
    mode: 'http',
    slack,
    clock: () => Date.now(),
    env: { DATA_DIR: dataDir },
    scheduleAlerts: true,
    seed: seed === undefined ? undefined : (_leads, services) => seed({ services }),
  });
  await waitForCheck(app, Date.now());
  return app;
}

async function fireAndWait(app: TestApp, instant: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(instant - 1 - Date.now());
  vi.advanceTimersByTime(1);
  await waitForCheck(app, instant);
}

/**
 * Moves the simulated clock to `instant`, firing and waiting for every hourly check on the way, then for the check
 * due at `instant` (an hour's start, or a retry). A check due while another runs joins it, so none is skipped over.
 */
export async function checkAt(app: TestApp, instant: number): Promise<void> {
  for (let hour = Math.floor(Date.now() / HOUR) * HOUR + HOUR; hour < instant; hour += HOUR) {
    await fireAndWait(app, hour);
  }
  await fireAndWait(app, instant);
}

/** Hourly checks from `from` to `to`, both included. */
export async function checkHourly(app: TestApp, from: number, to: number): Promise<void> {
  for (let instant = from; instant <= to; instant += HOUR) await checkAt(app, instant);
}

/** What the bot posted to the alert channel (not ephemeral answers). */
export function listChannelPosts(slack: FakeSlack): RecordedMessage[] {
  return slack.messages.filter((message) => message.kind === 'chat.postMessage' && message.channel === ALERT_CHANNEL);
}

/** The plain text of every section and context of a message, joined: what a reader sees. */
export function readBlockText(message: RecordedMessage | undefined): string {
  return (message?.blocks ?? [])
    .flatMap((block) => {
      const { text, elements } = block as { text?: { text?: string }; elements?: { text?: unknown }[] };
      const parts = [text?.text, ...(elements ?? []).map((element) => element.text)];
      return parts.flatMap((part) => {
        if (typeof part === 'string') return [part];
        const nested = (part as { text?: unknown } | undefined)?.text;
        return typeof nested === 'string' ? [nested] : [];
      });
    })
    .join('\n');
}
