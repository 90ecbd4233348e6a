// One-line JSON logs with secrets scrubbed. Slack and Notion tokens have recognisable shapes, and the
// configured secrets are redacted by value too, so neither a thrown error nor an echoed request can leak one.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const TOKEN_PATTERNS: readonly RegExp[] = [
  /xox[abposre]-[A-Za-z0-9-]+/g,
  /xapp-[A-Za-z0-9-]+/g,
  /secret_[A-Za-z0-9]+/g,
  /ntn_[A-Za-z0-9]+/g,
  /Bearer\s+[A-Za-z0-9._-]+/gi,
];

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger adding `fields` to each line; `secrets` are redacted from its lines too (a workspace's own tokens). */
  child(fields: Record<string, unknown>, secrets?: readonly string[]): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Exact secret values to redact wherever they appear (signing secret, tokens). */
  secrets?: readonly (string | undefined)[];
  write?: (line: string) => void;
  clock?: () => number;
}

export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 6) out = out.split(secret).join('[redacted]');
  }
  for (const pattern of TOKEN_PATTERNS) out = out.replace(pattern, '[redacted]');
  return out;
}

function serialize(value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: value.message, ...(code === undefined ? {} : { code }) };
  }
  return value;
}

export function createLogger(options: LoggerOptions = {}, bound: Record<string, unknown> = {}): Logger {
  const threshold = LEVEL_RANK[options.level ?? 'info'];
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length > 0);
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const clock = options.clock ?? Date.now;

  const emit = (level: LogLevel, message: string, fields: Record<string, unknown> = {}) => {
    if (LEVEL_RANK[level] < threshold) return;
    const entries = Object.entries({ ...bound, ...fields }).map(([k, v]) => [k, serialize(v)]);
    const record = { time: new Date(clock()).toISOString(), level, msg: message, ...Object.fromEntries(entries) };
    write(redactSecrets(JSON.stringify(record), secrets));
  };

  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields, more = []) =>
      createLogger(more.length === 0 ? options : { ...options, secrets: [...secrets, ...more] }, {
        ...bound,
        ...fields,
      }),
  };
}

/** A logger that keeps lines in memory: tests read it to check what an admin would see. */
export function createMemoryLogger(level: LogLevel = 'debug', secrets: readonly string[] = []) {
  const lines: string[] = [];
  const logger = createLogger({ level, secrets, write: (line) => lines.push(line) });
  return { logger, lines };
}
