// The thread that talks to Postgres for every PostgresDatabase of the process (postgres.ts). The main thread posts one
// request and sleeps on a shared flag; this thread runs it on that database's own connection, posts the answer and
// raises the flag. One request at a time, so each connection's transaction state is its database's. Plain
// JavaScript: a worker thread runs it as it is under tsx, vitest and node alike. Message shapes: pg-protocol.ts.
//
// A closed database's connection is kept a little while, its session reset, for the next database opened on the same
// server: each new connection costs Postgres a process and its catalogs read afresh (17 ms of its CPU on this
// machine, against 0.3 ms for the reset and the settings), and in distribution mode workspaces open and close several
// times a second.

import { workerData } from 'node:worker_threads';

const { flag, port, earlyPort } = workerData;
/** Per connection id: its settings, and its client once connected. */
const connections = new Map();
let pg = null;

async function loadDriver() {
  if (pg) return pg;
  pg = (await import('pg')).default;
  // Epoch milliseconds and counts are BIGINT: numbers, exact up to 2^53, as SQLite hands them over.
  pg.types.setTypeParser(pg.types.builtins.INT8, Number);
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, Number);
  return pg;
}

/**
 * How many closed connections are kept, and for how long. A burst of commands from closed workspaces opens about ten
 * per instance within a second while as many close: with four kept, half the opens still made a connection of their
 * own (578 new connections during the tenants benchmark's mixed load; 178 with eight; 2,485 on the build before,
 * which kept none and opened a second connection for each first read).
 */
const KEPT_AT_MOST = 8;
const KEPT_FOR_MS = 10_000;
/**
 * Connections kept after their database closed, oldest first: the server they reach, their timer, and whether their
 * session reset went through (an open may take one while the reset is still under way, and waits for it).
 */
const kept = [];

async function connect(id) {
  const connection = connections.get(id);
  if (!connection) throw new Error('This connection is closed');
  if (connection.client) return connection.client;
  const settings = Object.entries(connection.settings).map(([name, value]) => `SET ${name} = '${value}';`);
  if (connection.schema !== null) {
    settings.push(`CREATE SCHEMA IF NOT EXISTS "${connection.schema}";`, `SET search_path TO "${connection.schema}";`);
  }
  const applySettings = async (client) => {
    try {
      await client.query(settings.join('\n'));
      return client;
    } catch (error) {
      endQuietly(client);
      throw error;
    }
  };
  const reused = await takeKept(connection.url);
  let client;
  try {
    client = await applySettings(reused ?? (await openClient(connection.url)));
  } catch (error) {
    // A kept connection the server dropped meanwhile is replaced by a new one, once.
    if (reused === null) throw error;
    client = await applySettings(await openClient(connection.url));
  }
  client.owner = connection;
  connection.client = client;
  return client;
}

async function openClient(url) {
  const driver = await loadDriver();
  const client = new driver.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // A dropped connection fails the request in flight; the next request opens a new one. A kept one is let go.
  client.on('error', () => {
    if (client.owner?.client === client) client.owner.client = null;
    forget(client);
  });
  await client.connect();
  return client;
}

/** A kept connection to this server whose reset went through, or null. */
async function takeKept(url) {
  for (;;) {
    const entry = unkeep(kept.find((each) => each.url === url));
    if (entry === undefined) return null;
    if (await entry.ready) return entry.client;
  }
}

/** Takes an entry off the kept list and stops its timer; the entry, or undefined. */
function unkeep(entry) {
  const at = kept.indexOf(entry);
  if (at === -1) return undefined;
  kept.splice(at, 1);
  clearTimeout(entry.timer);
  return entry;
}

function forget(client) {
  unkeep(kept.find((entry) => entry.client === client));
}

/** Ends a kept connection once its reset has settled (ending one mid-reset would only fail the reset). */
function endKept(entry) {
  return entry.ready.then(() => endQuietly(entry.client));
}

function endQuietly(client) {
  return client.end().catch(() => {});
}

/**
 * Keeps a closed database's connection for the next open, its session reset (settings, search path, locks, prepared
 * statements). Postgres refuses the reset inside a transaction: a connection left in one is ended instead.
 */
async function release(connection) {
  const client = connection.client;
  if (!client) return;
  client.owner = null;
  const entry = { url: connection.url, client, ready: resetSession(client), timer: undefined };
  entry.timer = setTimeout(() => {
    unkeep(entry);
    endKept(entry);
  }, KEPT_FOR_MS);
  kept.push(entry);
  while (kept.length > KEPT_AT_MOST) endKept(unkeep(kept[0]));
  await entry.ready;
}

async function resetSession(client) {
  try {
    // Apart: Postgres runs a string of several statements as one transaction, where DISCARD is refused.
    await client.query('DISCARD ALL');
    await client.query("SET application_name = 'roi-runway kept'");
    return true;
  } catch {
    forget(client);
    await endQuietly(client);
    return false;
  }
}

const EMPTY = { ok: true, rows: [], fields: [], rowCount: 0 };

async function answer(request) {
  if (request.op === 'open') {
    connections.set(request.id, { url: request.url, schema: request.schema, settings: request.settings, client: null });
    let client;
    try {
      client = await connect(request.id);
    } catch (error) {
      connections.delete(request.id);
      throw error;
    }
    if (request.probe === undefined) return EMPTY;
    try {
      return rowsOf(await client.query({ text: request.probe, rowMode: 'array' }));
    } catch (error) {
      return { ...EMPTY, probeError: { message: error?.message ?? String(error), code: error?.code } };
    }
  }
  if (request.op === 'close') {
    const connection = connections.get(request.id);
    connections.delete(request.id);
    if (connection) await release(connection);
    return EMPTY;
  }
  if (request.op === 'end-kept') {
    await Promise.all([...kept].map((entry) => endKept(unkeep(entry))));
    return EMPTY;
  }
  const client = await connect(request.id);
  if (request.op === 'exec') {
    await client.query(request.text);
    return EMPTY;
  }
  return rowsOf(await client.query({ text: request.text, values: request.values, rowMode: 'array' }));
}

function rowsOf(result) {
  return {
    ok: true,
    rows: result.rows,
    fields: result.fields.map((field) => field.name),
    rowCount: result.rowCount ?? 0,
  };
}

function describe(error) {
  const { message, code, detail } = error ?? {};
  return { ok: false, error: { message: message ?? String(error), code, detail } };
}

/**
 * Per connection, the next request to start (its `order`), those that came before their turn, and the last one
 * started. A connection's requests run one after another in the order its database sent them, whichever port brought
 * them: a read awaited on the early port and a BEGIN slept on just after may arrive the other way round, and the read
 * must not run inside that transaction.
 */
const turns = new Map();

function inTurn(request, start) {
  if (request.op === 'open') turns.set(request.id, { next: 1, early: new Map(), last: Promise.resolve() });
  const turn = turns.get(request.id);
  // A connection this thread never opened (the thread was restarted) fails at once: its earlier requests are gone.
  if (request.order === undefined || turn === undefined) return start();
  turn.early.set(request.order, { start, closes: request.op === 'close' });
  for (let next = turn.early.get(turn.next); next !== undefined; next = turn.early.get(turn.next)) {
    turn.early.delete(turn.next);
    turn.next += 1;
    if (next.closes) turns.delete(request.id);
    // Each starts once the one before has been answered: pg's client queues a query sent during another only with a
    // deprecation warning (and pg 9 will refuse it).
    turn.last = turn.last.then(next.start);
  }
}

port.on('message', (request) => {
  inTurn(request, () =>
    answer(request)
      .catch(describe)
      .then((reply) => {
        port.postMessage({ ...reply, seq: request.seq });
        Atomics.store(flag, 0, 1);
        Atomics.notify(flag, 0);
      }),
  );
});

// Requests whose answer the main thread awaits (connections opened ahead, preconnectPostgres, and statements it does
// not wait for): no flag is raised; the requests on `port` go on meanwhile.
earlyPort.on('message', (request) => {
  inTurn(request, () =>
    answer(request)
      .catch(describe)
      .then((reply) => earlyPort.postMessage({ ...reply, seq: request.seq })),
  );
});
