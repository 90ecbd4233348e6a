// What a view_submission ack does to the modal the user sees: errors keep it open, update/push change it,
// clear closes the whole stack, and a plain ack closes the submitted view.

import { isRecord } from './request-body.js';
import { type FakeSlackState, nextId } from './state.js';
import type { RecordedView } from './types.js';

export interface SubmittedView {
  /** The id of a modal the app opened; without it, the user's newest open modal with this callback_id is used. */
  id?: string;
  callback_id: string;
  private_metadata?: string;
  state: { values: Record<string, Record<string, unknown>> };
}

export function findSubmittedView(
  state: FakeSlackState,
  userId: string,
  submitted: SubmittedView,
): { recorded: RecordedView | undefined; view: Record<string, unknown> } {
  const recorded =
    submitted.id === undefined
      ? state.views.findLast(
          (view) => view.userId === userId && view.callbackId === submitted.callback_id && !view.closed,
        )
      : state.views.find((view) => view.id === submitted.id);
  const base = recorded?.view ?? {
    type: 'modal',
    id: submitted.id ?? nextId(state, 'V'),
    team_id: state.options.teamId,
  };
  return { recorded, view: { ...base, ...submitted, id: recorded?.id ?? base.id } };
}

export function applySubmissionAck(state: FakeSlackState, recorded: RecordedView, ackBody: Record<string, unknown>) {
  const action = ackBody.response_action;
  if (action === 'errors') return;
  if (action === 'update' && isRecord(ackBody.view)) {
    recorded.hash = `${Math.floor(state.options.clock() / 1000)}.${nextId(state, '')}`;
    recorded.view = { ...ackBody.view, id: recorded.id, root_view_id: recorded.rootViewId, hash: recorded.hash };
    recorded.callbackId = typeof ackBody.view.callback_id === 'string' ? ackBody.view.callback_id : undefined;
    recorded.updates += 1;
    return;
  }
  if (action === 'push' && isRecord(ackBody.view)) {
    const id = nextId(state, 'V');
    const hash = `${Math.floor(state.options.clock() / 1000)}.${nextId(state, '')}`;
    state.views.push({
      id,
      userId: recorded.userId,
      callbackId: typeof ackBody.view.callback_id === 'string' ? ackBody.view.callback_id : undefined,
      view: { ...ackBody.view, id, root_view_id: recorded.rootViewId, hash },
      hash,
      rootViewId: recorded.rootViewId,
      openedWith: 'views.push',
      updates: 0,
      closed: false,
    });
    return;
  }
  if (action === 'clear') {
    for (const view of state.views) if (view.rootViewId === recorded.rootViewId) view.closed = true;
    return;
  }
  recorded.closed = true;
}
