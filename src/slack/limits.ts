// Slack's Block Kit limits in one table, and a validator that reports every violation of them. The builders in
// blocks.ts truncate to these numbers; the fake Slack server rejects payloads that break them, as Slack would.

export const SLACK_LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  /** A text object inside a context block shares the general text-object ceiling. */
  contextText: 3000,
  actionsElements: 25,
  staticSelectOptions: 100,
  optionText: 75,
  buttonText: 75,
  buttonValue: 2000,
  modalTitle: 24,
  modalButtonText: 24,
  privateMetadata: 3000,
  blockId: 255,
  actionId: 255,
  imageAltText: 2000,
  imageTitle: 2000,
  messageText: 40000,
} as const;

export type Surface = 'message' | 'modal';

/** Block types our app builds or could receive back from Slack; anything else is reported. */
const KNOWN_BLOCK_TYPES = new Set([
  'section',
  'header',
  'context',
  'divider',
  'image',
  'actions',
  'input',
  'rich_text',
  'markdown',
  'file',
  'video',
]);

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Slack counts characters, not UTF-16 units: an emoji is one. */
export function countChars(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

function textOf(object: unknown): string | null {
  return isRecord(object) && typeof object.text === 'string' ? object.text : null;
}

function checkLength(problems: string[], where: string, text: string | null, max: number, required = true): void {
  if (text === null) {
    if (required) problems.push(`${where}: text is missing`);
    return;
  }
  const length = countChars(text);
  if (length === 0 && required) problems.push(`${where}: text is empty`);
  if (length > max) problems.push(`${where}: ${length} characters, more than ${max}`);
}

function checkOptionalString(problems: string[], where: string, value: unknown, max: number): void {
  if (typeof value === 'string' && countChars(value) > max) {
    problems.push(`${where}: ${countChars(value)} characters, more than ${max}`);
  }
}

function checkElement(problems: string[], where: string, element: unknown): void {
  if (!isRecord(element)) {
    problems.push(`${where}: not an object`);
    return;
  }
  checkOptionalString(problems, `${where}.action_id`, element.action_id, SLACK_LIMITS.actionId);
  if (element.type === 'button') {
    checkLength(problems, `${where}.text`, textOf(element.text), SLACK_LIMITS.buttonText);
    checkOptionalString(problems, `${where}.value`, element.value, SLACK_LIMITS.buttonValue);
  }
  if (element.type === 'static_select' || element.type === 'multi_static_select') {
    const options = Array.isArray(element.options) ? element.options : [];
    if (options.length > SLACK_LIMITS.staticSelectOptions) {
      problems.push(`${where}.options: ${options.length} options, more than ${SLACK_LIMITS.staticSelectOptions}`);
    }
    options.forEach((option, i) => {
      checkLength(
        problems,
        `${where}.options[${i}].text`,
        textOf(isRecord(option) ? option.text : null),
        SLACK_LIMITS.optionText,
      );
    });
  }
}

function checkSection(problems: string[], where: string, block: Json): void {
  const fieldList = Array.isArray(block.fields) ? block.fields : null;
  if (block.text === undefined && fieldList === null) problems.push(`${where}: a section needs text or fields`);
  if (block.text !== undefined) checkLength(problems, `${where}.text`, textOf(block.text), SLACK_LIMITS.sectionText);
  if (fieldList !== null) {
    if (fieldList.length > SLACK_LIMITS.sectionFields) {
      problems.push(`${where}.fields: ${fieldList.length} fields, more than ${SLACK_LIMITS.sectionFields}`);
    }
    fieldList.forEach((field, i) => {
      checkLength(problems, `${where}.fields[${i}]`, textOf(field), SLACK_LIMITS.fieldText);
    });
  }
  if (block.accessory !== undefined) checkElement(problems, `${where}.accessory`, block.accessory);
}

function checkContext(problems: string[], where: string, block: Json): void {
  const elements = Array.isArray(block.elements) ? block.elements : [];
  if (elements.length === 0) problems.push(`${where}: a context needs at least one element`);
  if (elements.length > SLACK_LIMITS.contextElements) {
    problems.push(`${where}.elements: ${elements.length} elements, more than ${SLACK_LIMITS.contextElements}`);
  }
  elements.forEach((element, i) => {
    if (isRecord(element) && element.type === 'image') {
      checkOptionalString(problems, `${where}.elements[${i}].alt_text`, element.alt_text, SLACK_LIMITS.imageAltText);
    } else {
      checkLength(problems, `${where}.elements[${i}]`, textOf(element), SLACK_LIMITS.contextText);
    }
  });
}

function checkActions(problems: string[], where: string, block: Json): void {
  const elements = Array.isArray(block.elements) ? block.elements : [];
  if (elements.length === 0) problems.push(`${where}: an actions block needs at least one element`);
  if (elements.length > SLACK_LIMITS.actionsElements) {
    problems.push(`${where}.elements: ${elements.length} elements, more than ${SLACK_LIMITS.actionsElements}`);
  }
  elements.forEach((element, i) => {
    checkElement(problems, `${where}.elements[${i}]`, element);
  });
}

function checkImage(problems: string[], where: string, block: Json): void {
  const alt = typeof block.alt_text === 'string' ? block.alt_text : null;
  checkLength(problems, `${where}.alt_text`, alt, SLACK_LIMITS.imageAltText);
  const fileId = isRecord(block.slack_file) ? (block.slack_file.id ?? block.slack_file.url) : undefined;
  if (typeof block.image_url !== 'string' && typeof fileId !== 'string') {
    problems.push(`${where}: an image needs image_url or slack_file`);
  }
}

function checkBlock(problems: string[], where: string, block: unknown): void {
  if (!isRecord(block) || typeof block.type !== 'string') {
    problems.push(`${where}: not a block`);
    return;
  }
  checkOptionalString(problems, `${where}.block_id`, block.block_id, SLACK_LIMITS.blockId);
  if (!KNOWN_BLOCK_TYPES.has(block.type)) problems.push(`${where}: unknown block type "${block.type}"`);
  if (block.type === 'section') checkSection(problems, where, block);
  if (block.type === 'header') checkLength(problems, `${where}.text`, textOf(block.text), SLACK_LIMITS.headerText);
  if (block.type === 'context') checkContext(problems, where, block);
  if (block.type === 'actions') checkActions(problems, where, block);
  if (block.type === 'image') checkImage(problems, where, block);
  if (block.type === 'input') checkElement(problems, `${where}.element`, block.element);
}

/** Every way `blocks` breaks Slack's limits for the surface; an empty list means Slack would accept them. */
export function validateBlocks(blocks: readonly unknown[], surface: Surface): string[] {
  const problems: string[] = [];
  const max = surface === 'message' ? SLACK_LIMITS.messageBlocks : SLACK_LIMITS.modalBlocks;
  if (blocks.length > max) problems.push(`${blocks.length} blocks, more than ${max} per ${surface}`);
  const seenIds = new Set<string>();
  blocks.forEach((block, i) => {
    checkBlock(problems, `blocks[${i}]`, block);
    const id = isRecord(block) ? block.block_id : undefined;
    if (typeof id === 'string') {
      if (seenIds.has(id)) problems.push(`blocks[${i}].block_id: "${id}" is used twice`);
      seenIds.add(id);
    }
  });
  return problems;
}

/** A chat.postMessage / chat.update payload: its notification text and its blocks. */
export function validateMessage(message: { text?: unknown; blocks?: unknown }): string[] {
  const problems: string[] = [];
  const hasBlocks = Array.isArray(message.blocks) && message.blocks.length > 0;
  if (typeof message.text === 'string') {
    checkLength(problems, 'text', message.text, SLACK_LIMITS.messageText, !hasBlocks);
  } else if (!hasBlocks) {
    problems.push('text: a message needs text or blocks');
  }
  if (Array.isArray(message.blocks)) problems.push(...validateBlocks(message.blocks, 'message'));
  return problems;
}

/** A views.open / views.update modal: title, buttons, private_metadata and blocks. */
export function validateModal(view: Json): string[] {
  const problems: string[] = [];
  checkLength(problems, 'title', textOf(view.title), SLACK_LIMITS.modalTitle);
  if (view.submit !== undefined) checkLength(problems, 'submit', textOf(view.submit), SLACK_LIMITS.modalButtonText);
  if (view.close !== undefined) checkLength(problems, 'close', textOf(view.close), SLACK_LIMITS.modalButtonText);
  checkOptionalString(problems, 'private_metadata', view.private_metadata, SLACK_LIMITS.privateMetadata);
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  problems.push(...validateBlocks(blocks, 'modal'));
  return problems;
}
