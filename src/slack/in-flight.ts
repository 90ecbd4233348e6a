// Work that must finish before the process exits: a handler still answering a rep, a digest half posted.
// Shutdown stops new work first, then waits here (with a deadline) for what is already running.

export interface InFlight {
  /** Counts `work` as running until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T>;
  size(): number;
  /** Resolves true once nothing runs, or false when `timeoutMs` passed first. */
  drain(timeoutMs: number): Promise<boolean>;
}

export function buildInFlight(): InFlight {
  const running = new Set<Promise<unknown>>();
  return {
    track(work) {
      const settled = work.then(
        () => undefined,
        () => undefined,
      );
      running.add(settled);
      void settled.then(() => running.delete(settled));
      return work;
    },
    size: () => running.size,
    async drain(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      // Work tracked while draining (a listener finishing calls another) is waited for too.
      while (running.size > 0) {
        const left = deadline - Date.now();
        if (left <= 0) return false;
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), left);
          timer.unref();
        });
        const outcome = await Promise.race([Promise.all([...running]), timeout]);
        clearTimeout(timer);
        if (outcome === 'timeout') return false;
      }
      return true;
    },
  };
}
