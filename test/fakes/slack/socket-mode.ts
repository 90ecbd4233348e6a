// Slack's side of Socket Mode: one-use tickets, hello, envelopes that wait for an ack, and refresh disconnects.

import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { isRecord } from './request-body.js';
import type { FakeSlackState } from './state.js';

export interface EnvelopeAnswer {
  acked: boolean;
  payload: Record<string, unknown>;
}

export interface SocketHub {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  sendEnvelope(type: string, payload: Record<string, unknown>): Promise<EnvelopeAnswer>;
  /** Resolves once `minConnections` connections were made in total and one of them is open. */
  waitForClient(minConnections?: number, timeoutMs?: number): Promise<void>;
  /** Asks every connected client to reconnect, as Slack does before recycling a server. */
  disconnect(): void;
  connectionCount(): number;
  close(): Promise<void>;
}

interface Pending {
  resolve: (answer: EnvelopeAnswer) => void;
  timer: NodeJS.Timeout;
}

export function buildSocketHub(state: FakeSlackState): SocketHub {
  const server = new WebSocketServer({ noServer: true });
  const open: WebSocket[] = [];
  const retiring = new Set<WebSocket>();
  const pending = new Map<string, Pending>();
  const waiters = new Set<() => void>();
  let connections = 0;

  function onMessage(data: unknown): void {
    let message: unknown;
    try {
      message = JSON.parse(String(data));
    } catch {
      return;
    }
    if (!isRecord(message) || typeof message.envelope_id !== 'string') return;
    const waiting = pending.get(message.envelope_id);
    if (waiting === undefined) return;
    pending.delete(message.envelope_id);
    clearTimeout(waiting.timer);
    waiting.resolve({ acked: true, payload: isRecord(message.payload) ? message.payload : {} });
  }

  function onConnection(ws: WebSocket): void {
    connections += 1;
    open.push(ws);
    ws.on('message', onMessage);
    ws.on('close', () => {
      const index = open.indexOf(ws);
      if (index !== -1) open.splice(index, 1);
      retiring.delete(ws);
    });
    const hello = {
      type: 'hello',
      num_connections: open.length,
      debug_info: { host: 'fake-slack', build_number: 1, approximate_connection_time: 18060 },
      connection_info: { app_id: state.options.appId },
    };
    ws.send(JSON.stringify(hello));
    for (const notify of waiters) notify();
  }

  return {
    handleUpgrade(req, socket, head) {
      const ticket = new URL(req.url ?? '/', 'http://fake.invalid').searchParams.get('ticket') ?? '';
      if (!state.socketTickets.delete(ticket)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
        return;
      }
      server.handleUpgrade(req, socket, head, onConnection);
    },

    sendEnvelope(type, payload) {
      const ws = open.filter((candidate) => !retiring.has(candidate)).at(-1);
      if (ws === undefined) return Promise.reject(new Error('no Socket Mode client is connected to the fake Slack'));
      const envelopeId = randomUUID();
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(envelopeId);
          state.unackedEnvelopes.push({ envelopeId, type, payload });
          resolve({ acked: false, payload: {} });
        }, state.options.ackTimeoutMs);
        pending.set(envelopeId, { resolve, timer });
        ws.send(JSON.stringify({ envelope_id: envelopeId, type, accepts_response_payload: true, payload }));
      });
    },

    waitForClient(minConnections = 1, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (connections < minConnections || open.length === 0) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${minConnections} Socket Mode connections, saw ${connections}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },

    disconnect() {
      for (const ws of open) {
        retiring.add(ws);
        ws.send(
          JSON.stringify({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'fake-slack' } }),
        );
      }
    },

    connectionCount: () => connections,

    close() {
      for (const { resolve, timer } of pending.values()) {
        clearTimeout(timer);
        resolve({ acked: false, payload: {} });
      }
      pending.clear();
      for (const ws of [...open]) ws.terminate();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
