// Views (modals and the Home tab) as views.open / update / push / publish check them. Slack answers a bad view with
// `invalid_arguments` and points into `/view/...`.

import { checkBlockKit } from './blocks.js';
import { checkText } from './composition.js';
import { BlockKitReport, isObject } from './report.js';

const MODAL_TITLE_MAX = 24;
const MODAL_BUTTON_MAX = 24;
const PRIVATE_METADATA_MAX = 3000;
const CALLBACK_ID_MAX = 255;
const EXTERNAL_ID_MAX = 255;

const COMMON_KEYS = ['type', 'blocks', 'private_metadata', 'callback_id', 'external_id'] as const;
const MODAL_KEYS = [...COMMON_KEYS, 'title', 'close', 'submit', 'clear_on_close', 'notify_on_close', 'submit_disabled'];

function hasInputBlock(blocks: unknown): boolean {
  return Array.isArray(blocks) && blocks.some((block) => isObject(block) && block.type === 'input');
}

function checkModalParts(report: BlockKitReport, view: Record<string, unknown>): void {
  const button = { kind: 'plain_text' as const, max: MODAL_BUTTON_MAX };
  checkText(report, view.title, '/view/title', { kind: 'plain_text', max: MODAL_TITLE_MAX, required: true });
  checkText(report, view.close, '/view/close', button);
  // A modal that asks for input needs a button to send it.
  checkText(report, view.submit, '/view/submit', { ...button, required: hasInputBlock(view.blocks) });
  for (const flag of ['clear_on_close', 'notify_on_close', 'submit_disabled']) {
    report.boolean(view[flag], `/view/${flag}`);
  }
}

/** Every problem Slack would report for a view of the expected kind; [] when it would accept it. */
export function checkView(view: unknown, expected: 'modal' | 'home'): string[] {
  const report = new BlockKitReport();
  if (!isObject(view)) {
    report.add('/view', 'must provide an object');
    return report.problems;
  }
  if (view.type !== expected) report.add('/view/type', `must be ${expected}`);
  report.onlyKnownKeys(view, '/view', expected === 'modal' ? MODAL_KEYS : COMMON_KEYS);
  if (expected === 'modal') checkModalParts(report, view);
  report.string(view.private_metadata, '/view/private_metadata', PRIVATE_METADATA_MAX);
  report.string(view.callback_id, '/view/callback_id', CALLBACK_ID_MAX);
  report.string(view.external_id, '/view/external_id', EXTERNAL_ID_MAX);
  return [...report.problems, ...checkBlockKit(view.blocks, expected, '/view/blocks')];
}
