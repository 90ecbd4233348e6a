// No Docker engine runs here, so the image is checked by reading its Dockerfile against what the app really does:
// the start command, the health route and port, where the store lives, what the code imports. The health check's own
// command is run against a local server, as Docker would run it in the container.

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FONT_FAMILY } from '../../src/charts/palette.js';
import { parseConfig } from '../../src/config.js';
import { HEALTH_PATH } from '../../src/slack/health.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string) => readFileSync(join(repoRoot, file), 'utf8');

interface Instruction {
  keyword: string;
  args: string;
}

/** Instructions per build stage: comments dropped, continued lines joined. */
function readStages(text: string): Instruction[][] {
  const joined = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ');
  const stages: Instruction[][] = [];
  for (const line of joined.split('\n')) {
    const match = /^\s*([A-Z]+)\s+(.*)$/.exec(line);
    if (match === null) continue;
    const instruction = { keyword: match[1] ?? '', args: (match[2] ?? '').trim() };
    if (instruction.keyword === 'FROM') stages.push([]);
    stages.at(-1)?.push(instruction);
  }
  return stages;
}

const stages = readStages(read('Dockerfile'));
const runtime = stages.at(-1) ?? [];
const argsOf = (keyword: string, stage = runtime) => stage.filter((i) => i.keyword === keyword).map((i) => i.args);
const defaults = parseConfig({}, 'offline');
const workdir = argsOf('WORKDIR').at(-1) ?? '/';

/** The health check's command: the exec-form JSON array after HEALTHCHECK's options. */
function healthCommand(): string[] {
  const [healthcheck] = argsOf('HEALTHCHECK');
  return JSON.parse((healthcheck ?? '').replace(/^.*?\bCMD\s+/, ''));
}

describe('Dockerfile', () => {
  it('builds its dependencies from the lockfile on the same base image it runs on', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const bases = stages.map((stage) => (stage[0]?.args ?? '').split(/\s+/)[0]);
    expect(new Set(bases)).toEqual(new Set(['node:20-bookworm-slim']));
    const deps = stages[0] ?? [];
    expect(argsOf('COPY', deps).join(' ')).toContain('package-lock.json');
    expect(argsOf('RUN', deps).join(' ')).toMatch(/\bnpm ci\b/);
    expect(argsOf('RUN').join(' ')).not.toMatch(/\bnpm (ci|install)\b/);
  });

  it('runs what `npm start` runs, in production, as a user that is not root', () => {
    // `exec` makes npm's shell become the bot, so a signal npm passes on reaches it; the image needs no shell.
    const start = (JSON.parse(read('package.json')).scripts.start as string).replace(/^exec\s+/, '').split(/\s+/);
    expect(JSON.parse(argsOf('CMD').at(-1) ?? '[]')).toEqual(start);
    // What it runs is what `npm run build` (npm start's prestart) writes: src/app.ts compiled into the build's outDir.
    const build = JSON.parse(read('tsconfig.build.json')).compilerOptions;
    expect(start.at(-1)).toBe(posix.join(build.outDir, 'src/app.js'));
    expect(JSON.parse(read('package.json')).scripts.prestart).toBe('npm run build');
    expect(argsOf('COPY').some((args) => args.startsWith('--from=deps /app/dist '))).toBe(true);
    // npm puts the dependencies' programs (tsx) on PATH for its scripts; the image does the same.
    expect(argsOf('ENV')).toContain(`PATH=${posix.join(workdir, 'node_modules/.bin')}:$PATH`);
    expect(argsOf('ENV')).toContain('NODE_ENV=production');
    const user = argsOf('USER').at(-1);
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user?.split(':')[0]);
    const userAt = runtime.findIndex((i) => i.keyword === 'USER');
    expect(userAt).toBeLessThan(runtime.findIndex((i) => i.keyword === 'CMD'));
  });

  it("keeps DATA_DIR's default folder as the volume and exposes the default port", () => {
    expect(argsOf('VOLUME')).toEqual([posix.resolve(workdir, defaults.dataDir)]);
    expect(argsOf('EXPOSE')).toEqual([String(defaults.port)]);
  });

  it('copies every folder of code the bot and the scripts import', () => {
    const copied = new Set(argsOf('COPY').map((args) => args.split(/\s+/)[0]));
    const folders = ['src', 'commands', 'digests', 'scripts'].filter((folder) => copied.has(folder));
    expect(folders).toEqual(['src', 'commands', 'digests', 'scripts']);
    const reached = new Set<string>();
    for (const folder of folders) {
      for (const file of listTs(join(repoRoot, folder))) {
        for (const [, spec] of read(relative(repoRoot, file)).matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
          reached.add(relative(repoRoot, resolve(dirname(file), spec ?? '')).split('/')[0] ?? '');
        }
      }
    }
    expect([...reached].filter((top) => !copied.has(top))).toEqual([]);
  });

  it('installs the font the charts are drawn in', () => {
    expect(FONT_FAMILY.startsWith("'DejaVu Sans'")).toBe(true);
    expect(argsOf('RUN').join(' ')).toContain('fonts-dejavu-core');
  });

  it('keeps node_modules, .git, the local store and .env out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.git', 'data', '.env']));
  });
});

describe('the health check', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.close();
    server = undefined;
  });

  /** A server answering `status` on the route the app serves its health on, 404 elsewhere; returns its port. */
  async function serveHealth(status: number): Promise<number> {
    server = createServer((request, response) => {
      response.writeHead(request.url === HEALTH_PATH ? status : 404).end();
    });
    await new Promise<void>((done) => server?.listen(0, '127.0.0.1', done));
    return (server.address() as AddressInfo).port;
  }

  function runCheck(port: number): Promise<number | null> {
    const [command, ...args] = healthCommand();
    expect(command).toBe('node');
    const child = spawn(process.execPath, args, { env: { PORT: String(port) } });
    return new Promise((done) => child.on('exit', done));
  }

  it('passes when /healthz answers 200 on PORT and fails on 503 or when nothing listens', async () => {
    expect(await runCheck(await serveHealth(200))).toBe(0);
    server?.close();
    const unavailable = await serveHealth(503);
    expect(await runCheck(unavailable)).toBe(1);
    server?.close();
    await new Promise((done) => setTimeout(done, 50));
    expect(await runCheck(unavailable)).toBe(1);
  });

  it('is the same in compose.sqlite.yaml, which runs one bot with the volume, .env if present and a restart policy', () => {
    const compose = parse(read('compose.sqlite.yaml'));
    const services = Object.values(compose.services) as Record<string, unknown>[];
    expect(services).toHaveLength(1);
    const [bot] = services;
    expect(bot?.healthcheck).toMatchObject({ test: ['CMD', ...healthCommand()] });
    expect(bot?.env_file).toEqual([{ path: '.env', required: false }]);
    expect(((bot?.volumes ?? []) as string[]).map((volume) => volume.split(':')[1])).toEqual(argsOf('VOLUME'));
    expect(bot?.restart).toBe('unless-stopped');
  });

  it('runs two instances on one Postgres in compose.yaml, behind a proxy that asks /healthz', () => {
    const compose = parse(read('compose.yaml'), { merge: true });
    const bots = ['bot-a', 'bot-b'].map((name) => compose.services[name] as Record<string, Record<string, unknown>>);
    const db = compose.services.db as { environment: Record<string, string>; image: string };
    for (const bot of bots) {
      expect(bot.healthcheck).toMatchObject({ test: ['CMD', ...healthCommand()] });
      const url = new URL(
        // Compose fills the password in from .env; any word stands for it here.
        String(bot.environment?.DATABASE_URL).replace(/\$\{POSTGRES_PASSWORD[^}]*\}/, 'x'),
      );
      // The address names the compose database, its user and database, and passes the configuration's check.
      expect([url.hostname, url.username, url.pathname]).toEqual([
        'db',
        db.environment.POSTGRES_USER,
        `/${db.environment.POSTGRES_DB}`,
      ]);
      expect(() => parseConfig({ DATABASE_URL: url.toString() }, 'offline')).not.toThrow();
      expect(bot.depends_on).toMatchObject({ db: { condition: 'service_healthy' } });
    }
    expect(Number(db.image.split(':')[1])).toBeGreaterThanOrEqual(15);
    const caddy = read('deploy/Caddyfile');
    const port = bots[0]?.environment?.PORT;
    expect(caddy).toContain(`reverse_proxy bot-a:${port} bot-b:${port}`);
    expect(caddy).toMatch(/health_uri \/healthz\n/);
    expect(compose.services.proxy.volumes).toContain('./deploy/Caddyfile:/etc/caddy/Caddyfile:ro');
  });
});

function listTs(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}
