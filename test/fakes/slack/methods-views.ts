// views.open, views.update, views.push and views.publish: trigger ids spent once within 3 s, views checked by the
// fake's own Block Kit checker.

import { type ApiAnswer, fail, type MethodHandler } from './api-answer.js';
import { checkView } from './block-kit/index.js';
import { checkSlackFiles } from './message-checks.js';
import { isRecord, jsonArg, stringArg } from './request-body.js';
import { consumeTrigger, type FakeSlackState, findUser, nextId, type Trigger } from './state.js';
import type { RecordedView } from './types.js';

const MAX_STACKED_VIEWS = 3;

type ParsedView = { ok: true; view: Record<string, unknown> } | { ok: false; answer: ApiAnswer };

/** Slack answers a view it will not show with invalid_arguments, each problem pointing into `/view`. */
function parseView(args: Record<string, unknown>, kind: 'modal' | 'home' = 'modal'): ParsedView {
  const parsed = jsonArg(args, 'view');
  if (!parsed.ok || !isRecord(parsed.value)) {
    return { ok: false, answer: fail('invalid_arguments', ['must provide an object [json-pointer:/view]']) };
  }
  const problems = checkView(parsed.value, kind);
  return problems.length > 0
    ? { ok: false, answer: fail('invalid_arguments', problems) }
    : { ok: true, view: parsed.value };
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

/** The Home tab of one user: each publish replaces it; a stale `hash` is refused, and so is a file still processing. */
const handleViewsPublish: MethodHandler = ({ state, args }) => {
  const userId = stringArg(args, 'user_id');
  if (userId === undefined || findUser(state, userId) === undefined) return fail('user_not_found');
  const current = state.homeViews.get(userId);
  const hash = stringArg(args, 'hash');
  if (hash !== undefined && current !== undefined && hash !== current.hash) return fail('hash_conflict');
  const parsed = parseView(args, 'home');
  if (!parsed.ok) return parsed.answer;
  // An image of an uploaded file Slack has not finished processing is refused, as in a message.
  const blocks: unknown[] = Array.isArray(parsed.view.blocks) ? parsed.view.blocks : [];
  const unprocessed = checkSlackFiles(state, blocks, '/view/blocks');
  if (unprocessed.length > 0) return fail('invalid_arguments', unprocessed);
  const id = current?.id ?? nextId(state, 'V');
  const echoed = buildViewObject(state, id, id, parsed.view);
  state.homeViews.set(userId, { id, view: echoed, hash: echoed.hash, publishes: (current?.publishes ?? 0) + 1 });
  return { ok: true, view: echoed };
};

export const VIEW_METHODS: Record<string, MethodHandler> = {
  'views.open': handleViewsOpen,
  'views.update': handleViewsUpdate,
  'views.push': handleViewsPush,
  'views.publish': handleViewsPublish,
};
