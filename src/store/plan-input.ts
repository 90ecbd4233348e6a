// What spend and targets may hold, checked with zod before anything is written. The same field rules run on `/roi`
// input and on rows pulled from Notion (planFieldsProblem), so a manager's typo in either place is refused alike.

import { z } from 'zod';
import { MAX_AMOUNT } from '../domain/money.js';
import { FUNNEL_STAGES, SPEND_CATEGORIES, STAGE_LABELS } from '../domain/types.js';
import { campaignSchema, findFieldsProblem, sourceSchema } from './lead-input.js';

export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month looks like 2026-10');

export const amountSchema = z
  .number()
  .refine(Number.isFinite, 'the amount must be a number')
  .min(0, 'the amount cannot be negative')
  .max(MAX_AMOUNT, 'the amount is larger than 1,000,000,000,000');

const spendFieldsSchema = z.object({
  campaign: campaignSchema.nullable(),
  source: sourceSchema.nullish(),
  month: monthSchema,
  amount: amountSchema,
  category: z.enum(SPEND_CATEGORIES, { error: `the category is one of ${SPEND_CATEGORIES.join(', ')}` }),
});

const FUNNEL_STAGE_NAMES = FUNNEL_STAGES.map((stage) => STAGE_LABELS[stage]).join(', ');

const targetFieldsSchema = z.object({
  month: monthSchema,
  stage: z.enum(FUNNEL_STAGES, { error: `a target's stage is one of ${FUNNEL_STAGE_NAMES}` }),
  count: z.number().int('a target count is a whole number').min(0, 'a target count cannot be negative').nullish(),
  rate: z.number().min(0, 'a target rate is between 0 and 1').max(1, 'a target rate is between 0 and 1').nullish(),
});

export const spendSchema = spendFieldsSchema;

export const targetSchema = targetFieldsSchema
  .refine((target) => target.count != null || target.rate != null, 'a target needs a count or a rate')
  .refine((target) => target.stage !== 'lead' || target.rate == null, 'nothing converts into Lead: give a count');

/** E.164: a plus, a country code and at most 15 digits in all (the boundary parses what people type into this). */
export const e164Schema = z.string().regex(/^\+[1-9]\d{5,14}$/, 'a phone number in E.164 looks like +15550102000');

const numberFieldsSchema = z.object({
  number: e164Schema,
  campaign: campaignSchema.nullish(),
  source: sourceSchema.nullish(),
});

export const numberSchema = numberFieldsSchema;

const FIELD_RULES = {
  spend: spendFieldsSchema.shape,
  target: targetFieldsSchema.shape,
  number: numberFieldsSchema.shape,
} as const;

/** The first rule the given spend, target or tracking number fields break (only those given are checked), or null. */
export function planFieldsProblem(
  entity: 'spend' | 'target' | 'number',
  fields: Record<string, unknown>,
): string | null {
  return findFieldsProblem(FIELD_RULES[entity], fields);
}
