// What spend, targets, visits and tracking numbers may hold, checked with zod before anything is written. The same
// field rules run on `/roi` input and on rows pulled from Notion (findRecordProblem in record-kinds.ts), so a
// manager's typo in either place is refused alike.

import { z } from 'zod';
import { MAX_AMOUNT } from '../domain/money.js';
import { SPEND_CATEGORIES, TARGET_STAGE_LABELS, TARGET_STAGES } from '../domain/types.js';
import { MAX_VISIT_COUNT } from '../domain/visits.js';
import { campaignSchema, sourceSchema } from './lead-input.js';

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

const TARGET_STAGE_NAMES = TARGET_STAGES.map((stage) => TARGET_STAGE_LABELS[stage]).join(', ');

const targetFieldsSchema = z.object({
  month: monthSchema,
  stage: z.enum(TARGET_STAGES, { error: `a target's stage is one of ${TARGET_STAGE_NAMES}` }),
  count: z.number().int('a target count is a whole number').min(0, 'a target count cannot be negative').nullish(),
  rate: z.number().min(0, 'a target rate is between 0 and 1').max(1, 'a target rate is between 0 and 1').nullish(),
});

export const visitCountSchema = z
  .number()
  .int('visits are a whole number')
  .min(0, 'visits cannot be negative')
  .max(MAX_VISIT_COUNT, 'that is more visits than a month can hold: check the number');

const visitFieldsSchema = z.object({
  month: monthSchema,
  source: sourceSchema.nullable(),
  visits: visitCountSchema,
});

export const spendSchema = spendFieldsSchema;

export const targetSchema = targetFieldsSchema
  .refine((target) => target.count != null || target.rate != null, 'a target needs a count or a rate')
  .refine((target) => target.stage !== 'lead' || target.rate == null, 'nothing converts into Lead: give a count')
  .refine((target) => target.stage !== 'visits' || target.rate == null, 'visits are planned as a count');

export const visitSchema = visitFieldsSchema;

/** E.164: a plus, a country code and at most 15 digits in all (the boundary parses what people type into this). */
export const e164Schema = z.string().regex(/^\+[1-9]\d{5,14}$/, 'a phone number in E.164 looks like +15550102000');

const numberFieldsSchema = z.object({
  number: e164Schema,
  campaign: campaignSchema.nullish(),
  source: sourceSchema.nullish(),
});

export const numberSchema = numberFieldsSchema;

/** The rules of each kind's fields, for the registry (record-kinds.ts): `/roi` input and Notion rows alike. */
export const SPEND_FIELD_RULES = spendFieldsSchema.shape;
export const TARGET_FIELD_RULES = targetFieldsSchema.shape;
export const VISIT_FIELD_RULES = visitFieldsSchema.shape;
export const NUMBER_FIELD_RULES = numberFieldsSchema.shape;
