// Block Kit's composition objects as Slack's reference defines them: text objects, options, option groups, confirm
// dialogs and slack_file references.

import { type BlockKitReport, isObject } from './report.js';

/** Any text object's ceiling, whatever holds it. */
const TEXT_OBJECT_MAX = 3000;
const OPTION_TEXT_MAX = 75;
const OPTION_VALUE_MAX = 150;
const OPTION_DESCRIPTION_MAX = 75;
export const URL_MAX = 3000;
const OPTION_GROUP_LABEL_MAX = 75;
const OPTION_GROUP_OPTIONS_MAX = 100;
const PLACEHOLDER_MAX = 150;
const CONFIRM_LIMITS = { title: 100, text: 300, confirm: 30, deny: 30 } as const;

export type TextKind = 'plain_text' | 'mrkdwn' | 'any';

export interface TextRule {
  /** Which text object types the field accepts. */
  kind: TextKind;
  max: number;
  required?: boolean;
}

/**
 * A text object `{ type, text, emoji | verbatim }`. `emoji` belongs to plain_text and `verbatim` to mrkdwn; a field
 * that takes plain_text only (headers, buttons, options, placeholders, titles, labels) refuses mrkdwn.
 */
export function checkText(report: BlockKitReport, value: unknown, pointer: string, rule: TextRule): void {
  if (value === undefined) {
    if (rule.required === true) report.add(pointer, 'must provide an object');
    return;
  }
  if (!isObject(value)) {
    report.add(pointer, 'must provide an object');
    return;
  }
  if (value.type !== 'plain_text' && value.type !== 'mrkdwn') {
    report.add(`${pointer}/type`, 'must be one of: plain_text, mrkdwn');
    return;
  }
  if (rule.kind !== 'any' && value.type !== rule.kind) {
    report.add(`${pointer}/type`, `must be ${rule.kind}: this field does not accept ${value.type}`);
  }
  const extra = value.type === 'plain_text' ? 'emoji' : 'verbatim';
  report.onlyKnownKeys(value, pointer, ['type', 'text', extra]);
  report.boolean(value[extra], `${pointer}/${extra}`);
  report.string(value.text, `${pointer}/text`, Math.min(rule.max, TEXT_OBJECT_MAX), true);
}

/** Menus and inputs show their placeholder as plain text. */
export function checkPlaceholder(report: BlockKitReport, element: Record<string, unknown>, pointer: string): void {
  checkText(report, element.placeholder, `${pointer}/placeholder`, { kind: 'plain_text', max: PLACEHOLDER_MAX });
}

export interface OptionRule {
  /** Checkboxes and radio buttons accept mrkdwn option text; menus take plain_text only. */
  textKind: 'plain_text' | 'any';
  /** Only overflow menus' options may carry a url. */
  allowUrl: boolean;
}

export function checkOption(report: BlockKitReport, value: unknown, pointer: string, rule: OptionRule): void {
  if (!isObject(value)) {
    report.add(pointer, 'must provide an object');
    return;
  }
  report.onlyKnownKeys(
    value,
    pointer,
    rule.allowUrl ? ['text', 'value', 'description', 'url'] : ['text', 'value', 'description'],
  );
  checkText(report, value.text, `${pointer}/text`, { kind: rule.textKind, max: OPTION_TEXT_MAX, required: true });
  report.string(value.value, `${pointer}/value`, OPTION_VALUE_MAX, true);
  checkText(report, value.description, `${pointer}/description`, { kind: rule.textKind, max: OPTION_DESCRIPTION_MAX });
  if (rule.allowUrl) report.string(value.url, `${pointer}/url`, URL_MAX);
}

export function checkOptions(
  report: BlockKitReport,
  value: unknown,
  pointer: string,
  limits: { min?: number; max: number; required?: boolean },
  rule: OptionRule,
): void {
  const options = report.array(value, pointer, limits, limits.required === true);
  options.forEach((option, i) => {
    checkOption(report, option, `${pointer}/${i}`, rule);
  });
}

export function checkOptionGroups(report: BlockKitReport, value: unknown, pointer: string): void {
  const groups = report.array(value, pointer, { min: 1, max: OPTION_GROUP_OPTIONS_MAX }, true);
  groups.forEach((group, i) => {
    const at = `${pointer}/${i}`;
    if (!isObject(group)) {
      report.add(at, 'must provide an object');
      return;
    }
    report.onlyKnownKeys(group, at, ['label', 'options']);
    checkText(report, group.label, `${at}/label`, { kind: 'plain_text', max: OPTION_GROUP_LABEL_MAX, required: true });
    const limits = { min: 1, max: OPTION_GROUP_OPTIONS_MAX, required: true };
    checkOptions(report, group.options, `${at}/options`, limits, { textKind: 'plain_text', allowUrl: false });
  });
}

export function checkConfirm(report: BlockKitReport, value: unknown, pointer: string): void {
  if (value === undefined) return;
  if (!isObject(value)) {
    report.add(pointer, 'must provide an object');
    return;
  }
  report.onlyKnownKeys(value, pointer, ['title', 'text', 'confirm', 'deny', 'style']);
  checkText(report, value.title, `${pointer}/title`, { kind: 'plain_text', max: CONFIRM_LIMITS.title, required: true });
  checkText(report, value.text, `${pointer}/text`, { kind: 'any', max: CONFIRM_LIMITS.text, required: true });
  const button = { kind: 'plain_text' as const, required: true };
  checkText(report, value.confirm, `${pointer}/confirm`, { ...button, max: CONFIRM_LIMITS.confirm });
  checkText(report, value.deny, `${pointer}/deny`, { ...button, max: CONFIRM_LIMITS.deny });
  report.oneOf(value.style, `${pointer}/style`, ['primary', 'danger']);
}

/** An image's source: a public `image_url` or an uploaded `slack_file` ({ id } or { url }), exactly one of them. */
export function checkImageSource(report: BlockKitReport, image: Record<string, unknown>, pointer: string): void {
  const hasUrl = image.image_url !== undefined;
  const hasFile = image.slack_file !== undefined;
  if (hasUrl === hasFile) report.add(pointer, 'must provide exactly one of image_url and slack_file');
  if (hasUrl) report.string(image.image_url, `${pointer}/image_url`, URL_MAX, true);
  if (!hasFile) return;
  const file = image.slack_file;
  if (!isObject(file)) {
    report.add(`${pointer}/slack_file`, 'must provide an object');
    return;
  }
  report.onlyKnownKeys(file, `${pointer}/slack_file`, ['id', 'url']);
  if ((file.id === undefined) === (file.url === undefined)) {
    report.add(`${pointer}/slack_file`, 'must provide exactly one of id and url');
  }
  if (file.id !== undefined) report.string(file.id, `${pointer}/slack_file/id`, 255, true);
  if (file.url !== undefined) report.string(file.url, `${pointer}/slack_file/url`, URL_MAX, true);
}

/** An options load answer (`block_suggestion` ack): up to 100 menu options, or up to 100 option groups. */
export function checkOptionsAnswer(report: BlockKitReport, answer: Record<string, unknown>): void {
  if (answer.option_groups !== undefined) {
    checkOptionGroups(report, answer.option_groups, '/option_groups');
    return;
  }
  const rule = { textKind: 'plain_text', allowUrl: false } as const;
  checkOptions(report, answer.options, '/options', { max: OPTION_GROUP_OPTIONS_MAX, required: true }, rule);
}
