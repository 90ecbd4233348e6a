// The domain is pure: no platform SDK, no I/O, no clock. This reads the sources and fails on any breach.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DOMAIN_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/domain');
const ALLOWED_PACKAGES = new Set(['zod']);

/** Comments may talk about Date.now() or an import; only code counts. URLs ("https://…") are not comments. */
function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const SPECIFIER_PATTERNS = [
  /\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"`]([^'"`]+)['"`]/g, // import x from 'm'; export { x } from 'm'
  /\bimport\s*['"`]([^'"`]+)['"`]/g, // import 'm'
  /\bimport\s*\(\s*['"`]([^'"`]+)['"`]/g, // import('m')
  /\brequire\s*\(\s*['"`]([^'"`]+)['"`]/g, // require('m')
];

/** Whether a module may be imported from a file of src/domain. */
function isAllowedImport(specifier: string, fromFile: string): boolean {
  if (ALLOWED_PACKAGES.has(specifier)) return true;
  if (!specifier.startsWith('.')) return false;
  const target = resolve(dirname(fromFile), specifier);
  return !relative(DOMAIN_DIR, target).startsWith('..');
}

/** Every reason a domain source breaks purity; empty when it is pure. */
function findPurityViolations(source: string, file: string): string[] {
  const code = stripComments(source);
  const problems: string[] = [];
  for (const pattern of SPECIFIER_PATTERNS) {
    for (const match of code.matchAll(pattern)) {
      const specifier = match[1] ?? '';
      if (!isAllowedImport(specifier, file)) problems.push(`imports '${specifier}'`);
    }
  }
  if (/\b(?:import|require)\s*\(\s*[^'"`\s)]/.test(code)) problems.push('imports a computed module name');
  if (/\bDate\s*\.\s*now\s*\(/.test(code)) problems.push('reads the clock with Date.now()');
  if (/\bnew\s+Date\s*\(\s*\)/.test(code)) problems.push('reads the clock with new Date()');
  return problems;
}

function listSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listSources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('src/domain is pure', () => {
  const files = listSources(DOMAIN_DIR);

  it('finds the domain sources', () => {
    expect(files.map((file) => relative(DOMAIN_DIR, file))).toContain('types.ts');
  });

  it.each(files.map((file) => [relative(DOMAIN_DIR, file), file]))(
    '%s imports no I/O and reads no clock',
    (_, file) => {
      expect(findPurityViolations(readFileSync(file, 'utf8'), file)).toEqual([]);
    },
  );
});

describe('the purity detector itself', () => {
  const file = join(DOMAIN_DIR, 'fake-metric.ts');

  it.each([
    ["import { App } from '@slack/bolt';", "imports '@slack/bolt'"],
    ["import type { Client } from '@notionhq/client';", "imports '@notionhq/client'"],
    ["import { Chart } from 'chart.js';", "imports 'chart.js'"],
    ["import { createCanvas } from '@napi-rs/canvas';", "imports '@napi-rs/canvas'"],
    ["import schedule from 'node-schedule';", "imports 'node-schedule'"],
    ["import Database from 'better-sqlite3';", "imports 'better-sqlite3'"],
    ["import { readFileSync } from 'node:fs';", "imports 'node:fs'"],
    ["import * as fs from 'fs';", "imports 'fs'"],
    ["import { readFile } from 'fs/promises';", "imports 'fs/promises'"],
    ["import { request } from 'node:https';", "imports 'node:https'"],
    ["import net from 'node:net';", "imports 'node:net'"],
    ["import {\n  loadConfig,\n} from '../config.js';", "imports '../config.js'"],
    ["export { openStore } from '../store/index.js';", "imports '../store/index.js'"],
    ["import 'node:http';", "imports 'node:http'"],
    ["const fs = await import('node:fs');", "imports 'node:fs'"],
    ["const name = 'fs'; await import(name);", 'imports a computed module name'],
    ["const db = require('better-sqlite3');", "imports 'better-sqlite3'"],
    ['const now = Date.now();', 'reads the clock with Date.now()'],
    ['const today = new Date();', 'reads the clock with new Date()'],
  ])('flags %j', (source, problem) => {
    expect(findPurityViolations(source, file)).toContain(problem);
  });

  it('lets pure code through', () => {
    const pure = [
      "import { z } from 'zod';",
      "import type { Lead } from './types.js';",
      "import { x } from './sub/helper.js';",
      "export { y } from './periods.js';",
      '// Date.now() is never called here; see https://example.com/why',
      '/* new Date() would read the clock */',
      'const day = new Date(at).getUTCDay();',
    ].join('\n');
    expect(findPurityViolations(pure, file)).toEqual([]);
  });
});
