// Bolt and the Web API client log through this adapter, so their lines go through our logger: one JSON line each,
// with tokens and the signing secret redacted even when an SDK echoes a request.

import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../log.js';

const RANK: Record<LogLevel, number> = {
  [LogLevel.DEBUG]: 10,
  [LogLevel.INFO]: 20,
  [LogLevel.WARN]: 30,
  [LogLevel.ERROR]: 40,
};

/** SDKs log strings, objects and errors mixed; an Error keeps its name, message and code. */
function buildLine(parts: readonly unknown[]): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      if (part instanceof Error) {
        const code = (part as { code?: unknown }).code;
        return `${part.name}: ${part.message}${typeof code === 'string' ? ` (${code})` : ''}`;
      }
      try {
        return JSON.stringify(part);
      } catch {
        return String(part);
      }
    })
    .join(' ');
}

export function buildBoltLogger(log: Logger, initialLevel: LogLevel = LogLevel.INFO): BoltLogger {
  let level = initialLevel;
  let name = 'slack';
  const emit = (at: LogLevel, parts: unknown[]) => {
    if (RANK[at] < RANK[level]) return;
    log[at](buildLine(parts), { component: name });
  };
  return {
    debug: (...parts: unknown[]) => emit(LogLevel.DEBUG, parts),
    info: (...parts: unknown[]) => emit(LogLevel.INFO, parts),
    warn: (...parts: unknown[]) => emit(LogLevel.WARN, parts),
    error: (...parts: unknown[]) => emit(LogLevel.ERROR, parts),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next) => {
      name = next;
    },
  };
}
