// The process's bound on background jobs (src/workspace-job-gate.ts): at most `total` at once, at most two of one
// workspace, first come first served, and a job queued behind its own workspace holds no place another could use.

import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createJobGate } from '../../src/workspace-job-gate.js';

/** A job that runs until the test ends it, recording when it started. */
function buildJobs() {
  const started: string[] = [];
  const enders = new Map<string, () => void>();
  const job = (name: string) => () =>
    new Promise<string>((resolve) => {
      started.push(name);
      enders.set(name, () => resolve(name));
    });
  const end = async (name: string) => {
    enders.get(name)!();
    for (let i = 0; i < 5; i += 1) await nextTurn();
  };
  return { started, job, end };
}

describe('the background job gate', () => {
  it('runs at most `total` jobs at once, the waiting ones in arrival order', async () => {
    const gate = createJobGate({ total: 2 });
    const { started, job, end } = buildJobs();
    const runs = ['A1', 'B1', 'C1', 'D1'].map((name) => gate.run(name.slice(0, 1), job(name)));
    await nextTurn();
    expect(started).toEqual(['A1', 'B1']);

    await end('B1');
    expect(started).toEqual(['A1', 'B1', 'C1']);
    await end('A1');
    await end('C1');
    await end('D1');
    expect(await Promise.all(runs)).toEqual(['A1', 'B1', 'C1', 'D1']);
    expect(gate.running().size).toBe(0);
  });

  it("holds a workspace's third job without holding up another workspace's", async () => {
    const gate = createJobGate({ total: 3, perWorkspace: 2 });
    const { started, job, end } = buildJobs();
    const runs = ['A1', 'A2', 'A3', 'B1'].map((name) => gate.run(name.slice(0, 1), job(name)));
    await nextTurn();
    // A3 waits for A's own places and takes none of the process's: B1 runs beside A1 and A2.
    expect(started).toEqual(['A1', 'A2', 'B1']);
    expect(Object.fromEntries(gate.running())).toEqual({ A: 2, B: 1 });

    await end('A2');
    expect(started).toEqual(['A1', 'A2', 'B1', 'A3']);
    for (const name of ['A1', 'A3', 'B1']) await end(name);
    await Promise.all(runs);
  });

  it('gives the place back when a job fails', async () => {
    const gate = createJobGate({ total: 1 });
    await expect(gate.run('A', () => Promise.reject(new Error('Slack refused')))).rejects.toThrow('Slack refused');
    expect(await gate.run('A', async () => 'next')).toBe('next');
  });
});
