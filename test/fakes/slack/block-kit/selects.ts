// The select menus, single and multi: static ones carry their options (or option groups), external ones ask the app,
// and the user/conversation/channel ones list the workspace.

import { checkConfirm, checkOption, checkOptionGroups, checkOptions, checkPlaceholder } from './composition.js';
import type { BlockKitReport, JsonObject } from './report.js';

const STATIC_OPTIONS_MAX = 100;
const MENU_OPTION = { textKind: 'plain_text', allowUrl: false } as const;

interface SelectSpec {
  keys: readonly string[];
  check: (report: BlockKitReport, element: JsonObject, pointer: string) => void;
}

const COMMON_KEYS = ['confirm', 'focus_on_load', 'placeholder'] as const;

function checkCommon(report: BlockKitReport, element: JsonObject, pointer: string): void {
  checkPlaceholder(report, element, pointer);
  checkConfirm(report, element.confirm, `${pointer}/confirm`);
  report.boolean(element.focus_on_load, `${pointer}/focus_on_load`);
}

function checkMaxSelected(report: BlockKitReport, element: JsonObject, pointer: string): void {
  const max = element.max_selected_items;
  if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 1)) {
    report.add(`${pointer}/max_selected_items`, 'must be an integer of at least 1');
  }
}

/** Exactly one of `options` (≤ 100) and `option_groups` (≤ 100 groups). */
function checkStaticChoices(report: BlockKitReport, element: JsonObject, pointer: string): void {
  if ((element.options === undefined) === (element.option_groups === undefined)) {
    report.add(pointer, 'must provide exactly one of options and option_groups');
  }
  if (element.options !== undefined) {
    checkOptions(report, element.options, `${pointer}/options`, { min: 1, max: STATIC_OPTIONS_MAX }, MENU_OPTION);
  }
  if (element.option_groups !== undefined) checkOptionGroups(report, element.option_groups, `${pointer}/option_groups`);
}

function checkInitialOption(report: BlockKitReport, element: JsonObject, pointer: string): void {
  if (element.initial_option !== undefined) {
    checkOption(report, element.initial_option, `${pointer}/initial_option`, MENU_OPTION);
  }
}

function checkInitialOptions(report: BlockKitReport, element: JsonObject, pointer: string): void {
  checkOptions(report, element.initial_options, `${pointer}/initial_options`, { max: STATIC_OPTIONS_MAX }, MENU_OPTION);
}

function single(keys: readonly string[], check?: SelectSpec['check']): SelectSpec {
  return {
    keys: [...COMMON_KEYS, ...keys],
    check(report, element, pointer) {
      checkCommon(report, element, pointer);
      check?.(report, element, pointer);
    },
  };
}

function multi(keys: readonly string[], check?: SelectSpec['check']): SelectSpec {
  return single([...keys, 'max_selected_items'], (report, element, pointer) => {
    checkMaxSelected(report, element, pointer);
    check?.(report, element, pointer);
  });
}

export const SELECT_ELEMENTS: Record<string, SelectSpec> = {
  static_select: single(['options', 'option_groups', 'initial_option'], (report, element, pointer) => {
    checkStaticChoices(report, element, pointer);
    checkInitialOption(report, element, pointer);
  }),
  multi_static_select: multi(['options', 'option_groups', 'initial_options'], (report, element, pointer) => {
    checkStaticChoices(report, element, pointer);
    checkInitialOptions(report, element, pointer);
  }),
  external_select: single(['initial_option', 'min_query_length'], checkInitialOption),
  multi_external_select: multi(['initial_options', 'min_query_length'], checkInitialOptions),
  users_select: single(['initial_user']),
  multi_users_select: multi(['initial_users']),
  conversations_select: single([
    'initial_conversation',
    'default_to_current_conversation',
    'response_url_enabled',
    'filter',
  ]),
  multi_conversations_select: multi(['initial_conversations', 'default_to_current_conversation', 'filter']),
  channels_select: single(['initial_channel', 'response_url_enabled']),
  multi_channels_select: multi(['initial_channels']),
};
