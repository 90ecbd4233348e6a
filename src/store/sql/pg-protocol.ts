// The messages between the PostgresDatabases of a process and their thread (pg-worker.mjs).

import type { MessagePort } from 'node:worker_threads';

export interface WorkerData {
  /** 0 while a request is out, 1 once its answer is on the port. */
  flag: Int32Array;
  port: MessagePort;
  /** Requests answered on this port without the flag: the main thread awaits them instead of sleeping. */
  earlyPort: MessagePort;
}

/**
 * A request to a connection after its open carries `order`, counted per connection from 1: the thread starts them in
 * that order whichever port they came by.
 */
export type Request =
  | {
      op: 'open';
      id: number;
      url: string;
      schema: string | null;
      settings: Readonly<Record<string, string>>;
      /** A read made right after connecting, its rows the answer's (a failed one answers `probeError`). */
      probe?: string;
    }
  | { op: 'query'; id: number; text: string; values: unknown[]; order: number }
  | { op: 'exec'; id: number; text: string; order: number }
  | { op: 'close'; id: number; order: number }
  /** Ends the connections kept after their databases closed (the process stops). */
  | { op: 'end-kept' };

export type Reply =
  | {
      ok: true;
      rows: unknown[][];
      fields: string[];
      rowCount: number;
      probeError?: { message: string; code?: string };
    }
  | { ok: false; error: { message: string; code?: string; detail?: string } };
