// Closed workspaces open two at a time per process, a request's before a background job's: a burst of commands from
// many closed workspaces must not open them all at once (each open holds the event loop in pieces, and ten opening
// together put ten pieces between two acks), and a Monday digest's open must not keep a person's answer waiting.

import { describe, expect, it } from 'vitest';
import { holdForRequest } from '../../src/background-turns.js';
import { createMemoryLogger } from '../../src/log.js';
import { createWorkspaceRegistry, type Installations, OPENS_AT_ONCE } from '../../src/workspace-registry.js';
import type { WorkspaceRuntime } from '../../src/workspace-runtime.js';

const log = createMemoryLogger().logger;

const installations: Installations = {
  isInstalled: async () => true,
  botTokenFor: async (key) => `xoxb-${key}`,
  installedKeys: async () => [],
};

/** A runtime with nothing to stop: the registry only opens, leases and closes it here. */
function idleRuntime(): WorkspaceRuntime {
  const stoppable = { stop: async () => {} };
  const store = { close: () => {}, closeAsync: async () => {} };
  return {
    deps: { log },
    quiesce: async () => {},
    shutdownParts: () => ({ schedule: stoppable, notion: null, store }),
  } as unknown as WorkspaceRuntime;
}

/** Opens that finish only when the test says so, recording the order they began in and how many ran at once. */
function controlledOpens() {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  let running = 0;
  let most = 0;
  const open = async (key: string) => {
    started.push(key);
    running += 1;
    most = Math.max(most, running);
    await new Promise<void>((resolve) => finish.set(key, resolve));
    running -= 1;
    return idleRuntime();
  };
  // An open starts on a background turn of its own (background-turns.ts): two turns of the loop.
  const settle = async () => {
    for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
  };
  return { open, started, finish, most: () => most, settle };
}

describe('opening closed workspaces', () => {
  it('opens two at a time, and a waiting request before a job that asked earlier', async () => {
    const opens = controlledOpens();
    const registry = createWorkspaceRegistry({ installations, open: opens.open, capacity: 8, log });
    const request = (key: string) =>
      registry.use(
        key,
        async () => key,
        () => {},
        `xoxb-${key}`,
      );
    const job = (key: string) => registry.use(key, async () => key);

    const served = [request('T0REQ1'), request('T0REQ2'), job('T0JOB'), request('T0REQ3'), request('T0REQ4')];
    await opens.settle();
    expect(OPENS_AT_ONCE).toBe(2);
    expect(opens.started).toEqual(['T0REQ1', 'T0REQ2']);

    opens.finish.get('T0REQ1')?.();
    await opens.settle();
    // The job asked before the last two requests, but a person is waiting on each of those.
    expect(opens.started).toEqual(['T0REQ1', 'T0REQ2', 'T0REQ3']);
    for (const key of ['T0REQ2', 'T0REQ3', 'T0REQ4']) {
      opens.finish.get(key)?.();
      await opens.settle();
    }
    expect(opens.started).toEqual(['T0REQ1', 'T0REQ2', 'T0REQ3', 'T0REQ4', 'T0JOB']);
    opens.finish.get('T0JOB')?.();

    const answers = await Promise.all(served);
    expect(answers.map((answer) => answer?.value)).toEqual(['T0REQ1', 'T0REQ2', 'T0JOB', 'T0REQ3', 'T0REQ4']);
    expect(opens.most()).toBe(2);
    await registry.stopAll();
  });

  it('serves a request from the token Bolt just read, without reading the installation again', async () => {
    const asked: string[] = [];
    const counting: Installations = {
      async isInstalled(key) {
        asked.push(`installed ${key}`);
        return true;
      },
      async botTokenFor(key) {
        asked.push(`token ${key}`);
        return `xoxb-${key}`;
      },
      installedKeys: async () => [],
    };
    const registry = createWorkspaceRegistry({
      installations: counting,
      open: async () => idleRuntime(),
      capacity: 2,
      log,
    });

    expect(
      await registry.use(
        'T0ONE',
        async () => 'served',
        () => {},
        'xoxb-T0ONE',
      ),
    ).toEqual({ value: 'served' });
    expect(asked).toEqual([]);
    // A job has no such token: it reads the installation (an uninstalled workspace's job is refused there).
    expect(await registry.use('T0TWO', async () => 'ran')).toEqual({ value: 'ran' });
    expect(asked).toEqual(['installed T0TWO', 'token T0TWO']);
    await registry.stopAll();
  });

  it('starts an open, and the close of the workspace it evicts, once the requests being read are acked', async () => {
    const started: string[] = [];
    const quiesced: string[] = [];
    const open = async (key: string) => {
      started.push(key);
      const runtime = idleRuntime();
      return Object.assign(runtime, { quiesce: async () => void quiesced.push(key) });
    };
    const registry = createWorkspaceRegistry({ installations, open, capacity: 1, log });
    expect(await registry.use('T0FIRST', async () => 'first')).toEqual({ value: 'first' });

    // A request has been read and waits for its ack while a command from another workspace opens that one.
    const release = holdForRequest();
    const second = registry.use(
      'T0SECOND',
      async () => 'second',
      () => {},
      'xoxb-T0SECOND',
    );
    for (let turn = 0; turn < 4; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(quiesced).toEqual([]);
    expect(started).toEqual(['T0FIRST']);

    release();
    expect(await second).toEqual({ value: 'second' });
    expect(quiesced).toEqual(['T0FIRST']);
    expect(started).toEqual(['T0FIRST', 'T0SECOND']);
    await registry.stopAll();
  });
});
