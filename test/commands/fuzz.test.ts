import fc from 'fast-check';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { checkBlockKit } from '../fakes/slack/index.js';
import type { TestApp } from '../helpers/app-harness.js';
import { day, seedLead, startCommandApp } from './command-harness.js';

// Words that reach every branch of the grammars, plus the inputs most likely to break a reply: pings, entities,
// quotes left open, emoji, and names far beyond Slack's limits.
const WORDS = [
  'source',
  'stage',
  'won',
  'lost',
  'campaign',
  'touch',
  'find',
  'undo',
  'help',
  'merge',
  'into',
  'duplicates',
  'cost',
  'target',
  'plan',
  'runway',
  'visits',
  '2026',
  '12,400',
  'month:2026-01..2026-12',
  'month:2026-12..2026-01',
  'source:organic-search',
  'model:linear',
  'thomasnet',
  'thomsnet',
  'trade',
  'show',
  'podcast',
  'sql',
  'opp',
  'lead',
  'customer',
  'Acme',
  'Corp',
  'acme',
  'spring-expo',
  'this-quarter',
  'last 90d',
  '2026-Q3',
  '2026-13',
  'value:25k',
  'value:1.200',
  'value:-5',
  'reason:"went with',
  'on:2026-11-20',
  'on:3000-01-01',
  'on:1999-01-01',
  'month:2026-10',
  'category:event',
  'category:food',
  '35%',
  '0.35',
  '140%',
  '40',
  '<!channel>',
  '<@U0MANAGER>',
  '&amp;',
  '&lt;!here&gt;',
  '"',
  '“',
  'L-000001',
  '🏭',
  'x'.repeat(250),
  'ab,cd',
  ':',
  'value:',
  'on:',
];

const textArbitrary = fc.oneof(
  fc.array(fc.constantFrom(...WORDS), { maxLength: 8 }).map((words) => words.join(' ')),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.string({ maxLength: 60 }),
);

let t: TestApp;
let runs = 0;

beforeAll(async () => {
  t = await startCommandApp({
    seed: (service) => {
      seedLead(service, 'Acme Corp', { source: 'thomasnet', campaign: 'spring-expo', at: day(11, 2) });
      seedLead(service, 'Acme Corp', { source: 'referral', at: day(11, 3) });
    },
  });
});

afterAll(async () => {
  await t.stop();
});

/** One command; its answer is a reply at the response_url, or (for `/lead` forms that need it) the modal. */
async function expectAnswer(command: '/lead' | '/roi', text: string, userId: string): Promise<void> {
  const viewsBefore = t.slack.views.length;
  const result = await t.slack.slashCommand({ command, text, userId });
  expect(result.status).toBe(200);
  expect(result.ackBody).toEqual({});
  const replyOf = () => t.slack.messages.find((message) => message.responseUrl === result.responseUrl);
  await vi.waitFor(() => expect(replyOf() !== undefined || t.slack.views.length > viewsBefore).toBe(true), {
    timeout: 3000,
    interval: 5,
  });
  runs += 1;
  const reply = replyOf();
  if (reply === undefined) return;
  expect(checkBlockKit(reply.blocks ?? [], 'message'), `${command} ${JSON.stringify(text)}`).toEqual([]);
  expect(reply.text ?? '').not.toBe('');
}

it('answers every /lead and /roi text with a reply Slack accepts, and never fails inside', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('/lead' as const, '/roi' as const),
      textArbitrary,
      fc.constantFrom('U0REP1', 'U0MANAGER'),
      (command, text, userId) => expectAnswer(command, text, userId),
    ),
    { numRuns: 220 },
  );

  expect(runs).toBeGreaterThanOrEqual(200);
  const failures = t.logs.filter((line) => line.includes('"level":"error"'));
  expect(failures).toEqual([]);
  const health = await fetch(t.healthUrl);
  expect(health.status).toBe(200);
}, 30_000);
