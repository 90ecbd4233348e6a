// Postgres behind the store's synchronous SQL API. A worker thread holds the connection (pg-worker.ts); each call
// posts its request and waits on a shared flag, then takes the answer off the port synchronously. The event loop
// waits for the round trip, exactly as it waits for SQLite's disk and for busy_timeout: the store's code, its one
// transaction per command and its caches stay the same on both engines. A transaction takes one advisory lock per
// store at BEGIN, so writers queue as they do on SQLite, across every instance sharing the database.

import { randomUUID } from 'node:crypto';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { PostgresConnection, RunResult, SqlStatement, SqlTransaction } from './database.js';
import { endBulkReadPools } from './pg-bulk-read.js';
import type { Reply, Request, WorkerData } from './pg-protocol.js';
import { translatePlaceholders } from './placeholders.js';

export interface PostgresOptions {
  url: string;
  /** Tables in this schema instead of `public` (tests give each store its own). */
  schema?: string;
  /** How long a transaction waits for another instance's writer: SQLite's busy_timeout. */
  lockTimeoutMs?: number;
}

/** A query that runs longer is cancelled; the wait for its answer gives up a little after. */
const STATEMENT_TIMEOUT_MS = 30_000;
const ANSWER_WAIT_MS = STATEMENT_TIMEOUT_MS + 5_000;

export class PostgresError extends Error {
  readonly code: string | undefined;
  readonly detail: string | undefined;
  constructor(message: string, code?: string, detail?: string) {
    super(message);
    this.name = 'PostgresError';
    this.code = code;
    this.detail = detail;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: as in database.ts.
type AnyFunction = (...args: any[]) => unknown;

/**
 * The process's one thread for Postgres, started with the first connection: a thread costs a few hundred
 * milliseconds to start and load the driver, a connection on it tens.
 */
interface Channel {
  worker: Worker;
  port: MessagePort;
  flag: Int32Array;
  nextId: number;
  broken: boolean;
  /** Requests whose answers are awaited, not slept on (connections opened ahead: preconnectPostgres). */
  early: EarlyPort;
  /** Connections opened ahead and not yet taken, by what they were opened for (connectionKey). */
  parked: Map<string, Parked[]>;
}

/** A connection opened ahead, with the answer to the read made as it opened, if one was asked for. */
interface Parked {
  id: number;
  probe: { sql: string; reply: Extract<Reply, { ok: true }> } | null;
}

interface EarlyPort {
  port: MessagePort;
  waiting: Map<number, (reply: Reply) => void>;
}

let channel: Channel | null = null;
/** The number each request carries, which its answer repeats. */
let lastSeq = 0;

function openChannel(): Channel {
  if (channel && !channel.broken) return channel;
  const { port1, port2 } = new MessageChannel();
  const early = new MessageChannel();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const data: WorkerData = { flag, port: port2, earlyPort: early.port2 };
  const worker = new Worker(new URL('./pg-worker.mjs', import.meta.url), {
    workerData: data,
    transferList: [port2, early.port2],
  });
  // The thread holds no work of its own between requests: it must not keep the process alive.
  worker.unref();
  port1.unref();
  const waiting = new Map<number, (reply: Reply) => void>();
  early.port1.on('message', (reply: Reply & { seq: number }) => {
    waiting.get(reply.seq)?.(reply);
    waiting.delete(reply.seq);
    if (waiting.size === 0) early.port1.unref();
  });
  early.port1.unref();
  const earlyPort = { port: early.port1, waiting };
  channel = { worker, port: port1, flag, nextId: 1, broken: false, early: earlyPort, parked: new Map() };
  return channel;
}

/** A connection's settings, the same for one opened ahead and one opened by its PostgresDatabase. */
function connectionSettings(options: PostgresOptions): Record<string, string> {
  return {
    statement_timeout: String(STATEMENT_TIMEOUT_MS),
    lock_timeout: String(options.lockTimeoutMs ?? 2_000),
    idle_in_transaction_session_timeout: '60000',
    application_name: 'roi-runway',
  };
}

function connectionKey(options: PostgresOptions): string {
  return JSON.stringify([options.url, options.schema ?? null, connectionSettings(options)]);
}

/**
 * Opens the connection a PostgresDatabase with these options will take, without holding the event loop: connecting
 * (TCP, authentication, the session's settings, the schema) is the longest round trip of an open, 15-20 ms on a busy
 * machine, while the requests of every other workspace wait. The next PostgresDatabase made with the same options
 * takes it instead of connecting itself.
 */
export async function preconnectPostgres(options: PostgresOptions, probe?: string): Promise<void> {
  const current = openChannel();
  const id = current.nextId;
  current.nextId += 1;
  const settings = connectionSettings(options);
  const open = { op: 'open' as const, id, url: options.url, schema: options.schema ?? null, settings };
  const reply = await sendEarly(probe === undefined ? open : { ...open, probe });
  if (!reply.ok) throw new PostgresError(reply.error.message, reply.error.code, reply.error.detail);
  if (channel !== current || current.broken) return;
  const key = connectionKey(options);
  const parked: Parked = { id, probe: probe === undefined ? null : { sql: probe, reply } };
  current.parked.set(key, [...(current.parked.get(key) ?? []), parked]);
}

/**
 * Gives the thread up (a request went unanswered): the next request starts another. Requests awaited on its early
 * port are answered with the failure, or an open waiting for its connection would wait forever.
 */
function breakChannel(current: Channel): void {
  current.broken = true;
  void current.worker.terminate();
  const failure: Reply = { ok: false, error: { message: 'The Postgres thread was restarted; try again' } };
  for (const answer of current.early.waiting.values()) answer(failure);
  current.early.waiting.clear();
  current.early.port.close();
}

/**
 * Ends the connections the thread keeps after their databases closed (pg-worker.mjs), and the big reads' own
 * (pg-bulk-read.ts): at a stop, so the server sees none of this process's connections left. Each would end by itself
 * within seconds anyway.
 */
export async function endKeptPostgres(): Promise<void> {
  await endBulkReadPools();
  if (channel === null || channel.broken) return;
  await sendEarly({ op: 'end-kept' });
}

/** Posts a request on the thread's early port and awaits its answer, the event loop free meanwhile. */
function sendEarly(request: Request): Promise<Reply> {
  const { early } = openChannel();
  lastSeq += 1;
  const seq = lastSeq;
  const answered = new Promise<Reply>((resolve) => early.waiting.set(seq, resolve));
  // Referenced while an answer is awaited, so the process waits for it.
  early.port.ref();
  early.port.postMessage({ ...request, seq });
  return answered;
}

/** A connection opened ahead for these options, taken off the shelf; null when there is none. */
function takeParked(current: Channel, options: PostgresOptions): Parked | null {
  const key = connectionKey(options);
  const waiting = current.parked.get(key);
  const parked = waiting?.shift();
  if (waiting?.length === 0) current.parked.delete(key);
  return parked ?? null;
}

/**
 * How often, and how long in all, this process's main thread has waited for Postgres (benchmarks read it: every wait
 * holds every other request of the process).
 */
export const postgresWaits = { count: 0, ms: 0 };

/**
 * Sends one request and waits for its answer. Each request carries a number its answer repeats: an answer that is
 * not yet on the port when the flag rises is waited for a little, and one left over from an earlier request (which
 * cannot happen unless a wait was cut short) is dropped rather than taken for this one's.
 */
function send(request: Request): Extract<Reply, { ok: true }> {
  const began = performance.now();
  try {
    return sendAndWait(request);
  } finally {
    postgresWaits.count += 1;
    postgresWaits.ms += performance.now() - began;
  }
}

function sendAndWait(request: Request): Extract<Reply, { ok: true }> {
  const current = openChannel();
  lastSeq += 1;
  const seq = lastSeq;
  Atomics.store(current.flag, 0, 0);
  current.port.postMessage({ ...request, seq });
  const giveUpAt = performance.now() + ANSWER_WAIT_MS;
  for (;;) {
    const left = giveUpAt - performance.now();
    if (left <= 0 || Atomics.wait(current.flag, 0, 0, left) === 'timed-out') {
      breakChannel(current);
      throw new PostgresError(`Postgres did not answer within ${ANSWER_WAIT_MS / 1000} s; the connection is closed`);
    }
    const reply = receiveMessageOnPort(current.port)?.message as (Reply & { seq: number }) | undefined;
    if (reply === undefined) {
      // Raised, but the answer is not readable yet: look again shortly.
      Atomics.wait(current.flag, 0, 1, 1);
      continue;
    }
    if (reply.seq !== seq) continue;
    if (!reply.ok) throw new PostgresError(reply.error.message, reply.error.code, reply.error.detail);
    return reply;
  }
}

export class PostgresDatabase implements PostgresConnection {
  readonly engine = 'postgres' as const;
  readonly origin = randomUUID();
  readonly schema: string | null;
  /** For a second, asynchronous connection (pg-bulk-read.ts); never logged. */
  readonly url: string;
  private readonly id: number;
  private readonly lockKey: number;
  private depth = 0;
  private closed = false;
  private probe: Parked['probe'] = null;
  /** Requests sent on this connection since its open. */
  private sent = 0;

  constructor(options: PostgresOptions) {
    this.schema = options.schema ?? null;
    this.url = options.url;
    this.lockKey = hashKey(`roi-runway:${this.schema ?? 'public'}`);
    const current = openChannel();
    const parked = takeParked(current, options);
    if (parked !== null) {
      this.id = parked.id;
      this.probe = parked.probe;
      return;
    }
    this.id = current.nextId;
    current.nextId += 1;
    send({ op: 'open', id: this.id, url: options.url, schema: this.schema, settings: connectionSettings(options) });
  }

  /**
   * The answer to `sql` read as the connection opened ahead (preconnectPostgres), taken once: its rows, or the error
   * Postgres gave. Undefined when it was not asked, or already taken.
   */
  takeProbe(sql: string): { rows: unknown[][] } | PostgresError | undefined {
    const probe = this.probe;
    if (probe === null || probe.sql !== sql) return undefined;
    this.probe = null;
    const failed = probe.reply.probeError;
    return failed === undefined ? { rows: probe.reply.rows } : new PostgresError(failed.message, failed.code);
  }

  get open(): boolean {
    return !this.closed;
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  call(request: { op: 'query'; text: string; values: unknown[] } | { op: 'exec'; text: string }) {
    if (this.closed) throw new PostgresError('The store is closed');
    return send({ ...request, id: this.id, order: this.nextOrder() });
  }

  /** The number the thread starts this connection's next request by (pg-worker.mjs's turns). */
  private nextOrder(): number {
    this.sent += 1;
    return this.sent;
  }

  // biome-ignore lint/complexity/noBannedTypes: the signature SqlDatabase copies from better-sqlite3.
  prepare<P extends unknown[] | {} = unknown[], R = unknown>(
    source: string,
  ): P extends unknown[] ? SqlStatement<P, R> : SqlStatement<[P], R> {
    return new PostgresStatement(this, source) as never;
  }

  exec(source: string): this {
    this.call({ op: 'exec', text: source });
    return this;
  }

  transaction<F extends AnyFunction>(fn: F): SqlTransaction<F> {
    const run = (args: unknown[]) => this.runInTransaction(() => fn(...args)) as ReturnType<F>;
    const once = (...args: unknown[]) => run(args);
    return Object.assign(once, { deferred: once, immediate: once }) as unknown as SqlTransaction<F>;
  }

  close(): this {
    if (this.closed) return this;
    this.closed = true;
    send({ op: 'close', id: this.id, order: this.nextOrder() });
    return this;
  }

  /**
   * Closes without holding the event loop: ending a connection is a round trip of 5-20 ms on a busy machine, and an
   * evicted workspace's store closes while other workspaces' requests wait.
   */
  async closeAsync(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const reply = await sendEarly({ op: 'close', id: this.id, order: this.nextOrder() });
    if (!reply.ok) throw new PostgresError(reply.error.message, reply.error.code, reply.error.detail);
  }

  /** Rows as objects by column, or (`array`) as arrays of column values, as the synchronous calls shape them. */
  async queryAsync(
    source: string,
    params: readonly unknown[],
    shape: 'object' | 'array' = 'object',
  ): Promise<{ rows: unknown[]; changes: number }> {
    if (this.closed) throw new PostgresError('The store is closed');
    // The thread keeps this connection's requests in order: one sent now would run inside the open transaction.
    if (this.depth > 0) throw new PostgresError('An awaited statement cannot run inside a transaction');
    return new PostgresStatement(this, source).raw(shape === 'array').runAsync(params);
  }

  /** Sends on the early port: the answer is awaited, not slept on. */
  async callAsync(request: { op: 'query'; text: string; values: unknown[] }) {
    if (this.closed) throw new PostgresError('The store is closed');
    const reply = await sendEarly({ ...request, id: this.id, order: this.nextOrder() });
    if (!reply.ok) throw new PostgresError(reply.error.message, reply.error.code, reply.error.detail);
    return reply;
  }

  readSnapshot<T>(work: () => T): T {
    if (this.depth > 0) return work();
    return this.runFramed('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', work, 'COMMIT', 'ROLLBACK');
  }

  private runInTransaction<T>(work: () => T): T {
    if (this.depth > 0) {
      const savepoint = `s${this.depth}`;
      const rollback = `ROLLBACK TO SAVEPOINT ${savepoint}; RELEASE SAVEPOINT ${savepoint}`;
      return this.runFramed(`SAVEPOINT ${savepoint}`, work, `RELEASE SAVEPOINT ${savepoint}`, rollback);
    }
    // BEGIN and the writer lock in one round trip (the key is our own number).
    return this.runFramed(`BEGIN; SELECT pg_advisory_xact_lock(${this.lockKey})`, work, 'COMMIT', 'ROLLBACK');
  }

  /**
   * Opens a level with `begin` (a transaction that failed to open, e.g. a lock timeout, is rolled back before the error
   * goes up), runs `work` one level deeper, then ends it with `commit`, or with `rollback` when `work` throws.
   */
  private runFramed<T>(begin: string, work: () => T, commit: string, rollback: string): T {
    try {
      this.exec(begin);
    } catch (error) {
      if (this.depth === 0) this.exec('ROLLBACK');
      throw error;
    }
    this.depth += 1;
    let result: T;
    try {
      result = work();
      if (result instanceof Promise) throw new TypeError('Transaction function cannot return a promise');
    } catch (error) {
      this.depth -= 1;
      this.exec(rollback);
      throw error;
    }
    this.depth -= 1;
    this.exec(commit);
    return result;
  }
}

class PostgresStatement {
  private readonly text: string;
  private readonly names: readonly string[];
  private rawRows = false;
  private plucked = false;

  constructor(
    private readonly db: PostgresDatabase,
    source: string,
  ) {
    const translated = translatePlaceholders(source);
    this.text = translated.text;
    this.names = translated.names;
  }

  raw(toggle = true): this {
    this.rawRows = toggle;
    return this;
  }

  pluck(toggle = true): this {
    this.plucked = toggle;
    return this;
  }

  safeIntegers(): this {
    return this;
  }

  run(...params: unknown[]): RunResult {
    const reply = this.query(params);
    const first = reply.rows[0]?.[0];
    return { changes: reply.rowCount, lastInsertRowid: typeof first === 'number' ? first : 0 };
  }

  get(...params: unknown[]): unknown {
    const reply = this.query(params);
    const row = reply.rows[0];
    return row === undefined ? undefined : this.shape(row, reply.fields);
  }

  all(...params: unknown[]): unknown[] {
    const reply = this.query(params);
    return reply.rows.map((row) => this.shape(row, reply.fields));
  }

  iterate(...params: unknown[]): IterableIterator<unknown> {
    return this.all(...params)[Symbol.iterator]();
  }

  /** The statement run with the event loop free: its rows, shaped as all() shapes them, and how many it changed. */
  async runAsync(params: readonly unknown[]): Promise<{ rows: unknown[]; changes: number }> {
    const reply = await this.db.callAsync({ op: 'query', text: this.text, values: this.bind([...params]) });
    return { rows: reply.rows.map((row) => this.shape(row, reply.fields)), changes: reply.rowCount };
  }

  private query(params: unknown[]) {
    return this.db.call({ op: 'query', text: this.text, values: this.bind(params) });
  }

  private bind(params: unknown[]): unknown[] {
    const only = params[0];
    if (this.names.length === 0) return params.map(toPostgresValue);
    const named = (params.length === 1 && typeof only === 'object' && only !== null ? only : {}) as Record<
      string,
      unknown
    >;
    return this.names.map((name) => toPostgresValue(named[name]));
  }

  private shape(row: unknown[], fields: readonly string[]): unknown {
    if (this.plucked) return row[0];
    if (this.rawRows) return row;
    const object: Record<string, unknown> = {};
    for (let i = 0; i < fields.length; i += 1) object[fields[i]!] = row[i];
    return object;
  }
}

/** What better-sqlite3 binds, as pg sends it: undefined is NULL, bigint its digits. */
function toPostgresValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** A stable 31-bit number for an advisory lock name. */
function hashKey(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i += 1) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash & 0x7fffffff;
}
