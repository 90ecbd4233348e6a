// Block elements: what each type may contain and how long it may be, and which containers accept it (a section's
// accessory, an actions row, an input block). Unknown types are refused as Slack refuses them.

import {
  checkConfirm,
  checkImageSource,
  checkOption,
  checkOptions,
  checkPlaceholder,
  checkText,
  URL_MAX,
} from './composition.js';
import { type BlockKitReport, isObject, type JsonObject } from './report.js';
import { SELECT_ELEMENTS } from './selects.js';

export const ACTION_ID_MAX = 255;
const BUTTON_TEXT_MAX = 75;
const BUTTON_VALUE_MAX = 2000;
const ACCESSIBILITY_LABEL_MAX = 75;
const IMAGE_ALT_TEXT_MAX = 2000;
const TEXT_INPUT_LENGTH_MAX = 3000;
const CHOICE_OPTIONS_MAX = 10;
const OVERFLOW_OPTIONS_MAX = 5;

export interface ElementSpec {
  /** Fields besides `type` and `action_id`. */
  keys: readonly string[];
  check?: (report: BlockKitReport, element: JsonObject, pointer: string) => void;
}

const INPUT_KEYS = ['initial_value', 'dispatch_action_config', 'focus_on_load', 'placeholder'] as const;

function checkLengthBound(report: BlockKitReport, value: unknown, pointer: string, min: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > TEXT_INPUT_LENGTH_MAX) {
    report.add(pointer, `must be an integer from ${min} to ${TEXT_INPUT_LENGTH_MAX}`);
  }
}

const ELEMENTS: Record<string, ElementSpec> = {
  button: {
    keys: ['text', 'url', 'value', 'style', 'confirm', 'accessibility_label'],
    check(report, element, pointer) {
      checkText(report, element.text, `${pointer}/text`, { kind: 'plain_text', max: BUTTON_TEXT_MAX, required: true });
      report.string(element.url, `${pointer}/url`, URL_MAX);
      report.string(element.value, `${pointer}/value`, BUTTON_VALUE_MAX);
      report.oneOf(element.style, `${pointer}/style`, ['primary', 'danger']);
      checkConfirm(report, element.confirm, `${pointer}/confirm`);
      report.string(element.accessibility_label, `${pointer}/accessibility_label`, ACCESSIBILITY_LABEL_MAX);
    },
  },
  checkboxes: {
    keys: ['options', 'initial_options', 'confirm', 'focus_on_load'],
    check(report, element, pointer) {
      const rule = { textKind: 'any', allowUrl: false } as const;
      checkOptions(
        report,
        element.options,
        `${pointer}/options`,
        { min: 1, max: CHOICE_OPTIONS_MAX, required: true },
        rule,
      );
      checkOptions(report, element.initial_options, `${pointer}/initial_options`, { max: CHOICE_OPTIONS_MAX }, rule);
      checkConfirm(report, element.confirm, `${pointer}/confirm`);
    },
  },
  radio_buttons: {
    keys: ['options', 'initial_option', 'confirm', 'focus_on_load'],
    check(report, element, pointer) {
      const rule = { textKind: 'any', allowUrl: false } as const;
      checkOptions(
        report,
        element.options,
        `${pointer}/options`,
        { min: 1, max: CHOICE_OPTIONS_MAX, required: true },
        rule,
      );
      if (element.initial_option !== undefined)
        checkOption(report, element.initial_option, `${pointer}/initial_option`, rule);
      checkConfirm(report, element.confirm, `${pointer}/confirm`);
    },
  },
  overflow: {
    keys: ['options', 'confirm'],
    check(report, element, pointer) {
      const limits = { min: 1, max: OVERFLOW_OPTIONS_MAX, required: true };
      checkOptions(report, element.options, `${pointer}/options`, limits, { textKind: 'plain_text', allowUrl: true });
      checkConfirm(report, element.confirm, `${pointer}/confirm`);
    },
  },
  datepicker: { keys: ['initial_date', 'confirm', 'focus_on_load', 'placeholder'], check: checkPickerParts },
  timepicker: {
    keys: ['initial_time', 'confirm', 'focus_on_load', 'placeholder', 'timezone'],
    check: checkPickerParts,
  },
  datetimepicker: { keys: ['initial_date_time', 'confirm', 'focus_on_load'], check: checkPickerParts },
  plain_text_input: {
    keys: [...INPUT_KEYS, 'multiline', 'min_length', 'max_length'],
    check(report, element, pointer) {
      checkPlaceholder(report, element, pointer);
      report.string(element.initial_value, `${pointer}/initial_value`, TEXT_INPUT_LENGTH_MAX);
      report.boolean(element.multiline, `${pointer}/multiline`);
      checkLengthBound(report, element.min_length, `${pointer}/min_length`, 0);
      checkLengthBound(report, element.max_length, `${pointer}/max_length`, 1);
    },
  },
  number_input: { keys: [...INPUT_KEYS, 'is_decimal_allowed', 'min_value', 'max_value'], check: checkPlaceholder },
  email_text_input: { keys: INPUT_KEYS, check: checkPlaceholder },
  url_text_input: { keys: INPUT_KEYS, check: checkPlaceholder },
  rich_text_input: { keys: INPUT_KEYS, check: checkPlaceholder },
  file_input: { keys: ['filetypes', 'max_files'] },
  workflow_button: {
    keys: ['text', 'workflow', 'style', 'accessibility_label'],
    check(report, element, pointer) {
      checkText(report, element.text, `${pointer}/text`, { kind: 'plain_text', max: BUTTON_TEXT_MAX, required: true });
      report.oneOf(element.style, `${pointer}/style`, ['primary', 'danger']);
    },
  },
  image: {
    keys: ['image_url', 'slack_file', 'alt_text'],
    check(report, element, pointer) {
      checkImageSource(report, element, pointer);
      report.string(element.alt_text, `${pointer}/alt_text`, IMAGE_ALT_TEXT_MAX, true);
    },
  },
  ...SELECT_ELEMENTS,
};

function checkPickerParts(report: BlockKitReport, element: JsonObject, pointer: string): void {
  if ('placeholder' in element) checkPlaceholder(report, element, pointer);
  checkConfirm(report, element.confirm, `${pointer}/confirm`);
}

const SELECT_TYPES = Object.keys(SELECT_ELEMENTS);
const CHOICES = ['checkboxes', 'radio_buttons', 'datepicker', 'timepicker'];

/** Which element types each container accepts, from the "works with" lists of Slack's element reference. */
export const PLACEMENTS = {
  accessory: new Set(['button', 'overflow', 'image', 'workflow_button', ...CHOICES, ...SELECT_TYPES]),
  actions: new Set(['button', 'overflow', 'workflow_button', 'datetimepicker', ...CHOICES, ...SELECT_TYPES]),
  input: new Set([
    ...CHOICES,
    ...SELECT_TYPES,
    'datetimepicker',
    'plain_text_input',
    'number_input',
    'email_text_input',
    'url_text_input',
    'rich_text_input',
    'file_input',
  ]),
} as const;

export type Placement = keyof typeof PLACEMENTS;

/** One element in its container; returns its action_id (for the per-block uniqueness check) when it has one. */
export function checkElement(
  report: BlockKitReport,
  element: unknown,
  pointer: string,
  placement: Placement,
): string | undefined {
  if (!isObject(element)) {
    report.add(pointer, 'must provide an object');
    return undefined;
  }
  const type = element.type;
  const spec = typeof type === 'string' ? ELEMENTS[type] : undefined;
  if (spec === undefined) {
    report.add(`${pointer}/type`, `unsupported type: ${String(type)}`);
    return undefined;
  }
  if (!PLACEMENTS[placement].has(String(type))) {
    report.add(
      `${pointer}/type`,
      `${String(type)} is not allowed in ${placement === 'accessory' ? 'an accessory' : `an ${placement} block`}`,
    );
  }
  const hasActionId = type !== 'image';
  report.onlyKnownKeys(element, pointer, ['type', ...(hasActionId ? ['action_id'] : []), ...spec.keys]);
  spec.check?.(report, element, pointer);
  if (!hasActionId) return undefined;
  report.string(element.action_id, `${pointer}/action_id`, ACTION_ID_MAX);
  return typeof element.action_id === 'string' ? element.action_id : undefined;
}
