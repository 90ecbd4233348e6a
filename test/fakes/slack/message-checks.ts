// The checks Slack runs on a message body before posting it: text or blocks present, sizes, Block Kit rules (the
// fake's own checker in block-kit/), and image blocks that point at files Slack has finished processing.

import { type ApiAnswer, fail, failInvalidBlocks } from './api-answer.js';
import { checkBlockKit } from './block-kit/index.js';
import { isRecord, jsonArg, stringArg } from './request-body.js';
import type { FakeSlackState } from './state.js';

const MAX_MESSAGE_TEXT = 40_000;

export interface MessageBody {
  text?: string;
  blocks?: unknown[];
}

/** The `slack_file.id` of every image (block or element) anywhere inside `value`, with its JSON pointer. */
function collectSlackFileIds(value: unknown, pointer: string, found: { id: string; pointer: string }[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      collectSlackFileIds(item, `${pointer}/${i}`, found);
    });
    return;
  }
  if (!isRecord(value)) return;
  const file = value.slack_file;
  if (isRecord(file) && typeof file.id === 'string') found.push({ id: file.id, pointer: `${pointer}/slack_file` });
  for (const [key, child] of Object.entries(value)) {
    if (key !== 'slack_file') collectSlackFileIds(child, `${pointer}/${key}`, found);
  }
}

export function isFileProcessed(state: FakeSlackState, fileId: string): boolean {
  const file = state.files.get(fileId);
  if (file === undefined || !file.completed || file.completedAt === undefined) return false;
  return state.options.clock() >= file.completedAt + state.options.fileProcessingMs;
}

/** Problems with image blocks whose file is unknown or still being processed (Slack answers invalid_blocks). */
export function checkSlackFiles(state: FakeSlackState, blocks: unknown[], root: string): string[] {
  const found: { id: string; pointer: string }[] = [];
  collectSlackFileIds(blocks, root, found);
  return found
    .filter(({ id }) => !isFileProcessed(state, id))
    .map(({ id, pointer }) => `invalid slack file ${id}: not found or not processed yet [json-pointer:${pointer}]`);
}

/** Parses and checks `text` and `blocks` (Slack requires one of them, or attachments). */
export function parseMessageBody(
  state: FakeSlackState,
  args: Record<string, unknown>,
): { ok: true; body: MessageBody } | { ok: false; answer: ApiAnswer } {
  const text = stringArg(args, 'text');
  const parsed = jsonArg(args, 'blocks');
  if (!parsed.ok || (parsed.value !== undefined && !Array.isArray(parsed.value))) {
    return { ok: false, answer: fail('invalid_blocks_format') };
  }
  const blocks: unknown[] | undefined = Array.isArray(parsed.value) ? parsed.value : undefined;
  const attachments = jsonArg(args, 'attachments');
  const hasAttachments = attachments.ok && Array.isArray(attachments.value) && attachments.value.length > 0;
  if ((text === undefined || text === '') && (blocks === undefined || blocks.length === 0) && !hasAttachments) {
    return { ok: false, answer: fail('no_text') };
  }
  if (text !== undefined && [...text].length > MAX_MESSAGE_TEXT) return { ok: false, answer: fail('msg_too_long') };
  if (blocks !== undefined) {
    const problems = [...checkBlockKit(blocks, 'message'), ...checkSlackFiles(state, blocks, '/blocks')];
    if (problems.length > 0) return { ok: false, answer: failInvalidBlocks(problems) };
  }
  return { ok: true, body: { text, blocks } };
}
