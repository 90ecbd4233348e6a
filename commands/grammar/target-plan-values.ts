// The "Plan the year" modal's lines → the targets to record, or the reason under each line that is wrong. A line
// holds twelve comma-separated values, January to December; `-` or nothing leaves a month as it is.

import { z } from 'zod';
import { MONTH_NAMES } from '../../src/domain/local-time.js';
import { TARGET_STAGES, type TargetStage } from '../../src/domain/types.js';
import { parseVisitCount } from '../../src/domain/visits.js';
import {
  buildPlanBlockId,
  KEEP_MARK,
  MONTHS_PER_LINE,
  type PlanField,
  RATE_STAGES,
  TARGET_PLAN_ACTION,
} from '../../src/slack/views/target-plan-modal.js';
import type { NewTarget } from '../../src/store/index.js';
import { parsePlanFigure } from './values.js';

const valuesSchema = z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullish() }).partial()));

export type TargetPlanValues = { ok: true; targets: NewTarget[] } | { ok: false; errors: Record<string, string> };

const EMPTY = new Set(['', KEEP_MARK, '–', '—']);

/** One month's value of a line: a count or a rate, or why it is neither. */
function parseEntry(field: PlanField, entry: string): { ok: true; value: number } | { ok: false; error: string } {
  if (field === 'count') {
    const count = parseVisitCount(entry);
    return count.ok ? count : { ok: false, error: `"${entry}" is not a count (a whole number, e.g. 120)` };
  }
  const figure = parsePlanFigure(entry);
  if (figure.ok && figure.value.kind === 'rate') return { ok: true, value: figure.value.rate };
  return { ok: false, error: `"${entry}" is not a rate (a percentage up to 100%, e.g. 35%)` };
}

/** A line's twelve values (null: leave the month), or the first problem in it. */
function parseLine(
  field: PlanField,
  text: string,
): { ok: true; values: (number | null)[] } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: true, values: Array(MONTHS_PER_LINE).fill(null) };
  const entries = text.split(',').map((entry) => entry.trim());
  if (entries.length !== MONTHS_PER_LINE) {
    return {
      ok: false,
      error: `Give ${MONTHS_PER_LINE} values, one per month from January to December (this line has ${entries.length}); ${KEEP_MARK} leaves a month as it is.`,
    };
  }
  const values: (number | null)[] = [];
  for (const [m, entry] of entries.entries()) {
    if (EMPTY.has(entry)) {
      values.push(null);
      continue;
    }
    const parsed = parseEntry(field, entry);
    if (!parsed.ok) return { ok: false, error: `${MONTH_NAMES[m]}: ${parsed.error}.` };
    values.push(parsed.value);
  }
  return { ok: true, values };
}

/** The lines of a submission as targets for the year: one per month and stage with anything given. */
export function parseTargetPlanValues(raw: unknown, year: number): TargetPlanValues {
  const parsed = valuesSchema.safeParse(raw);
  const state = parsed.success ? parsed.data : {};
  const errors: Record<string, string> = {};
  const byKey = new Map<string, NewTarget>();
  const fields: [PlanField, readonly TargetStage[]][] = [
    ['count', TARGET_STAGES],
    ['rate', RATE_STAGES],
  ];
  for (const [field, stages] of fields) {
    for (const stage of stages) {
      const blockId = buildPlanBlockId(field, stage);
      const line = parseLine(field, state[blockId]?.[TARGET_PLAN_ACTION]?.value ?? '');
      if (!line.ok) {
        errors[blockId] = line.error;
        continue;
      }
      line.values.forEach((value, m) => {
        if (value === null) return;
        const month = `${year}-${String(m + 1).padStart(2, '0')}`;
        const key = `${month}|${stage}`;
        byKey.set(key, { ...(byKey.get(key) ?? { month, stage }), [field]: value });
      });
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, targets: [...byKey.values()] };
}
