// Layout blocks, as Slack's Block Kit reference defines them, and the list of them a surface may hold: every rule
// Slack answers `invalid_blocks` (messages) or `invalid_arguments` (views) for.

import { checkImageSource, checkText } from './composition.js';
import { checkElement } from './elements.js';
import { BlockKitReport, isObject, type JsonObject } from './report.js';

export type Surface = 'message' | 'modal' | 'home';

export const SURFACE_BLOCKS_MAX: Readonly<Record<Surface, number>> = { message: 50, modal: 100, home: 100 };
const BLOCK_ID_MAX = 255;
const SECTION_TEXT_MAX = 3000;
const SECTION_FIELDS_MAX = 10;
const FIELD_TEXT_MAX = 2000;
const HEADER_TEXT_MAX = 150;
const CONTEXT_ELEMENTS_MAX = 10;
const CONTEXT_TEXT_MAX = 3000;
const ACTIONS_ELEMENTS_MAX = 25;
const IMAGE_ALT_TEXT_MAX = 2000;
const IMAGE_TITLE_MAX = 2000;
const INPUT_LABEL_MAX = 2000;
const INPUT_HINT_MAX = 2000;
const MARKDOWN_TEXT_MAX = 12_000;
const VIDEO_TITLE_MAX = 200;

interface BlockSpec {
  /** Fields besides `type` and `block_id`. */
  keys: readonly string[];
  /** Surfaces that accept the block; all three when absent. */
  surfaces?: readonly Surface[];
  check?: (report: BlockKitReport, block: JsonObject, pointer: string) => void;
}

function checkSection(report: BlockKitReport, block: JsonObject, pointer: string): void {
  if (block.text === undefined && block.fields === undefined) report.add(pointer, 'must provide text or fields');
  checkText(report, block.text, `${pointer}/text`, { kind: 'any', max: SECTION_TEXT_MAX });
  const fields = report.array(block.fields, `${pointer}/fields`, { min: 1, max: SECTION_FIELDS_MAX });
  fields.forEach((field, i) => {
    checkText(report, field, `${pointer}/fields/${i}`, { kind: 'any', max: FIELD_TEXT_MAX, required: true });
  });
  if (block.accessory !== undefined) checkElement(report, block.accessory, `${pointer}/accessory`, 'accessory');
  report.boolean(block.expand, `${pointer}/expand`);
}

function checkContext(report: BlockKitReport, block: JsonObject, pointer: string): void {
  const limits = { min: 1, max: CONTEXT_ELEMENTS_MAX };
  report.array(block.elements, `${pointer}/elements`, limits, true).forEach((element, i) => {
    const at = `${pointer}/elements/${i}`;
    if (isObject(element) && element.type === 'image') {
      report.onlyKnownKeys(element, at, ['type', 'image_url', 'slack_file', 'alt_text']);
      checkImageSource(report, element, at);
      report.string(element.alt_text, `${at}/alt_text`, IMAGE_ALT_TEXT_MAX, true);
    } else {
      checkText(report, element, at, { kind: 'any', max: CONTEXT_TEXT_MAX, required: true });
    }
  });
}

/** Slack wants the action_ids of one block's elements to differ; across blocks they may repeat. */
function checkActions(report: BlockKitReport, block: JsonObject, pointer: string): void {
  const seen = new Set<string>();
  const limits = { min: 1, max: ACTIONS_ELEMENTS_MAX };
  report.array(block.elements, `${pointer}/elements`, limits, true).forEach((element, i) => {
    const actionId = checkElement(report, element, `${pointer}/elements/${i}`, 'actions');
    if (actionId === undefined) return;
    if (seen.has(actionId)) {
      report.add(`${pointer}/elements/${i}/action_id`, `action_id "${actionId}" is already used in this block`);
    }
    seen.add(actionId);
  });
}

function checkImage(report: BlockKitReport, block: JsonObject, pointer: string): void {
  checkImageSource(report, block, pointer);
  report.string(block.alt_text, `${pointer}/alt_text`, IMAGE_ALT_TEXT_MAX, true);
  checkText(report, block.title, `${pointer}/title`, { kind: 'plain_text', max: IMAGE_TITLE_MAX });
}

function checkInput(report: BlockKitReport, block: JsonObject, pointer: string): void {
  checkText(report, block.label, `${pointer}/label`, { kind: 'plain_text', max: INPUT_LABEL_MAX, required: true });
  checkText(report, block.hint, `${pointer}/hint`, { kind: 'plain_text', max: INPUT_HINT_MAX });
  if (block.element === undefined) report.add(`${pointer}/element`, 'must provide an object');
  else checkElement(report, block.element, `${pointer}/element`, 'input');
  report.boolean(block.optional, `${pointer}/optional`);
  report.boolean(block.dispatch_action, `${pointer}/dispatch_action`);
}

const BLOCKS: Record<string, BlockSpec> = {
  section: { keys: ['text', 'fields', 'accessory', 'expand'], check: checkSection },
  header: {
    keys: ['text'],
    check(report, block, pointer) {
      checkText(report, block.text, `${pointer}/text`, { kind: 'plain_text', max: HEADER_TEXT_MAX, required: true });
    },
  },
  divider: { keys: [] },
  context: { keys: ['elements'], check: checkContext },
  actions: { keys: ['elements'], check: checkActions },
  image: { keys: ['image_url', 'slack_file', 'alt_text', 'title'], check: checkImage },
  input: { keys: ['label', 'element', 'hint', 'optional', 'dispatch_action'], check: checkInput },
  rich_text: {
    keys: ['elements'],
    check(report, block, pointer) {
      report.array(block.elements, `${pointer}/elements`, { max: Number.POSITIVE_INFINITY }, true);
    },
  },
  markdown: {
    keys: ['text'],
    surfaces: ['message'],
    check(report, block, pointer) {
      report.string(block.text, `${pointer}/text`, MARKDOWN_TEXT_MAX, true);
    },
  },
  file: { keys: ['external_id', 'source'], surfaces: ['message'] },
  video: {
    keys: [
      ...['alt_text', 'author_name', 'description', 'provider_icon_url', 'provider_name', 'title', 'title_url'],
      ...['thumbnail_url', 'video_url'],
    ],
    check(report, block, pointer) {
      report.string(block.alt_text, `${pointer}/alt_text`, IMAGE_ALT_TEXT_MAX, true);
      checkText(report, block.title, `${pointer}/title`, { kind: 'plain_text', max: VIDEO_TITLE_MAX, required: true });
    },
  },
};

function checkBlock(report: BlockKitReport, block: unknown, pointer: string, surface: Surface): void {
  if (!isObject(block)) {
    report.add(pointer, 'must provide an object');
    return;
  }
  const spec = typeof block.type === 'string' ? BLOCKS[block.type] : undefined;
  if (spec === undefined) {
    report.add(`${pointer}/type`, `unsupported type: ${String(block.type)}`);
    return;
  }
  if (spec.surfaces !== undefined && !spec.surfaces.includes(surface)) {
    report.add(`${pointer}/type`, `${String(block.type)} blocks are not allowed in a ${surface}`);
  }
  report.onlyKnownKeys(block, pointer, ['type', 'block_id', ...spec.keys]);
  report.string(block.block_id, `${pointer}/block_id`, BLOCK_ID_MAX);
  spec.check?.(report, block, pointer);
}

/**
 * Every problem Slack would report for `blocks` on `surface` ([] when it would accept them). `root` is the JSON
 * pointer of the list in the request: '/blocks' for a message, '/view/blocks' for a view.
 */
export function checkBlockKit(blocks: unknown, surface: Surface, root = '/blocks'): string[] {
  const report = new BlockKitReport();
  const list = report.array(blocks, root, { max: SURFACE_BLOCKS_MAX[surface] }, true);
  const blockIds = new Set<string>();
  list.forEach((block, i) => {
    checkBlock(report, block, `${root}/${i}`, surface);
    const blockId = isObject(block) ? block.block_id : undefined;
    if (typeof blockId !== 'string') return;
    if (blockIds.has(blockId)) report.add(`${root}/${i}/block_id`, `block_id "${blockId}" is already used`);
    blockIds.add(blockId);
  });
  return report.problems;
}
