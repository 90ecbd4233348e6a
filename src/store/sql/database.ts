// The part of a SQL connection the store uses: better-sqlite3's synchronous API, which a better-sqlite3 Database has
// as it is and PostgresDatabase (postgres.ts) gives over Postgres. The store's code and SQL are written once for
// both; the few places where the engines differ ask `isPostgres`.

export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

export interface SqlStatement<P extends unknown[] = unknown[], R = unknown> {
  run(...params: P): RunResult;
  get(...params: P): R | undefined;
  all(...params: P): R[];
  iterate(...params: P): IterableIterator<R>;
  /** Rows as arrays of column values instead of objects. */
  raw(toggle?: boolean): this;
  /** Only the first column's value. */
  pluck(toggle?: boolean): this;
  /** Integers as bigint (SQLite); Postgres's are exact numbers up to 2^53 either way. */
  safeIntegers(toggle?: boolean): this;
}

// biome-ignore lint/suspicious/noExplicitAny: the same shape as better-sqlite3's own transaction typing.
type AnyFunction = (...args: any[]) => unknown;

type ArgumentsOf<F extends AnyFunction> = F extends (...args: infer A) => unknown ? A : never;

export interface SqlTransaction<F extends AnyFunction> {
  (...args: ArgumentsOf<F>): ReturnType<F>;
  deferred(...args: ArgumentsOf<F>): ReturnType<F>;
  immediate(...args: ArgumentsOf<F>): ReturnType<F>;
}

export interface SqlDatabase {
  readonly open: boolean;
  readonly inTransaction: boolean;
  // biome-ignore lint/complexity/noBannedTypes: better-sqlite3's signature, so its Database is one of these as it is.
  prepare<P extends unknown[] | {} = unknown[], R = unknown>(
    source: string,
  ): P extends unknown[] ? SqlStatement<P, R> : SqlStatement<[P], R>;
  transaction<F extends AnyFunction>(fn: F): SqlTransaction<F>;
  exec(source: string): this;
  close(): this;
}

/** A connection to Postgres rather than SQLite. */
export interface PostgresConnection extends SqlDatabase {
  readonly engine: 'postgres';
  /** This process's name in `store_changes`: what another instance committed is what has another origin. */
  readonly origin: string;
  /**
   * Runs `work` in a read-only snapshot that takes no writer lock: a whole read (a second at 100k leads) must not
   * hold up every instance's commands. Inside another transaction it is just part of it.
   */
  readSnapshot<T>(work: () => T): T;
  /**
   * One statement whose answer is awaited with the event loop free (rows as objects by column), for the small reads
   * and writes of an open and of a request's authorization: each sync round trip holds every other request of the
   * process. Outside a transaction only (read-async.ts falls back to the sync call inside one).
   */
  queryAsync(
    source: string,
    params: readonly unknown[],
    shape?: 'object' | 'array',
  ): Promise<{ rows: unknown[]; changes: number }>;
}

export function isPostgres(db: SqlDatabase): db is PostgresConnection {
  return (db as Partial<PostgresConnection>).engine === 'postgres';
}

/** A unique or primary key already held: the same meaning on both engines. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

/**
 * Another writer holds the store and did not let go in time: SQLite's busy or locked, Postgres's lock timeout or a
 * deadlock it broke by cancelling us. Worth trying again shortly; nothing was written.
 */
export function isStoreBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === '55P03' || code === '40P01';
}
