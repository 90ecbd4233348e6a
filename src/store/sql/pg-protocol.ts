// The messages between the PostgresDatabases of a process and their thread (pg-worker.mjs).

import type { MessagePort } from 'node:worker_threads';

export interface WorkerData {
  /** 0 while a request is out, 1 once its answer is on the port. */
  flag: Int32Array;
  port: MessagePort;
  /** Requests answered on this port without the flag: the main thread awaits them instead of sleeping. */
  earlyPort: MessagePort;
}

export type Request =
  | { op: 'open'; id: number; url: string; schema: string | null; settings: Readonly<Record<string, string>> }
  | { op: 'query'; id: number; text: string; values: unknown[] }
  | { op: 'exec'; id: number; text: string }
  | { op: 'close'; id: number };

export type Reply =
  | { ok: true; rows: unknown[][]; fields: string[]; rowCount: number }
  | { ok: false; error: { message: string; code?: string; detail?: string } };
