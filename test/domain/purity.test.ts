// The domain is pure: no platform SDK, no I/O, no clock, no module-level mutable state (what the domain keeps lives
// on the snapshot the store hands it, or on an object its caller owns). This reads the sources and fails on any breach.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findModuleState } from './module-state.js';

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

  it.each(files.map((file) => [relative(DOMAIN_DIR, file), file]))('%s keeps no module-level state', (_, file) => {
    expect(findModuleState(readFileSync(file, 'utf8'), file)).toEqual([]);
  });
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

describe('the module-state detector itself', () => {
  it.each([
    ['let count = 0;', "line 1: 'count' is a top-level let"],
    ['export let last: string | null = null;', "line 1: 'last' is a top-level let"],
    ['var seen = 0;', "line 1: 'seen' is a top-level var"],
    ['let a = 1, b = 2;', "line 1: 'b' is a top-level let"],
    ['const cache = new Map<string, number>();', "line 1: 'cache' is a top-level const holding new Map"],
    ['const seen = new Set();', "line 1: 'seen' is a top-level const holding new Set"],
    ['const memo = new WeakMap<object, number>();', "line 1: 'memo' is a top-level const holding new WeakMap"],
    ['const held = new WeakSet();', "line 1: 'held' is a top-level const holding new WeakSet"],
    ['const list = new Array(3);', "line 1: 'list' is a top-level const holding new Array"],
    ['const rows = new Int32Array(64);', "line 1: 'rows' is a top-level const holding new Int32Array"],
    ['const at = new Float64Array(8);', "line 1: 'at' is a top-level const holding new Float64Array"],
    ['const queue: string[] = [];', "line 1: 'queue' is a top-level const holding an array literal"],
    ['export const totals = { leads: 0 };', "line 1: 'totals' is a top-level const holding an object literal"],
    ['const byId: Record<string, number> = {};', "line 1: 'byId' is a top-level const holding an object literal"],
    ['const keys = (new Map()) satisfies Map<string, string>;', "line 1: 'keys' is a top-level const holding new Map"],
    ['const rows = [] as number[];', "line 1: 'rows' is a top-level const holding an array literal"],
    [
      'const slots = Array.from({ length: 4 }, () => 0);',
      "line 1: 'slots' is a top-level const holding what Array.from(…) returns",
    ],
    ['const index = new CompanyIndex();', "line 1: 'index' is a top-level const holding new CompanyIndex"],
    [
      'const scratch = createEditScratch();',
      "line 1: 'scratch' is a top-level const holding what createEditScratch(…) returns",
    ],
    ['const epoch = new Date(0);', "line 1: 'epoch' is a top-level const holding new Date"],
    [
      'const WORDS = /\\w+/g;',
      "line 1: 'WORDS' is a top-level const holding a global or sticky regular expression (its lastIndex)",
    ],
    [
      "const NEXT = new RegExp('x', 'y');",
      "line 1: 'NEXT' is a top-level const holding a global or sticky RegExp (its lastIndex)",
    ],
    ['class Pool {\n  static size = 0;\n}', "line 1: 'Pool.size' is a static field, not readonly"],
    [
      'export class Pool {\n  static readonly free = new Map();\n}',
      "line 1: 'Pool.free' is a static field holding new Map",
    ],
    ['// fine\nnamespace Inner {\n  let depth = 0;\n}', "line 3: 'depth' is a top-level let"],
  ])('flags %j', (source, problem) => {
    expect(findModuleState(source)).toContain(problem);
  });

  it('lets constants, read-only tables and state inside functions through', () => {
    const allowed = [
      'export const LIMIT = 64;',
      "const NAME = 'roi';",
      "const STAGES = ['lead', 'mql'] as const;",
      'const WEIGHTS = { a: 1, b: 2 } as const satisfies Record<string, number>;',
      "const CODES: readonly string[] = ['usd', 'eur'];",
      'const PAIRS: ReadonlyArray<number> = [1, 2];',
      "const WORDS: ReadonlyMap<string, string> = new Map([['co', 'company']]);",
      "const JOINING: ReadonlySet<string> = new Set(['and']);",
      'const SETTINGS: Readonly<{ margin: number }> = { margin: 1 };',
      'const FROZEN = Object.freeze({ a: 1 });',
      'const AS_READONLY = [1, 2] as readonly number[];',
      'const CASELESS = /acme/i;',
      "const PREFIX = new RegExp('^usd', 'i');",
      "const FORMAT = new Intl.NumberFormat('en-US');",
      "const DAYS = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC' });",
      'const LARGEST = Math.max(3, 4);',
      "const NEW_YEAR = Date.UTC(2026, 0, 1) + Number('7');",
      'const double = (n: number) => n * 2;',
      'const SLUGS: readonly string[] = CATALOG.map((entry) => entry.slug);',
      'declare let ambient: number;',
      'function tally(): number {\n  let n = 0;\n  const seen = new Set<number>();\n  for (const x of [1, 2]) seen.add(x);\n  return n + seen.size;\n}',
      'export class Index {\n  private words = new Map<string, number>();\n  static readonly LIMIT = 5;\n  static readonly NAMES: ReadonlySet<string> = new Set();\n}',
    ].join('\n');
    expect(findModuleState(allowed)).toEqual([]);
  });
});
