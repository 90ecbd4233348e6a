// Distribution mode: how many workspaces' background jobs (a digest, a leak check, a Notion push or pull, the prompts)
// run at once in this process. Without a bound, 200 workspaces' Monday digests would each open a store and render
// charts together; one at a time, they take minutes while most of each waits on Slack. So at most `total` jobs run at
// once (WORKSPACE_JOB_CONCURRENCY), and at most `perWorkspace` of one workspace, so one busy workspace never takes
// every place. A job waits first for its workspace's place, then for the process's: a job queued behind its own
// workspace holds no place another workspace could use.

/** How many jobs of one workspace run at once: its digest beside its Notion push, the rest waiting behind them. */
export const JOBS_PER_WORKSPACE = 2;

export interface JobGate {
  /** Runs `work` once a place is free for it, first come first served. */
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** Jobs running now, by workspace key (for the log and the tests). */
  running(): ReadonlyMap<string, number>;
}

interface Places {
  take(): Promise<void>;
  give(): void;
}

function createPlaces(count: number): Places {
  let free = count;
  const waiting: (() => void)[] = [];
  return {
    take() {
      if (free > 0) {
        free -= 1;
        return Promise.resolve();
      }
      return new Promise((resolve) => waiting.push(resolve));
    },
    give() {
      // The place passes straight to the next in line, so a newcomer cannot overtake it.
      const next = waiting.shift();
      if (next === undefined) free += 1;
      else next();
    },
  };
}

export function createJobGate(limits: { total: number; perWorkspace?: number }): JobGate {
  const total = createPlaces(limits.total);
  const perWorkspace = limits.perWorkspace ?? JOBS_PER_WORKSPACE;
  const workspaces = new Map<string, { places: Places; users: number }>();
  const running = new Map<string, number>();

  const enter = (key: string) => {
    const known = workspaces.get(key);
    const entry = known ?? { places: createPlaces(perWorkspace), users: 0 };
    if (known === undefined) workspaces.set(key, entry);
    entry.users += 1;
    return entry;
  };

  const leave = (key: string, entry: { users: number }) => {
    entry.users -= 1;
    // Forgotten once idle: 10,000 installed workspaces keep no entry each between their jobs.
    if (entry.users === 0) workspaces.delete(key);
  };

  return {
    async run(key, work) {
      const entry = enter(key);
      try {
        await entry.places.take();
        try {
          await total.take();
          running.set(key, (running.get(key) ?? 0) + 1);
          try {
            return await work();
          } finally {
            const left = (running.get(key) ?? 1) - 1;
            if (left === 0) running.delete(key);
            else running.set(key, left);
            total.give();
          }
        } finally {
          entry.places.give();
        }
      } finally {
        leave(key, entry);
      }
    },
    running: () => running,
  };
}
