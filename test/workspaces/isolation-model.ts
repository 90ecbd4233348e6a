// Two or three workspaces with the same companies, campaigns and channels, driven side by side through the real app;
// a model per workspace predicts each answer. Shared by the SQLite and the Postgres runs of the model test.

import fc from 'fast-check';
import { expect } from 'vitest';
import { OPENING_MESSAGE } from '../../src/slack/workspace-routing.js';
import type { RecordedMessage } from '../fakes/slack/index.js';
import type { WorkspacesApp } from '../helpers/workspaces-harness.js';

/** Wednesday 25 November 2026, 15:00 UTC: this quarter is Q4 2026, this month November. */
export const MODEL_NOW = Date.UTC(2026, 10, 25, 15, 0);

const COMPANIES = ['Acme Corp', 'Beta LLC', 'Gamma GmbH'] as const;
const CAMPAIGNS = ['spring-expo', 'q4-google-ads'] as const;

type Company = (typeof COMPANIES)[number];
type Campaign = (typeof CAMPAIGNS)[number];

interface ModelLead {
  stage: 'lead' | 'mql' | 'customer';
  campaign: Campaign | null;
  value: number;
}

export interface WorkspaceModel {
  leads: Map<Company, ModelLead>;
  spend: Map<Campaign, number>;
}

export type Step =
  | { op: 'log'; company: Company }
  | { op: 'mql'; company: Company }
  | { op: 'won'; company: Company; thousands: number }
  | { op: 'campaign'; company: Company; campaign: Campaign }
  | { op: 'spend'; campaign: Campaign; thousands: number }
  | { op: 'funnel' }
  | { op: 'roi' }
  | { op: 'roi-campaign'; campaign: Campaign };

const company = fc.constantFrom(...COMPANIES);
const campaign = fc.constantFrom(...CAMPAIGNS);
const thousands = fc.integer({ min: 1, max: 90 });

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('log' as const), company }),
  fc.record({ op: fc.constant('mql' as const), company }),
  fc.record({ op: fc.constant('won' as const), company, thousands }),
  fc.record({ op: fc.constant('campaign' as const), company, campaign }),
  fc.record({ op: fc.constant('spend' as const), campaign, thousands }),
  fc.record({ op: fc.constant('funnel' as const) }),
  fc.record({ op: fc.constant('roi' as const) }),
  fc.record({ op: fc.constant('roi-campaign' as const), campaign }),
);

export function buildModel(): WorkspaceModel {
  return { leads: new Map(), spend: new Map() };
}

const money = (amount: number) => `$${new Intl.NumberFormat('en-US').format(amount)}`;

function shown(message: RecordedMessage): string {
  return JSON.stringify(message.blocks ?? [], (key, value) => (key === 'value' ? undefined : value));
}

/** How long the answer may take after the command: its workspace may have to open first (seconds on a loaded machine). */
const ANSWER_WAIT_MS = 20_000;

/**
 * The answer to a command. A workspace that takes more than OPENING_ACK_MS to open first tells the person the answer
 * follows (OPENING_MESSAGE), then answers: the answer is the response after that note.
 */
async function slash(app: WorkspacesApp, team: string, command: string, text: string, userId = 'U0REP1') {
  const result = await app.slack.team(team).slashCommand({ command, text, userId });
  expect(result.status).toBe(200);
  const [first] = await result.waitForResponses(1, ANSWER_WAIT_MS);
  const reply = first?.text === OPENING_MESSAGE ? (await result.waitForResponses(2, ANSWER_WAIT_MS))[1] : first;
  if (reply === undefined) throw new Error(`no reply to ${command} ${text}`);
  return reply;
}

/** A step a lead must exist for becomes a log of that lead when the workspace has none yet. */
function planStep(model: WorkspaceModel, step: Step): Step {
  if ('company' in step && step.op !== 'log' && !model.leads.has(step.company)) {
    return { op: 'log', company: step.company };
  }
  return step;
}

/** Sends the step as a person in workspace `team` would, checks the reply against the model, then updates it. */
export async function runStep(app: WorkspacesApp, team: string, model: WorkspaceModel, planned: Step): Promise<void> {
  const step = planStep(model, planned);
  switch (step.op) {
    case 'log': {
      const reply = await slash(app, team, '/lead', `source thomasnet ${step.company}`);
      const known = model.leads.has(step.company);
      expect(reply.text).toBe(
        known ? `${step.company} already has Thomasnet; nothing changed.` : `Logged ${step.company} from Thomasnet.`,
      );
      if (!known) model.leads.set(step.company, { stage: 'lead', campaign: null, value: 0 });
      return;
    }
    case 'mql': {
      const lead = model.leads.get(step.company)!;
      if (lead.stage !== 'lead') return;
      const reply = await slash(app, team, '/lead', `stage mql ${step.company}`);
      expect(reply.text).toBe(`Moved ${step.company} to MQL.`);
      lead.stage = 'mql';
      return;
    }
    case 'won': {
      const lead = model.leads.get(step.company)!;
      if (lead.stage === 'customer') return;
      const value = step.thousands * 1000;
      const reply = await slash(app, team, '/lead', `won ${step.company} value:${value}`);
      expect(reply.text).toBe(`${step.company} is a customer. Won! Value ${money(value)}.`);
      Object.assign(lead, { stage: 'customer', value });
      return;
    }
    case 'campaign': {
      const lead = model.leads.get(step.company)!;
      if (lead.campaign !== null) return;
      const reply = await slash(app, team, '/lead', `campaign ${step.campaign} ${step.company}`);
      expect(reply.text).toBe(`Attributed ${step.company} to campaign ${step.campaign}.`);
      lead.campaign = step.campaign;
      return;
    }
    case 'spend':
      return runSpend(app, team, model, step.campaign, step.thousands * 1000);
    case 'funnel':
      return runFunnel(app, team, model);
    case 'roi':
      return runRoi(app, team, model);
    case 'roi-campaign':
      return runRoiCampaign(app, team, model, step.campaign);
  }
}

async function runSpend(app: WorkspacesApp, team: string, model: WorkspaceModel, name: Campaign, amount: number) {
  const reply = await slash(app, team, '/roi', `cost ${name} ${amount} month:2026-11 category:event`, 'U0MANAGER');
  const before = model.spend.get(name) ?? 0;
  expect(reply.text).toContain(
    `Added ${money(amount)} of event spend on ${name} for November 2026: ` +
      `the month's total went from ${money(before)} to ${money(before + amount)}.`,
  );
  model.spend.set(name, before + amount);
}

async function runFunnel(app: WorkspacesApp, team: string, model: WorkspaceModel) {
  const reply = await slash(app, team, '/funnel', 'this-month');
  const leads = [...model.leads.values()];
  if (leads.length === 0) {
    expect(shown(reply)).not.toContain('*Lead* ');
    return;
  }
  const mqls = leads.filter((lead) => lead.stage !== 'lead').length;
  expect(shown(reply)).toContain(`*Lead* ${leads.length}\\n*MQL* ${mqls} (`);
}

function campaignFigures(model: WorkspaceModel, name: Campaign) {
  const leads = [...model.leads.values()].filter((lead) => lead.campaign === name);
  const revenue = leads.filter((lead) => lead.stage === 'customer').reduce((sum, lead) => sum + lead.value, 0);
  return { leads: leads.length, revenue, cost: model.spend.get(name) ?? 0 };
}

async function runRoi(app: WorkspacesApp, team: string, model: WorkspaceModel) {
  const text = shown(await slash(app, team, '/roi', ''));
  for (const name of CAMPAIGNS) {
    const figures = campaignFigures(model, name);
    if (figures.leads === 0 && figures.cost === 0) {
      expect(text).not.toContain(`*${name}*`);
      continue;
    }
    const line = text.split('\\n').find((row) => row.includes(`*${name}*`));
    expect(line).toContain(`cost ${money(figures.cost)} · revenue ${money(figures.revenue)}`);
  }
}

async function runRoiCampaign(app: WorkspacesApp, team: string, model: WorkspaceModel, name: Campaign) {
  const reply = await slash(app, team, '/roi', name);
  const figures = campaignFigures(model, name);
  if (figures.leads === 0 && figures.cost === 0) {
    expect(reply.text).toContain(`I have no campaign "${name}"`);
    return;
  }
  expect(shown(reply)).toContain(`*Cost*\\n${money(figures.cost)}`);
  expect(shown(reply)).toContain(`*Leads*\\n${figures.leads}`);
}
