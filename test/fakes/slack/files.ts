// The external upload flow `files.uploadV2` drives: getUploadURLExternal → POST the bytes → completeUploadExternal.

import { type ApiAnswer, fail, failInvalidBlocks, type MethodHandler } from './api-answer.js';
import { checkBlockKit } from './block-kit/index.js';
import { checkSlackFiles, isFileProcessed } from './message-checks.js';
import { isMultipart, isRecord, jsonArg, parseMultipart, stringArg } from './request-body.js';
import { type FakeSlackState, nextId, nextTs, resolvePostTarget, takeFault } from './state.js';
import type { RecordedFile, RecordedMessage } from './types.js';

const MIME_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', csv: 'text/csv', txt: 'text/plain' };

function buildFileObject(state: FakeSlackState, file: RecordedFile): Record<string, unknown> {
  const extension = file.filename.split('.').pop()?.toLowerCase() ?? '';
  return {
    id: file.id,
    name: file.filename,
    title: file.title ?? file.filename,
    mimetype: MIME_TYPES[extension] ?? 'application/octet-stream',
    filetype: extension,
    size: file.bytes.length,
    user: state.options.botUserId,
    url_private: `${state.baseUrl}files-pri/${state.options.teamId}-${file.id}/${file.filename}`,
    channels: file.channel === undefined ? [] : [file.channel],
    is_public: file.channel !== undefined,
  };
}

const handleGetUploadUrl: MethodHandler = ({ state, args }) => {
  const filename = stringArg(args, 'filename');
  const length = Number(stringArg(args, 'length'));
  if (filename === undefined || filename === '') return fail('invalid_arguments', ['filename is missing']);
  if (!Number.isInteger(length) || length < 1) return fail('invalid_arguments', ['length must be a positive integer']);
  const id = nextId(state, 'F');
  state.files.set(id, { id, filename, length, bytes: Buffer.alloc(0), uploaded: false, completed: false });
  return { ok: true, upload_url: `${state.baseUrl}upload/v1/${id}`, file_id: id };
};

function parseFileList(args: Record<string, unknown>): { id: string; title?: string }[] | null {
  const parsed = jsonArg(args, 'files');
  if (!parsed.ok || !Array.isArray(parsed.value) || parsed.value.length === 0) return null;
  const entries: { id: string; title?: string }[] = [];
  for (const entry of parsed.value) {
    if (!isRecord(entry) || typeof entry.id !== 'string') return null;
    entries.push({ id: entry.id, title: typeof entry.title === 'string' ? entry.title : undefined });
  }
  return entries;
}

/** Slack ignores `blocks` when an `initial_comment` is given; both are optional. */
function parseShareMessage(state: FakeSlackState, args: Record<string, unknown>) {
  const text = stringArg(args, 'initial_comment');
  if (text !== undefined) return { ok: true as const, text, blocks: undefined };
  const parsed = jsonArg(args, 'blocks');
  if (!parsed.ok || (parsed.value !== undefined && !Array.isArray(parsed.value))) {
    return { ok: false as const, answer: fail('invalid_blocks_format') };
  }
  const blocks: unknown[] | undefined = Array.isArray(parsed.value) ? parsed.value : undefined;
  const problems =
    blocks === undefined ? [] : [...checkBlockKit(blocks, 'message'), ...checkSlackFiles(state, blocks, '/blocks')];
  if (problems.length > 0) return { ok: false as const, answer: failInvalidBlocks(problems) };
  return { ok: true as const, text: undefined, blocks };
}

const handleCompleteUpload: MethodHandler = ({ state, args }): ApiAnswer => {
  const entries = parseFileList(args);
  if (entries === null) return fail('invalid_arguments', ['files must be a JSON array of {id, title}']);
  const missing = entries.find(({ id }) => state.files.get(id)?.uploaded !== true);
  if (missing !== undefined) return fail('file_not_found', [`no uploaded bytes for file ${missing.id}`]);
  const channelArg = stringArg(args, 'channel_id') ?? stringArg(args, 'channels')?.split(',')[0];
  const target = channelArg === undefined ? undefined : resolvePostTarget(state, channelArg, false);
  if (target !== undefined && !target.ok) return fail(target.error);
  const share = parseShareMessage(state, args);
  if (!share.ok) return share.answer;
  const files = entries.map(({ id, title }) => {
    const file = state.files.get(id)!;
    Object.assign(file, { title: title ?? file.title, completed: true, completedAt: state.options.clock() });
    if (target !== undefined) file.channel = target.channelId;
    return file;
  });
  if (target !== undefined) {
    const message: RecordedMessage = {
      kind: 'file_share',
      channel: target.channelId,
      text: share.text,
      blocks: share.blocks,
      ts: nextTs(state),
      thread_ts: stringArg(args, 'thread_ts'),
      files: files.map((file) => file.id),
      edits: 0,
    };
    state.messages.push(message);
  }
  return { ok: true, files: files.map((file) => buildFileObject(state, file)) };
};

const handleFilesInfo: MethodHandler = ({ state, args }) => {
  const file = state.files.get(stringArg(args, 'file') ?? '');
  if (file === undefined || !file.completed) return fail('file_not_found');
  return { ok: true, file: { ...buildFileObject(state, file), is_processed: isFileProcessed(state, file.id) } };
};

export const FILE_METHODS: Record<string, MethodHandler> = {
  'files.getUploadURLExternal': handleGetUploadUrl,
  'files.completeUploadExternal': handleCompleteUpload,
  'files.info': handleFilesInfo,
};

/** The bytes of an upload: the first file part of a multipart body, or the raw body. */
async function extractUploadBytes(body: Buffer, contentType: string | undefined): Promise<Buffer> {
  if (!isMultipart(contentType)) return body;
  const form = await parseMultipart(body, contentType ?? '');
  for (const value of form.values()) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  return Buffer.alloc(0);
}

/** The upload_url endpoint. Slack answers plain text here, and only 200 means the bytes were accepted. */
export async function handleUploadRequest(
  state: FakeSlackState,
  fileId: string,
  body: Buffer,
  contentType: string | undefined,
): Promise<{ status: number; text: string }> {
  const fault = takeFault(state, 'upload_url');
  if (fault !== undefined) return { status: typeof fault === 'string' ? 500 : fault.status, text: 'fault injected' };
  const file = state.files.get(fileId);
  if (file === undefined || file.completed) return { status: 404, text: 'not_found' };
  const bytes = await extractUploadBytes(body, contentType);
  if (bytes.length !== file.length) {
    return { status: 400, text: `length mismatch: expected ${file.length} bytes, got ${bytes.length}` };
  }
  file.bytes = bytes;
  file.uploaded = true;
  return { status: 200, text: `OK - ${bytes.length}` };
}
