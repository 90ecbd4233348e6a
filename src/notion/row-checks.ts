// Rows pulled from Notion keep the rules Slack input keeps (the store's own schemas): a value or amount that is
// negative or beyond 1,000,000,000,000, a company name over 200 characters, a rate outside 0–1, a month that is not
// YYYY-MM, a stage the Stage column does not offer ("Won"), visits that are negative, fractional or implausible. A
// row that breaks one is skipped whole; a field left empty is not a break (readers fall back, or leave a row still
// being typed for later).

import type { PageObjectResponse } from '@notionhq/client';
import { parsePhoneNumber } from '../ingest/phone.js';
import { type Entity, findRecordProblem, type PlanEntity } from '../store/index.js';
import type { SyncContext } from './context.js';
import { type PlainRecord, readOptionalText, readText } from './values.js';

/**
 * True when the row breaks a rule: the pull skips it, and the record here keeps its last good values. The log says
 * so once per problem — not on every poll that reads the row again — with the page's link, for a person to fix it.
 */
export function skipRejectedRow(ctx: SyncContext, entity: Entity, page: PageObjectResponse, problem: string | null) {
  const { links } = ctx.services;
  const key = `notion:rejected:${page.id}`;
  const logged = links.getSyncState(key);
  if (problem === null) {
    if (logged !== null) links.deleteSyncState(key);
    return false;
  }
  if (logged !== problem) {
    const recordId = links.findLinkByPage(page.id)?.entityId;
    ctx.log.warn('Skipped a Notion row that breaks a rule; the bot keeps its last good values', {
      entity,
      problem,
      page: page.url,
      ...(recordId === undefined ? {} : { recordId }),
    });
    links.setSyncState(key, problem);
  }
  return true;
}

/** Where a plan row keeps its checked values: its one option property, if any, and its numbers. */
export interface PlanRowLayout {
  /** The property and field of its option; a stage label lowercased is the stage itself ('Opportunity'). */
  option: readonly [string, string] | null;
  numbers: readonly (readonly [string, string])[];
}

/** A spend, target or visits row checked with the store's own field rules (findRecordProblem). */
export function findPlanRowProblem(entity: PlanEntity, plain: PlainRecord, layout: PlanRowLayout): string | null {
  const fields: Record<string, unknown> = {};
  const month = readMonthText(plain);
  if (month !== null) fields.month = month;
  const choice = layout.option;
  const option = choice === null ? '' : readText(plain, choice[0]).toLowerCase();
  if (choice !== null && option !== '') fields[choice[1]] = option;
  for (const [name, key] of layout.numbers) {
    if (typeof plain[name] === 'number') fields[key] = plain[name];
  }
  return findRecordProblem(entity, fields);
}

/** A Name that is not a phone number breaks the rule; an empty one is a row still being typed. */
export function findNumberRowProblem(plain: PlainRecord): string | null {
  const name = readText(plain, 'Name');
  if (name === '') return null;
  const number = parsePhoneNumber(name);
  return number.ok ? null : number.error;
}

export function findLeadRowProblem(plain: PlainRecord): string | null {
  const company = readText(plain, 'Name');
  const stage = readText(plain, 'Stage').toLowerCase();
  const value = plain.Value;
  return findRecordProblem('lead', {
    ...(company === '' ? {} : { company }),
    ...(typeof value === 'number' ? { value } : {}),
    ...(stage === '' ? {} : { stage }),
    contact: readOptionalText(plain, 'Contact'),
    notes: readOptionalText(plain, 'Notes'),
    lostReason: readOptionalText(plain, 'Lost reason'),
  });
}

/** The YYYY-MM a Month date starts with, or the text as it is when it does not start like one; null when empty. */
function readMonthText(plain: PlainRecord): string | null {
  const start = readText(plain, 'Month');
  if (start === '') return null;
  return /^\d{4}-\d{2}(?:-|$)/.test(start) ? start.slice(0, 7) : start;
}
