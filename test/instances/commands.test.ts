// Commands spread over two bot processes on one Postgres: a change made through one is in the other's answer within
// a second, and a rolling restart under a steady stream of commands loses none and keeps every ack under 3 s. The tests'
// own timeouts leave room for their instances' starts on a loaded machine (READY_WAIT_MS each).

import { describe, expect, it } from 'vitest';
import type { FakeSlack } from '../fakes/slack/index.js';
import { startFakeSlack } from '../fakes/slack/index.js';
import { renderMessage } from '../helpers/slack-render.js';
import { type Instance, READY_WAIT_MS, sleep, useInstanceSuite, waitFor, withStore } from './instance-rig.js';

const suite = useInstanceSuite();
const { rig } = suite;

/** Two instances on a fresh database; no digest is owed (a yearly cron on Feb 29), so only commands write. */
async function startTwo(fake: FakeSlack, seed: (url: string) => void = () => {}, extra: Record<string, string> = {}) {
  const url = await suite.database();
  seed(url);
  const env = { DATABASE_URL: url, DIGEST_CRON: '0 9 29 2 *', ...extra };
  const [a, b] = await Promise.all([rig.spawnInstance('a', fake, env), rig.spawnInstance('b', fake, env)]);
  return { url, env, a, b };
}

async function send(fake: FakeSlack, to: Instance, command: string, text: string, userId = 'U0REP1') {
  const result = await fake.slashCommand({ url: to.eventsUrl, command, text, userId });
  const [reply] = await result.waitForResponses(1, 10_000);
  return { ack: result, reply: reply === undefined ? '' : renderMessage(reply).text };
}

describe('commands on two instances sharing one Postgres', () => {
  it("shows a change made through one instance in the other's /roi answer within a second", async () => {
    const slack = suite.closeAfter(await startFakeSlack({ rateLimits: {} }));
    const { a, b } = await startTwo(slack, (url) =>
      withStore(url, (services) =>
        services.plans.recordSpend(
          { campaign: 'spring-expo', month: new Date().toISOString().slice(0, 7), amount: 5_000, category: 'event' },
          { actor: { id: 'U0MANAGER', name: 'Maya' } },
        ),
      ),
    );
    // Both have read the (empty) campaign once, so each holds it in memory.
    expect((await send(slack, b, '/roi', 'spring-expo')).reply).toMatch(/\*Leads\*\n0\n/);
    expect((await send(slack, a, '/roi', 'spring-expo')).reply).toMatch(/\*Leads\*\n0\n/);

    await send(slack, a, '/lead', 'source trade-show Acme Corp');
    const logged = await send(slack, a, '/lead', 'campaign spring-expo Acme Corp');
    const loggedAt = Date.now();
    expect(logged.reply).toContain('Attributed Acme Corp to campaign spring-expo.');
    const { reply } = await send(slack, b, '/roi', 'spring-expo');
    const delayMs = Date.now() - loggedAt;
    console.info(`B answered with A's change ${delayMs} ms after A confirmed it`);

    expect(reply).toMatch(/\*Leads\*\n1\n/);
    expect(delayMs).toBeLessThan(1_000);
  }, 180_000);
});

/** The test as a load balancer: it checks each instance's /healthz every 100 ms and sends only to those answering 200. */
function createBalancer() {
  const pool = new Set<Instance>();
  const healthy = new Set<Instance>();
  let next = 0;
  let stopped = false;
  const check = async (instance: Instance) => {
    try {
      const answer = await fetch(instance.healthUrl, { signal: AbortSignal.timeout(500) });
      if (answer.status === 200) healthy.add(instance);
      else healthy.delete(instance);
    } catch {
      healthy.delete(instance);
    }
  };
  const loop = (async () => {
    while (!stopped) {
      await Promise.all([...pool].map(check));
      await sleep(100);
    }
  })();
  return {
    add: (instance: Instance) => pool.add(instance),
    remove: (instance: Instance) => {
      pool.delete(instance);
      healthy.delete(instance);
    },
    /** Resolves once the balancer has seen `instance` answer 200 (a start it waits for, up to READY_WAIT_MS). */
    waitHealthy: (instance: Instance) =>
      waitFor(() => (healthy.has(instance) ? true : null), READY_WAIT_MS, `${instance.name} to answer /healthz 200`),
    pick(): Instance | undefined {
      const live = [...healthy];
      next += 1;
      return live[next % live.length];
    },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

/** The sales team sending the stream of commands. */
const REPS = Array.from({ length: 20 }, (_, i) => {
  const id = `U0LB${String(i + 1).padStart(2, '0')}`;
  return { id, name: `rep${i + 1}`, realName: `Rep ${i + 1}`, tz: 'UTC', tzOffset: 0 };
});

interface Sent {
  company: string;
  at: string;
  ackMs: number;
  status: number;
  timedOut: boolean;
  reply: string;
}

/** Sends `/lead source web <company>` to the instance the balancer picks every 40 ms, until stopped. */
function streamCommands(fake: FakeSlack, balancer: ReturnType<typeof createBalancer>) {
  const sent: Sent[] = [];
  const inFlight: Promise<void>[] = [];
  let streaming = true;
  // Like a person, a rep sends the next command once the last one's answer is in (the bot refuses a second meanwhile).
  const busy = new Set<string>();
  const send = async (to: Instance, n: number, rep: (typeof REPS)[number]) => {
    const company = `Rolling ${String(n).padStart(3, '0')}`;
    busy.add(rep.id);
    const startedAt = performance.now();
    try {
      const result = await fake.slashCommand({
        url: to.eventsUrl,
        command: '/lead',
        text: `source web ${company}`,
        userId: rep.id,
      });
      const ackMs = performance.now() - startedAt;
      const [reply] = await result.waitForResponses(1, 10_000).catch(() => [undefined]);
      const text = reply === undefined ? '(no reply)' : (renderMessage(reply).text.split('\n')[0] ?? '');
      sent.push({ company, at: to.name, ackMs, status: result.status, timedOut: result.timedOut, reply: text });
    } catch (error) {
      const reply = `not delivered: ${(error as { cause?: { code?: string } }).cause?.code ?? String(error)}`;
      sent.push({ company, at: to.name, ackMs: performance.now() - startedAt, status: 0, timedOut: false, reply });
    }
    busy.delete(rep.id);
  };
  const loop = (async () => {
    for (let n = 1; streaming; ) {
      const to = balancer.pick();
      const rep = REPS.find((candidate) => !busy.has(candidate.id));
      if (to !== undefined && rep !== undefined) {
        inFlight.push(send(to, n, rep));
        n += 1;
      }
      await sleep(40);
    }
  })();
  return {
    sent,
    async stop() {
      streaming = false;
      await loop;
      await Promise.all(inFlight);
    },
  };
}

describe('a rolling restart under load', () => {
  it('loses no command and acks every one within 3 s while each instance in turn is stopped and replaced', async () => {
    const slack = suite.closeAfter(await startFakeSlack({ rateLimits: {}, users: REPS }));
    const fake = slack;
    // The balancer checks health every 100 ms: a second of draining is plenty for it to notice.
    const { url, env, a, b } = await startTwo(fake, () => {}, { DRAIN_SECONDS: '1' });
    const balancer = createBalancer();
    balancer.add(a);
    balancer.add(b);
    await Promise.all([balancer.waitHealthy(a), balancer.waitHealthy(b)]);
    const stream = streamCommands(fake, balancer);
    // Each instance serves a few commands (their answers in) before the next step: a second on an idle machine.
    const served = (name: string) =>
      waitFor(() => (stream.sent.filter((command) => command.at === name).length >= 5 ? true : null), 60_000, name);

    // Replace A, then B, as a rolling deploy does: stop one, start its successor, wait for it to be healthy.
    const replace = async (old: Instance, name: string) => {
      await served(old.name);
      old.proc.kill('SIGTERM');
      const successor = await rig.spawnInstance(name, fake, env);
      balancer.add(successor);
      await balancer.waitHealthy(successor);
      const code = await Promise.race([old.exited, sleep(30_000).then(() => 'still running')]);
      if (code !== 0) throw new Error(`${old.name} did not stop cleanly (${code}):\n${old.output().slice(-4000)}`);
      balancer.remove(old);
    };
    await replace(a, 'a2');
    await replace(b, 'b2');
    await served('b2');
    await stream.stop();
    await balancer.stop();

    const { sent } = stream;
    const maxAckMs = Math.max(...sent.map((command) => command.ackMs));
    const perInstance = new Map<string, number>();
    for (const command of sent) perInstance.set(command.at, (perInstance.get(command.at) ?? 0) + 1);
    const counts = [...perInstance].map(([name, count]) => `${name} ${count}`).join(', ');
    console.info(`rolling restart: ${sent.length} commands (${counts}), max ack ${Math.round(maxAckMs)} ms`);
    expect(sent.length).toBeGreaterThan(100);
    expect(sent.filter((command) => command.status !== 200 || command.timedOut)).toEqual([]);
    expect(maxAckMs).toBeLessThan(3_000);
    // Every instance took part, the stopped ones until they stopped and their successors after.
    expect([...perInstance.keys()].sort()).toEqual(['a', 'a2', 'b', 'b2']);
    const stored = new Set(withStore(url, (services) => services.leads.listLeads().map((lead) => lead.company)));
    expect(sent.filter((command) => !stored.has(command.company))).toEqual([]);
    expect(stored.size).toBe(sent.length);
  }, 240_000);
});

describe('a start behind a load balancer', () => {
  it('answers /healthz 200 only once its job queue has started, so no command competes with that start', async () => {
    const slack = suite.closeAfter(await startFakeSlack({ rateLimits: {} }));
    const url = await suite.database();
    const instance = await rig.spawnInstance('a', slack, { DATABASE_URL: url, DIGEST_CRON: '0 9 29 2 *' });
    const statuses: number[] = [];
    let readyAt = 0;
    while (readyAt === 0) {
      const answer = await fetch(instance.healthUrl);
      statuses.push(answer.status);
      if (answer.status === 200) readyAt = Date.now();
      else await sleep(20);
    }
    const started = await waitFor(
      () => instance.logs().find((line) => line.msg === 'Job queue started') ?? null,
      10_000,
      'the job queue to start',
    );
    console.info(`/healthz answered ${statuses.join(' ')}`);
    expect(statuses[0]).toBe(503);
    expect(Date.parse(String(started.time))).toBeLessThanOrEqual(readyAt);
    expect((await send(slack, instance, '/lead', 'source web Acme Corp')).reply).toContain('Acme Corp');
  }, 180_000);
});

describe('a stop while starting', () => {
  it('exits 0 when SIGTERM comes right after the receiver is up, before the job queue has started', async () => {
    const slack = suite.closeAfter(await startFakeSlack({ rateLimits: {} }));
    const url = await suite.database();
    const instance = await rig.spawnInstance('a', slack, { DATABASE_URL: url, DIGEST_CRON: '0 9 29 2 *' });
    expect(instance.logs().some((line) => line.msg === 'Job queue started')).toBe(false);
    // The load balancer keeps checking its health, and commands keep coming until it has seen the 503.
    const balancer = createBalancer();
    balancer.add(instance);
    const stoppedAt = Date.now();
    instance.proc.kill('SIGTERM');
    const fake = slack;
    const commands = [0, 1, 2, 3, 4].map(async (n) => {
      await sleep(n * 100);
      const result = await fake.slashCommand({
        url: instance.eventsUrl,
        command: '/roi',
        text: 'help',
        userId: 'U0REP1',
      });
      return result.status;
    });

    const code = await Promise.race([instance.exited, sleep(20_000).then(() => 'still running')]);
    await balancer.stop();
    console.info(`stopped ${Date.now() - stoppedAt} ms after SIGTERM`, await Promise.all(commands));
    if (code !== 0) console.info(instance.output());

    expect(code).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(15_000);
  }, 180_000);
});
