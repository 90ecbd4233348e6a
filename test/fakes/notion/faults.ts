export type OutageStatus = 500 | 502 | 503 | 504;

/** Failures a test can switch on. Times (`until`) are on the fake's clock: `fake.advance()` ends a window. */
export interface FakeNotionFaults {
  /** Every request fails with `status` until the fake clock reaches `until` (or until `up()` with `true`). */
  down(until: number | true, status?: OutageStatus): void;
  up(): void;
  /** Writes (optionally of one route, e.g. 'pages.update') answer 409 conflict_error until `until`. */
  conflictWindow(until: number | true, route?: string): void;
  /**
   * Notion is overloaded: every request answers 529 service_overload until the fake clock reaches `until`, with
   * Retry-After `retryAfterSeconds` (default: the seconds left, or 30 with `true`). Nothing is performed.
   */
  overload(until: number | true, retryAfterSeconds?: number): void;
  /**
   * Notion rate-limits this integration: every request answers 429 rate_limited until the fake clock reaches `until`,
   * with Retry-After `retryAfterSeconds` (default: the seconds left, or 30 with `true`). Nothing is performed.
   */
  rateLimit(until: number | true, retryAfterSeconds?: number): void;
  /** Delays every answer by `ms` real milliseconds (the write itself happens at once); 0 turns it off. */
  slow(ms: number): void;
  /** The next `n` matching requests are performed, then their socket is destroyed without an answer. */
  dropAfterCommit(n: number, route?: string): void;
  /** The next `n` matching requests answer `status` with this error code instead of being performed. */
  failNext(n: number, status: number, code: string, route?: string): void;
  /**
   * The next request of `route` is performed at once, its answer made then, and sent only at `release()`: an answer
   * slow on the network, which reaches the client after writes Notion took later. `arrived` settles when it came.
   */
  holdNext(route: string): HeldAnswer;
  reset(): void;
}

export interface HeldAnswer {
  arrived: Promise<void>;
  release(): void;
}

export interface FaultAnswer {
  status: number;
  code: string;
  message: string;
  /** A 502 comes from Notion's edge as an HTML page, which the SDK reports as UnknownHTTPResponseError. */
  html: boolean;
  retryAfterSeconds?: number;
}

export interface FaultController extends FakeNotionFaults {
  detectOutage(now: number): FaultAnswer | null;
  detectOverload(now: number): FaultAnswer | null;
  detectRateLimited(now: number): FaultAnswer | null;
  detectInjected(route: string): FaultAnswer | null;
  detectConflict(route: string, write: boolean, now: number): FaultAnswer | null;
  takeDrop(route: string): boolean;
  /** The wait before sending a held answer of this route, or null when none is held. */
  takeHold(route: string): Promise<void> | null;
  delayMs(): number;
}

const OUTAGE_ANSWERS: Record<OutageStatus, Omit<FaultAnswer, 'status'>> = {
  500: { code: 'internal_server_error', message: 'Unexpected error occurred.', html: false },
  502: { code: 'bad_gateway', message: '<html><body><h1>502 Bad Gateway</h1></body></html>', html: true },
  503: { code: 'service_unavailable', message: 'Notion is unavailable, please try again later.', html: false },
  504: { code: 'gateway_timeout', message: 'Notion timed out while processing the request.', html: false },
};

const OVERLOAD_MESSAGE = 'Notion is temporarily overloaded. Please try again later.';
const OVERLOAD_DEFAULT_SECONDS = 30;
const RATE_LIMITED_MESSAGE = 'You have been rate limited. Please try again in a few minutes.';

type Window = { until: number | true; retryAfterSeconds: number | undefined };

/** The Retry-After of a window: as asked, else the seconds left in it. */
function retryAfterOf(window: Window, now: number): number {
  const left = window.until === true ? OVERLOAD_DEFAULT_SECONDS : Math.ceil((window.until - now) / 1000);
  return window.retryAfterSeconds ?? Math.max(1, left);
}

interface Counted {
  left: number;
  route: string | undefined;
}

export function buildFaults(): FaultController {
  let outage: { until: number | true; status: OutageStatus } | null = null;
  let conflict: { until: number | true; route: string | undefined } | null = null;
  let overload: Window | null = null;
  let rateLimited: Window | null = null;
  let delay = 0;
  let drops: Counted = { left: 0, route: undefined };
  let injected: Counted & { status: number; code: string } = { left: 0, route: undefined, status: 500, code: '' };
  let hold: { route: string; arrive: () => void; released: Promise<void> } | null = null;
  const active = (until: number | true, now: number) => until === true || now < until;
  const takeOne = (counted: Counted, route: string) => {
    if (counted.left <= 0 || (counted.route !== undefined && counted.route !== route)) return false;
    counted.left -= 1;
    return true;
  };
  return {
    down: (until, status = 503) => {
      outage = { until, status };
    },
    up: () => {
      outage = null;
    },
    conflictWindow: (until, route) => {
      conflict = { until, route };
    },
    overload: (until, retryAfterSeconds) => {
      overload = { until, retryAfterSeconds };
    },
    rateLimit: (until, retryAfterSeconds) => {
      rateLimited = { until, retryAfterSeconds };
    },
    slow: (ms) => {
      delay = ms;
    },
    dropAfterCommit: (n, route) => {
      drops = { left: n, route };
    },
    failNext: (n, status, code, route) => {
      injected = { left: n, route, status, code };
    },
    holdNext: (route) => {
      let arrive = () => {};
      let release = () => {};
      const arrived = new Promise<void>((resolve) => {
        arrive = resolve;
      });
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      hold = { route, arrive, released };
      return { arrived, release };
    },
    reset() {
      hold = null;
      outage = null;
      conflict = null;
      overload = null;
      rateLimited = null;
      delay = 0;
      drops = { left: 0, route: undefined };
      injected = { ...injected, left: 0 };
    },
    detectOutage: (now) =>
      outage && active(outage.until, now) ? { status: outage.status, ...OUTAGE_ANSWERS[outage.status] } : null,
    detectOverload: (now) => {
      if (overload === null || !active(overload.until, now)) return null;
      const retryAfterSeconds = retryAfterOf(overload, now);
      return { status: 529, code: 'service_overload', message: OVERLOAD_MESSAGE, html: false, retryAfterSeconds };
    },
    detectRateLimited: (now) => {
      if (rateLimited === null || !active(rateLimited.until, now)) return null;
      const retryAfterSeconds = retryAfterOf(rateLimited, now);
      return { status: 429, code: 'rate_limited', message: RATE_LIMITED_MESSAGE, html: false, retryAfterSeconds };
    },
    detectInjected: (route) =>
      takeOne(injected, route)
        ? { status: injected.status, code: injected.code, message: `Injected failure (${injected.code}).`, html: false }
        : null,
    detectConflict: (route, write, now) =>
      write && conflict && active(conflict.until, now) && (conflict.route === undefined || conflict.route === route)
        ? {
            status: 409,
            code: 'conflict_error',
            message: 'Conflict occurred while saving. Please try again.',
            html: false,
          }
        : null,
    takeDrop: (route) => takeOne(drops, route),
    takeHold: (route) => {
      if (hold === null || hold.route !== route) return null;
      const { arrive, released } = hold;
      hold = null;
      arrive();
      return released;
    },
    delayMs: () => delay,
  };
}
