// One command in flight per person. A rep who sends `/funnel all` five times while the first is still being worked
// out would otherwise queue five copies of the work, and everyone else's answers would wait behind them: the second
// command gets a short "still working" instead, and nothing is done for it.
//
// A person is busy from the moment their command or click arrives until its work is done; sending the answer does
// not count, so a button clicked on that very answer is never refused. Slash commands and the buttons under the
// bot's replies count (they go through commands/respond.ts). Opening the "Log a lead" form from the shortcut, its
// type-ahead and its submission do not, and are never refused: Slack gives them three seconds, and they do little.

export const STILL_WORKING_MESSAGE =
  ':hourglass_flowing_sand: I am still working on your last one, so I did not run this. Send it again once that answer is in.';

/** Work running longer than this (a Slack call retrying) stops holding its person back. */
export const HOLD_MAX_MS = 60_000;

export interface PersonGate {
  /** Marks the person busy and answers the function that frees them; null while they are busy already. */
  enter(personId: string): (() => void) | null;
}

export function createPersonGate(now: () => number = Date.now): PersonGate {
  const busy = new Map<string, { since: number }>();
  return {
    enter(personId) {
      const earlier = busy.get(personId);
      if (earlier !== undefined && now() - earlier.since < HOLD_MAX_MS) return null;
      const mark = { since: now() };
      busy.set(personId, mark);
      return () => {
        // Work that outlived HOLD_MAX_MS may have been followed by another: only its own mark is taken away.
        if (busy.get(personId) === mark) busy.delete(personId);
      };
    },
  };
}
