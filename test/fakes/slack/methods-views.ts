// views.open, views.update and views.push: trigger ids spent once within 3 s, modals checked against Slack's limits.

import { validateModal } from '../../../src/slack/limits.js';
import { type ApiAnswer, fail, type MethodHandler } from './api-answer.js';
import { isRecord, jsonArg, stringArg } from './request-body.js';
import { consumeTrigger, type FakeSlackState, nextId, type Trigger } from './state.js';
import type { RecordedView } from './types.js';

const MAX_CALLBACK_ID = 255;
const MAX_STACKED_VIEWS = 3;

type ParsedView = { ok: true; view: Record<string, unknown> } | { ok: false; answer: ApiAnswer };

function parseView(args: Record<string, unknown>): ParsedView {
  const parsed = jsonArg(args, 'view');
  if (!parsed.ok || !isRecord(parsed.value))
    return { ok: false, answer: fail('invalid_arguments', ['view is missing']) };
  const view = parsed.value;
  if (view.type !== 'modal') return { ok: false, answer: fail('invalid_arguments', ['view.type must be modal']) };
  const problems = validateModal(view);
  if (typeof view.callback_id === 'string' && view.callback_id.length > MAX_CALLBACK_ID) {
    problems.push(`callback_id: more than ${MAX_CALLBACK_ID} characters`);
  }
  return problems.length > 0 ? { ok: false, answer: fail('invalid_arguments', problems) } : { ok: true, view };
}

function buildHash(state: FakeSlackState): string {
  return `${Math.floor(state.options.clock() / 1000)}.${nextId(state, '')}`;
}

/** The view as Slack echoes it back: the caller's fields plus ids, hash and an empty state. */
function buildViewObject(state: FakeSlackState, id: string, rootViewId: string, view: Record<string, unknown>) {
  return {
    ...view,
    id,
    team_id: state.options.teamId,
    app_id: state.options.appId,
    bot_id: state.options.botId,
    private_metadata: typeof view.private_metadata === 'string' ? view.private_metadata : '',
    callback_id: typeof view.callback_id === 'string' ? view.callback_id : '',
    state: { values: {} },
    hash: buildHash(state),
    root_view_id: rootViewId,
  };
}

function spendTrigger(state: FakeSlackState, args: Record<string, unknown>): Trigger | ApiAnswer {
  const triggerId = stringArg(args, 'trigger_id');
  if (triggerId === undefined) return fail('invalid_arguments', ['trigger_id is missing']);
  const trigger = consumeTrigger(state, triggerId);
  if (trigger === 'invalid') return fail('invalid_trigger_id');
  if (trigger === 'expired') return fail('expired_trigger_id');
  return trigger;
}

function recordView(
  state: FakeSlackState,
  trigger: Trigger,
  view: Record<string, unknown>,
  openedWith: RecordedView['openedWith'],
  rootViewId?: string,
): ApiAnswer {
  const id = nextId(state, 'V');
  const echoed = buildViewObject(state, id, rootViewId ?? id, view);
  state.views.push({
    id,
    userId: trigger.userId,
    callbackId: echoed.callback_id || undefined,
    view: echoed,
    hash: echoed.hash,
    rootViewId: rootViewId ?? id,
    openedWith,
    updates: 0,
    closed: false,
  });
  return { ok: true, view: echoed };
}

const handleViewsOpen: MethodHandler = ({ state, args }) => {
  const parsed = parseView(args);
  if (!parsed.ok) return parsed.answer;
  const trigger = spendTrigger(state, args);
  if ('ok' in trigger) return trigger;
  return recordView(state, trigger, parsed.view, 'views.open');
};

const handleViewsPush: MethodHandler = ({ state, args }) => {
  const parsed = parseView(args);
  if (!parsed.ok) return parsed.answer;
  const trigger = spendTrigger(state, args);
  if ('ok' in trigger) return trigger;
  const parent = state.views.find((view) => view.id === trigger.viewId && !view.closed);
  if (parent === undefined) return fail('invalid_arguments', ['trigger_id does not come from an open modal']);
  const stacked = state.views.filter((view) => view.rootViewId === parent.rootViewId && !view.closed);
  if (stacked.length >= MAX_STACKED_VIEWS) return fail('push_limit_reached');
  return recordView(state, trigger, parsed.view, 'views.push', parent.rootViewId);
};

const handleViewsUpdate: MethodHandler = ({ state, args }) => {
  const viewId = stringArg(args, 'view_id');
  const externalId = stringArg(args, 'external_id');
  if (viewId === undefined && externalId === undefined) return fail('invalid_arguments', ['view_id is missing']);
  const recorded = state.views.find((view) =>
    viewId === undefined ? view.view.external_id === externalId : view.id === viewId,
  );
  if (recorded === undefined) return fail('not_found');
  const hash = stringArg(args, 'hash');
  if (hash !== undefined && hash !== recorded.hash) return fail('hash_conflict');
  const parsed = parseView(args);
  if (!parsed.ok) return parsed.answer;
  const echoed = buildViewObject(state, recorded.id, recorded.rootViewId, parsed.view);
  recorded.view = echoed;
  recorded.hash = echoed.hash;
  recorded.callbackId = echoed.callback_id || undefined;
  recorded.updates += 1;
  return { ok: true, view: echoed };
};

export const VIEW_METHODS: Record<string, MethodHandler> = {
  'views.open': handleViewsOpen,
  'views.update': handleViewsUpdate,
  'views.push': handleViewsPush,
};
