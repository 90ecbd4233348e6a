// `.env.example` is what an admin copies: it must list every setting the configuration reads, no more, with defaults
// that are the real ones, and agree with the README's configuration table.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, parseConfig } from '../../src/config.js';
import { checkEnvText } from '../../src/env-file.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
const example = readFileSync(join(repoRoot, '.env.example'), 'utf8');

/** `NAME=value` lines (no default: meant to be filled in) and `# NAME=value` lines (the default, commented out). */
function readSettings(text: string) {
  const settings: { name: string; line: string; commented: boolean }[] = [];
  for (const line of text.split('\n')) {
    const match = /^(# )?([A-Z][A-Z0-9_]*)=/.exec(line);
    if (match?.[2] !== undefined) settings.push({ name: match[2], line, commented: match[1] !== undefined });
  }
  return settings;
}

/** The backquoted names in the first column of the table under README's "## Configuration". */
function readReadmeNames(): string[] {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith('Configuration\n')) ?? '';
  const rows = section.split('\n').filter((line) => line.startsWith('| `'));
  return rows.flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1] ?? ''));
}

const settings = readSettings(example);

describe('.env.example', () => {
  it('lists every variable the configuration reads, once, and nothing else', () => {
    const names = settings.map((setting) => setting.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it('names the same variables as the README configuration table', () => {
    const readmeNames = readReadmeNames();
    expect(new Set(readmeNames).size).toBe(readmeNames.length);
    expect([...readmeNames].sort()).toEqual(settings.map((setting) => setting.name).sort());
  });

  it('shows the real defaults: copied as it is, or with every default uncommented, it configures nothing new', () => {
    const asCopied = parseEnv(example);
    const uncommented = parseEnv(settings.map((setting) => setting.line.replace(/^# /, '')).join('\n'));

    expect(Object.values(asCopied).every((value) => value === '')).toBe(true);
    expect(parseConfig(uncommented, 'offline')).toEqual(parseConfig({}, 'offline'));
    expect(parseConfig(asCopied, 'offline')).toEqual(parseConfig({}, 'offline'));
  });

  it('explains every setting in a comment just above it', () => {
    const lines = example.split('\n');
    const unexplained = settings.filter((setting) => {
      let above = lines.indexOf(setting.line) - 1;
      while (above >= 0 && readSettings(lines[above] ?? '').length > 0) above -= 1;
      const comment = lines[above] ?? '';
      return !comment.startsWith('# ') || comment.startsWith('# ---');
    });
    expect(unexplained.map((setting) => setting.name)).toEqual([]);
  });

  it('is a file the .env loader accepts', () => {
    expect(checkEnvText(example, '.env.example')).toEqual([]);
  });
});
