// What callers may hand the lead service, checked with zod before anything is written. The limits follow Notion:
// select option names are at most 100 characters without commas, rich text objects at most 2000 characters.

import { z } from 'zod';
import { MAX_AMOUNT } from '../domain/money.js';
import { type Actor, CHANNELS, type Channel, type Lead, STAGE_LABELS, STAGES, type Stage } from '../domain/types.js';
import { StoreError } from './errors.js';

/** Who makes a change and when it takes effect (`at`, for backdating with on:<date>; default: now). */
export interface ChangeContext {
  actor: Actor;
  at?: number;
}

export interface NewLead {
  company: string;
  contact?: string | null;
  source?: string;
  campaign?: string | null;
  channel?: Channel;
  stage?: Stage;
  value?: number | null;
  notes?: string | null;
  /** Imports keep their own id; otherwise the next 'L-000123'. */
  id?: string;
  createdAt?: number;
  /** Whose lead it is when not the person (or webhook) logging it. */
  owner?: Actor;
  trackedSource?: string | null;
  trackedCampaign?: string | null;
}

export const EDITABLE_LEAD_FIELDS = [
  'company',
  'contact',
  'source',
  'campaign',
  'channel',
  'value',
  'notes',
  'lostReason',
  'ownerId',
  'ownerName',
] as const;
export type LeadPatch = Partial<Pick<Lead, (typeof EDITABLE_LEAD_FIELDS)[number]>>;

const optionName = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} is empty`)
    .max(100, `${what} is longer than 100 characters`)
    .refine((text) => !text.includes(','), `${what} cannot contain a comma`);

export const companySchema = z
  .string()
  .trim()
  .min(1, 'the company name is empty')
  .max(200, 'the company name is longer than 200 characters');
export const sourceSchema = optionName('the source');
export const campaignSchema = optionName('the campaign');
export const valueSchema = z
  .number()
  .refine(Number.isFinite, 'the value must be a number')
  .min(0, 'the value cannot be negative')
  .max(MAX_AMOUNT, 'the value is larger than 1,000,000,000,000');
const textSchema = (what: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${what} is longer than ${max} characters`)
    .transform((text) => (text === '' ? null : text));
const STAGE_NAMES = STAGES.map((stage) => STAGE_LABELS[stage]).join(', ');
const stageSchema = z.enum(['lead', 'mql', 'sql', 'opportunity', 'customer', 'lost'], {
  error: `the stage is one of ${STAGE_NAMES}`,
});
const instantSchema = z.number().int('a time must be whole milliseconds');

const newLeadSchema = z.object({
  company: companySchema,
  contact: textSchema('the contact', 200).nullish(),
  source: sourceSchema.optional(),
  campaign: campaignSchema.nullish(),
  channel: z.enum(CHANNELS).optional(),
  stage: stageSchema.optional(),
  value: valueSchema.nullish(),
  notes: textSchema('the notes', 2000).nullish(),
  id: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,40}$/, 'a lead id is 1–40 letters, digits or dashes')
    .optional(),
  createdAt: instantSchema.optional(),
  owner: z.object({ id: z.string().trim().min(1).max(100), name: z.string().trim().min(1).max(200) }).optional(),
  trackedSource: sourceSchema.nullish(),
  trackedCampaign: campaignSchema.nullish(),
});

/**
 * The rules every stored lead field keeps, whoever typed it: Slack input is parsed with the schemas above, and rows
 * pulled from Notion are checked field by field with the very same ones (leadRecordProblem).
 */
export const LEAD_FIELD_RULES = {
  company: companySchema,
  contact: textSchema('the contact', 200).nullable(),
  value: valueSchema.nullable(),
  stage: stageSchema,
  notes: textSchema('the notes', 2000).nullable(),
  lostReason: textSchema('the lost reason', 2000).nullable(),
} as const satisfies Record<string, z.ZodType>;

/** Lead fields as an outside source holds them, still unchecked. */
export type LeadRecordFields = Partial<Record<keyof typeof LEAD_FIELD_RULES, unknown>>;

const patchSchema = z
  .object({
    company: companySchema,
    contact: textSchema('the contact', 200).nullable(),
    source: sourceSchema,
    campaign: campaignSchema.nullable(),
    channel: z.enum(CHANNELS),
    value: valueSchema.nullable(),
    notes: textSchema('the notes', 2000).nullable(),
    lostReason: textSchema('the lost reason', 2000).nullable(),
    ownerId: z.string().trim().min(1, 'the owner id is empty'),
    ownerName: z.string().trim().min(1, 'the owner name is empty'),
  })
  .partial()
  .strict();

/** Runs a schema and turns its first complaint into a StoreError('invalid') a person can read. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new StoreError('invalid', result.error.issues[0]?.message ?? 'invalid input');
}

/** What is wrong with a value, in the words a StoreError would use, or null when it keeps the rules. */
export function findProblem(schema: z.ZodType, input: unknown): string | null {
  const result = schema.safeParse(input);
  return result.success ? null : (result.error.issues[0]?.message ?? 'invalid input');
}

/** The first rule the given lead fields break (only those given are checked), or null. */
export function leadRecordProblem(fields: LeadRecordFields): string | null {
  return findFieldsProblem(LEAD_FIELD_RULES, fields);
}

/**
 * Runs each given field through its own schema. One object schema would say the same, but a pull checks every row it
 * reads (20,000 on an import), and field by field costs a tenth as much.
 */
export function findFieldsProblem(rules: Readonly<Record<string, z.ZodType>>, fields: object): string | null {
  for (const [field, value] of Object.entries(fields)) {
    const rule = rules[field];
    const problem = rule === undefined ? null : findProblem(rule, value);
    if (problem !== null) return problem;
  }
  return null;
}

export function parseNewLead(input: NewLead) {
  return parseInput(newLeadSchema, input);
}

export function parseLeadPatch(input: LeadPatch): LeadPatch {
  return parseInput(patchSchema, input);
}
