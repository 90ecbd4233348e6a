// Reads a .env file into process.env before the configuration is parsed, the way `node --env-file` would: a variable
// already in the real environment keeps its value. Node's own loader (`process.loadEnvFile`, Node 20.12+) does the
// reading, because `--env-file` cannot be told "only if it exists" on Node 20. Node's parser accepts anything, though
// (a line without `=` silently becomes part of the next key), so each line is checked first and a bad one is named
// by file and line. The line's text is never repeated: it may hold a secret.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const DEFAULT_ENV_FILE = '.env';

const ASSIGNMENT = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=(.*)$/;
const QUOTES = ['"', "'", '`'];

/** Problems of a .env text, one per bad line, naming the file and the line's number (from 1). */
export function checkEnvText(text: string, fileName: string): string[] {
  const lines = text.split(/\r?\n/);
  const problems: string[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const match = ASSIGNMENT.exec(line);
    if (match === null) {
      problems.push(
        `${fileName} line ${index + 1}: expected NAME=value (letters, digits and _ in the name) or a # comment`,
      );
      continue;
    }
    const closedAt = findClosingLine(lines, index, (match[1] ?? '').trimStart());
    if (closedAt === null) {
      problems.push(`${fileName} line ${index + 1}: the value's opening quote is never closed`);
      break;
    }
    index = closedAt;
  }
  return problems;
}

/** A quoted value may span lines: the index of the line holding its closing quote, or null if none does. */
function findClosingLine(lines: readonly string[], start: number, value: string): number | null {
  const quote = QUOTES.find((q) => value.startsWith(q));
  if (quote === undefined || value.indexOf(quote, 1) > 0) return start;
  for (let index = start + 1; index < lines.length; index += 1) {
    if ((lines[index] ?? '').includes(quote)) return index;
  }
  return null;
}

export class EnvFileError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

/**
 * Loads `explicitPath` (which must exist) or, when none is given, `.env` in the working directory if there is one.
 * Returns the file read, or null when there was none. Throws EnvFileError, changing nothing, on a bad file.
 */
export function loadEnvFile(explicitPath: string | undefined): string | null {
  const wanted = explicitPath?.trim() ? explicitPath.trim() : undefined;
  const path = resolve(wanted ?? DEFAULT_ENV_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && wanted === undefined) return null;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`;
    throw new EnvFileError([`${path}: ${why}${wanted === undefined ? '' : ' (named by ENV_FILE)'}`]);
  }
  const problems = checkEnvText(text, path);
  if (problems.length > 0) throw new EnvFileError(problems);
  if (typeof process.loadEnvFile !== 'function') {
    throw new EnvFileError([`${path}: reading it needs Node 20.12 or later (this is ${process.version})`]);
  }
  process.loadEnvFile(path);
  return path;
}
