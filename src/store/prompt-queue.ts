// The questions the bot asks reps ("where did they say they heard of us?"), as a queue in the store: a row per lead
// and kind, written in the same transaction as the change that calls for it, drained by a timer. A restart loses
// none, and the UNIQUE (lead_id, kind) key means a lead is asked once and reminded once, never more.

import { type Db, prepareCached } from './open-store.js';

export type PromptKind = 'ask' | 'reminder';
/** What became of a prompt: posted, not needed any more (answered first), or nobody to ask. */
export type PromptOutcome = 'sent' | 'answered' | 'no_recipient' | 'gone' | 'failed';

export interface Prompt {
  id: number;
  leadId: string;
  kind: PromptKind;
  inquiryId: string | null;
  /** A Slack user or channel id; null: the worker decides (INQUIRY_CHANNEL, or nobody). */
  recipient: string | null;
  similar: string[];
  createdAt: number;
  dueAt: number;
  attempts: number;
}

interface PromptRow {
  id: number;
  lead_id: string;
  kind: PromptKind;
  inquiry_id: string | null;
  recipient: string | null;
  similar: string | null;
  created_at: number;
  due_at: number;
  attempts: number;
}

function buildPrompt(row: PromptRow): Prompt {
  return {
    id: row.id,
    leadId: row.lead_id,
    kind: row.kind,
    inquiryId: row.inquiry_id,
    recipient: row.recipient,
    similar: row.similar === null ? [] : (JSON.parse(row.similar) as string[]),
    createdAt: row.created_at,
    dueAt: row.due_at,
    attempts: row.attempts,
  };
}

export interface PromptRequest {
  leadId: string;
  kind: PromptKind;
  dueAt: number;
  now: number;
  recipient?: string | null;
  inquiryId?: string | null;
  similar?: readonly string[];
}

/**
 * Queues a prompt; one already queued for the lead and kind keeps its row (and stays single) but comes due no later
 * than asked and learns the inquiry, while one already sent is left alone.
 */
export function enqueuePrompt(db: Db, request: PromptRequest): void {
  // Portable to Postgres: "similar" is a keyword there, and MIN of two values is spelt as a CASE.
  const sql = `INSERT INTO prompts (lead_id, kind, inquiry_id, recipient, "similar", created_at, due_at)
    VALUES (@leadId, @kind, @inquiryId, @recipient, @similar, @now, @dueAt)
    ON CONFLICT (lead_id, kind) DO UPDATE SET
      due_at = CASE WHEN excluded.due_at < prompts.due_at THEN excluded.due_at ELSE prompts.due_at END,
      inquiry_id = COALESCE(excluded.inquiry_id, prompts.inquiry_id),
      recipient = COALESCE(excluded.recipient, prompts.recipient),
      "similar" = COALESCE(excluded."similar", prompts."similar")
    WHERE prompts.sent_at IS NULL`;
  prepareCached(db, sql).run({
    leadId: request.leadId,
    kind: request.kind,
    inquiryId: request.inquiryId ?? null,
    recipient: request.recipient ?? null,
    similar: request.similar && request.similar.length > 0 ? JSON.stringify(request.similar) : null,
    now: request.now,
    dueAt: request.dueAt,
  });
}

export function readDuePrompts(db: Db, now: number, limit: number): Prompt[] {
  const sql = 'SELECT * FROM prompts WHERE sent_at IS NULL AND due_at <= ? ORDER BY due_at, id LIMIT ?';
  return (prepareCached(db, sql).all(now, limit) as PromptRow[]).map(buildPrompt);
}

export function readPrompts(db: Db, leadId: string): (Prompt & { sentAt: number | null; outcome: string | null })[] {
  const rows = prepareCached(db, 'SELECT * FROM prompts WHERE lead_id = ? ORDER BY id').all(leadId) as (PromptRow & {
    sent_at: number | null;
    outcome: string | null;
  })[];
  return rows.map((row) => ({ ...buildPrompt(row), sentAt: row.sent_at, outcome: row.outcome }));
}

export function completePrompt(db: Db, id: number, outcome: PromptOutcome, now: number): void {
  prepareCached(db, 'UPDATE prompts SET sent_at = ?, outcome = ? WHERE id = ? AND sent_at IS NULL').run(
    now,
    outcome,
    id,
  );
}

export function retryPrompt(db: Db, id: number, error: string, dueAt: number): void {
  const sql = 'UPDATE prompts SET attempts = attempts + 1, last_error = ?, due_at = ? WHERE id = ?';
  prepareCached(db, sql).run(error, dueAt, id);
}
