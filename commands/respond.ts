// The one way handlers answer after ack(): do the work, reply through the response_url, and turn any failure into a
// reply that says so (a person never meets silence) while the log gets the details.

import type { RespondFn } from '@slack/bolt';
import { backgroundTurn } from '../src/background-turns.js';
import type { Steps } from '../src/domain/steps.js';
import type { AppDeps } from '../src/slack/deps.js';
import { STILL_WORKING_MESSAGE } from '../src/slack/one-per-person.js';
import { buildErrorReply, buildNoticeReply, type Reply } from '../src/slack/views/reply.js';
import { isStoreBusy } from '../src/store/sql/database.js';

export interface ReplyOptions {
  /** Replace the message the clicked button sat on (a question answered, a confirmation updated). */
  replaceOriginal?: boolean;
  inChannel?: boolean;
}

export interface WorkContext {
  /** What was being done, for the log: '/lead', 'lead_continue', … */
  what: string;
  userId: string;
}

// Work starts one piece per turn of the event loop, in arrival order. Callbacks queued with setImmediate in one turn
// all run back to back, so twenty commands acked together would otherwise run twenty pieces of work in a row while
// the next requests wait unread on the socket. Chaining each turn to the one before gives the loop a chance to read
// (and ack) new requests between any two pieces. A piece also waits while a request read is still to be acked
// (background-turns.ts): every step of an ack (its installation read, its routing) would otherwise queue behind one.
let lastTurn: Promise<void> = Promise.resolve();

/**
 * Resolves on a later turn of the event loop, after every earlier caller has had its own turn. Work done
 * synchronously right after it therefore never runs in the same turn as another handler's work; long work can take
 * several turns (await this again between its phases) so that acks are never queued behind all of it.
 */
export function takeTurn(): Promise<void> {
  const turn = lastTurn.then(() => backgroundTurn());
  lastTurn = turn;
  return turn;
}

/**
 * Work of a turn before a computation done in steps lets the event loop run again. Accepting a connection, reading
 * a request and acking it take a turn each, so a long run of work would hold up an ack several times over.
 */
const TURN_BUDGET_MS = 4;

/** Runs a computation done in steps (src/domain/steps.ts), a few milliseconds of them per turn. */
export async function runInTurns<T>(steps: Steps<T>): Promise<T> {
  let turnStarted = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - turnStarted < TURN_BUDGET_MS) continue;
    await takeTurn();
    turnStarted = performance.now();
  }
}

export const FAILURE_MESSAGE =
  'Something went wrong on my side and I could not finish that. The details are logged; please try again in a moment.';

/** Another process held the store's write lock past the busy timeout: the change was not made, and a retry works. */
export const STORE_BUSY_MESSAGE =
  'The data store was busy with another process for a moment, so nothing was changed. Please try again.';

export async function sendReply(respond: RespondFn, reply: Reply, options: ReplyOptions = {}): Promise<void> {
  await respond({
    response_type: options.inChannel ? 'in_channel' : 'ephemeral',
    replace_original: options.replaceOriginal ?? false,
    text: reply.text,
    blocks: reply.blocks,
  });
}

/**
 * Marks the person busy until the returned function is called (one-per-person.ts), or, while their previous command
 * is still being worked out, tells them so and answers null: then nothing is to be done for this one.
 */
export async function enterCommand(
  deps: AppDeps,
  respond: RespondFn,
  context: WorkContext,
): Promise<(() => void) | null> {
  const leave = deps.commandGate === undefined ? () => {} : deps.commandGate.enter(context.userId);
  if (leave !== null) return leave;
  deps.log.info('Refused a command while the same person has one running', { ...context });
  try {
    await sendReply(respond, buildNoticeReply(STILL_WORKING_MESSAGE));
  } catch (error) {
    deps.log.error('Reply to Slack failed', { ...context, error });
  }
  return null;
}

/**
 * Runs `work` (which answers with a reply, or null when it answered another way, e.g. by opening a modal) and
 * sends the reply. Failures are logged with their context and answered with a short apology. A person whose
 * previous command is still being worked out gets "still working" instead, and `work` does not run.
 */
export async function runAndReply(
  deps: AppDeps,
  respond: RespondFn,
  context: WorkContext,
  work: () => Promise<Reply | null> | Reply | null,
  options: ReplyOptions = {},
): Promise<void> {
  const leave = await enterCommand(deps, respond, context);
  if (leave === null) return;
  let reply: Reply | null;
  try {
    // The work is synchronous CPU (metrics over the whole store). Waiting for a turn lets the ack leave and lets the
    // requests already waiting on the socket be read and acked first, so a burst of commands is acked in
    // milliseconds and only the answers queue behind the work.
    await takeTurn();
    reply = await work();
  } catch (error) {
    deps.log.error('Command failed', { ...context, error });
    reply = buildErrorReply(isStoreBusy(error) ? STORE_BUSY_MESSAGE : FAILURE_MESSAGE);
  } finally {
    leave();
  }
  if (reply === null) return;
  try {
    await sendReply(respond, reply, options);
  } catch (error) {
    deps.log.error('Reply to Slack failed', { ...context, error });
  }
}
