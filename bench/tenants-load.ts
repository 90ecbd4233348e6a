// The tenants benchmark's load: bursts of slash commands signed by the fake workspaces and sent from the sender
// process (ack-sender.ts) to either instance at random, and what the fake Slack received, timed as it arrives:
// each command's answer at its response_url, and each workspace's digest messages.

import { loadavg } from 'node:os';
import type { RecordedMessage, SignedRequest } from '../test/fakes/slack/index.js';
import type { FakeSlackWorkspaces } from '../test/fakes/slack/workspaces.js';
import { LOAD_HEADER } from './pauses.js';
import { type AppProcess, measureRoiAnswers, type Sender } from './slack.js';
import { type Summary, summarize } from './stats.js';

export const BURST = 20;
/** Let a burst's replies finish before the next one, as between real bursts of use (as slack.ts's measureAcks). */
const GAP_MS = 1_500;
const CAMPAIGNS = ['spring-expo', 'q4-google-ads', 'thomasnet-premium', 'linkedin-abm'];
type Kind = 'lead' | 'roi' | 'roiCampaign';

/** Half the commands log a lead, a quarter ask /roi, a quarter /roi <campaign>. */
function pickCommand(n: number): { kind: Kind; command: string; text: string } {
  if (n % 4 < 2) return { kind: 'lead', command: '/lead', text: `source thomasnet Tenant Bench Company ${n}` };
  if (n % 4 === 2) return { kind: 'roi', command: '/roi', text: '' };
  return { kind: 'roiCampaign', command: '/roi', text: CAMPAIGNS[Math.floor(n / 4) % CAMPAIGNS.length]! };
}

/** What the fake workspaces received, timed with this process's clock as each message is recorded. */
export function watchSlack(slack: FakeSlackWorkspaces) {
  const answers = new Map<string, number>();
  const weekly = new Map<string, number[]>();
  const leak = new Map<string, number[]>();
  const note = (into: Map<string, number[]>, team: string, at: number) =>
    into.set(team, [...(into.get(team) ?? []), at]);
  const seen = (team: string, message: RecordedMessage) => {
    const at = performance.now();
    if (message.responseUrl !== undefined && !answers.has(message.responseUrl)) answers.set(message.responseUrl, at);
    if (message.kind !== 'chat.postMessage') return;
    if (message.text?.startsWith('*ROI Runway — week of') === true) note(weekly, team, at);
    if (message.text?.includes('Funnel leaks — week of') === true) note(leak, team, at);
  };
  for (const [team, fake] of slack.teams) {
    const list = fake.messages;
    const push = list.push.bind(list);
    list.push = (...items: RecordedMessage[]) => {
      for (const item of items) seen(team, item);
      return push(...items);
    };
  }
  return { answers, weekly, leak };
}

export type SlackWatch = ReturnType<typeof watchSlack>;

interface SentCommand {
  kind: Kind;
  responseUrl: string;
  sentAt: number;
}

/** Ack and answer samples of one kind of load ('many': workspaces at random; 'one': the first workspace only). */
export interface LoadSamples {
  acks: number[];
  answers: Record<Kind, number[]>;
  sent: SentCommand[];
  /** Answered with another status than 200. */
  refused: number;
  /** No HTTP answer at all: the connection reset, or nothing within 10 s. */
  failed: number;
  /** Why, for each of those (ECONNRESET, a timeout…). */
  failures: string[];
}

export function emptySamples(): LoadSamples {
  return { acks: [], answers: { lead: [], roi: [], roiCampaign: [] }, sent: [], refused: 0, failed: 0, failures: [] };
}

export interface LoadParts {
  slack: FakeSlackWorkspaces;
  sender: Sender;
  apps: readonly AppProcess[];
  teams: readonly string[];
  random: () => number;
}

let commandCount = 0;

/** One burst of 20 commands at once (or `size`), from 20 reps; each to either instance, as a load balancer would. */
export async function sendBurst(
  parts: LoadParts,
  target: 'many' | 'one',
  into: LoadSamples,
  { size = BURST, gapMs = GAP_MS } = {},
): Promise<void> {
  const { slack, apps, teams, random } = parts;
  const requests: SignedRequest[] = [];
  const sent: SentCommand[] = [];
  for (let i = 0; i < size; i++) {
    const team = target === 'one' ? teams[0]! : teams[Math.floor(random() * teams.length)]!;
    const app = apps[Math.floor(random() * apps.length)]!;
    const { kind, command, text } = pickCommand(commandCount++);
    const userId = `U0TENANT${String(i).padStart(2, '0')}`;
    const request = slack.team(team).signSlashCommand({ command, text, userId, url: app.url });
    // Unsigned, outside the body: the instances time their answers by it (pauses.ts).
    requests.push({ ...request, headers: { ...request.headers, [LOAD_HEADER]: target } });
    sent.push({ kind, responseUrl: new URLSearchParams(request.body).get('response_url') ?? '', sentAt: 0 });
  }
  const sentAt = performance.now();
  for (const command of sent) command.sentAt = sentAt;
  const burst = await parts.sender.send(requests);
  for (const [i, status] of burst.statuses.entries()) {
    if (status === 200) {
      into.acks.push(burst.samples[i]!);
    } else if (status === 0) {
      into.failed++;
      into.failures.push(burst.errors?.[i] ?? 'unknown');
    } else {
      into.refused++;
    }
  }
  into.sent.push(...sent);
  await sleep(gapMs);
}

/** Each command's answer time: sent → first post at its response_url; unanswered ones are counted apart. */
export function collectAnswers(samples: LoadSamples, watch: SlackWatch): number {
  let unanswered = 0;
  for (const command of samples.sent) {
    const at = watch.answers.get(command.responseUrl);
    if (at === undefined) unanswered++;
    else samples.answers[command.kind].push(at - command.sentAt);
  }
  return unanswered;
}

export interface LoadFigures {
  commands: number;
  ack: Summary;
  answer: Record<Kind, Summary> & { roiAll: Summary };
  refused: number;
  failed: number;
  /** The reasons of the failed ones, counted: "ECONNRESET ×2". */
  failures: string;
  unanswered: number;
}

export function summarizeLoad(samples: LoadSamples, watch: SlackWatch): LoadFigures {
  const unanswered = collectAnswers(samples, watch);
  const { lead, roi, roiCampaign } = samples.answers;
  return {
    commands: samples.sent.length,
    ack: summarize(samples.acks),
    answer: {
      lead: summarize(lead),
      roi: summarize(roi),
      roiCampaign: summarize(roiCampaign),
      roiAll: summarize([...roi, ...roiCampaign]),
    },
    refused: samples.refused,
    failed: samples.failed,
    failures: countReasons(samples.failures),
    unanswered,
  };
}

/** `/roi <campaign>` answers sent one at a time, alternating a random workspace and the first one (slack.ts's way). */
export async function measureAnswersOneAtATime(parts: LoadParts, runs: number) {
  const loadBefore = loadavg()[0]!;
  const many: number[] = [];
  const one: number[] = [];
  const pick = <T>(items: readonly T[]) => items[Math.floor(parts.random() * items.length)]!;
  for (let i = 0; i < runs; i++) {
    for (const [team, into] of [
      [pick(parts.teams), many],
      [parts.teams[0]!, one],
    ] as const) {
      const answer = await measureRoiAnswers(parts.slack.team(team), pick(parts.apps).url, 1);
      into.push(answer.p50);
    }
  }
  return { many: summarize(many), one: summarize(one), load: [loadBefore, loadavg()[0]!] };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function countReasons(reasons: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts].map(([reason, n]) => `${reason} ×${n}`).join(', ');
}
