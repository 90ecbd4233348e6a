// A period's job id is derived from its queue and period key, so every instance that asks for the same period names
// the same job: pg-boss inserts with ON CONFLICT DO NOTHING on (queue, id), and only the first ask creates it.

import { createHash } from 'node:crypto';

/** A stable UUID (version 8, "custom") for one period of one queue. */
export function buildPeriodJobId(queue: string, periodKey: string): string {
  const bytes = createHash('sha256').update(`${queue}\u0000${periodKey}`).digest().subarray(0, 16);
  // Version and variant bits make it a well-formed UUID; the remaining 122 bits are the hash.
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The key of the poll slot `now` falls in: one periodic pull per slot across all instances. */
export function buildSlotKey(now: number, everyMs: number): string {
  return `slot-${everyMs}-${Math.floor(now / everyMs)}`;
}
