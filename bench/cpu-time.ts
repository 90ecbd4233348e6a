// CPU time as /proc counts it (10 ms ticks): a process's own, and a local Postgres server's, the postmaster's with its
// reaped children's (backends that have ended) plus each live backend's. Linux only; null elsewhere.

import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

type Stat = { pid: number; ppid: number; comm: string; own: number; children: number };

function readStat(pid: string): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    // Fields after the name: state ppid … utime(12) stime(13) cutime(14) cstime(15), counted from state as 1.
    const at = (n: number) => Number(fields[n - 1]);
    return { pid: Number(pid), ppid: at(2), comm, own: at(12) + at(13), children: at(14) + at(15) };
  } catch {
    return null;
  }
}

/** Milliseconds of CPU every Postgres server process of this machine has used so far. */
export function postgresCpuMs(): number | null {
  const stats = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(readStat)
    .filter((stat): stat is Stat => stat !== null && stat.comm === 'postgres');
  if (stats.length === 0) return null;
  const pids = new Set(stats.map((stat) => stat.pid));
  let ticks = 0;
  for (const stat of stats) ticks += stat.own + (pids.has(stat.ppid) ? 0 : stat.children);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** Milliseconds of CPU a process has used so far (all its threads), or null once it is gone. */
export function processCpuMs(pid: number): number | null {
  const stat = readStat(String(pid));
  return stat === null ? null : (stat.own * 1000) / TICKS_PER_SECOND;
}

export type CpuReading = { atMs: number; postgres: number; instances: number[]; sender: number; bench: number };

/** Each part's CPU so far: Postgres, each instance, the load generator, and this process (the fake Slack). */
export function readCpu(apps: readonly { pid: number }[], sender: { pid: number }): CpuReading {
  const { user, system } = process.cpuUsage();
  return {
    atMs: performance.now(),
    postgres: postgresCpuMs() ?? 0,
    instances: apps.map((app) => processCpuMs(app.pid) ?? 0),
    sender: processCpuMs(sender.pid) ?? 0,
    bench: (user + system) / 1000,
  };
}

export function spentSince(before: CpuReading, after: CpuReading): CpuReading {
  return {
    atMs: after.atMs - before.atMs,
    postgres: after.postgres - before.postgres,
    instances: after.instances.map((ms, i) => ms - (before.instances[i] ?? 0)),
    sender: after.sender - before.sender,
    bench: after.bench - before.bench,
  };
}
