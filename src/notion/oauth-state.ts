// The `state` of "Sign in with Notion": it names the workspace, the manager who asked, the parent page they gave and
// when it expires, signed with SLACK_STATE_SECRET so nobody can forge one for another workspace. Its nonce is spent in
// the directory store when Notion sends the manager back (notion-oauth-route.ts), so a link works once.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** How long a "Connect Notion" link stays good, from the moment the manager submitted the settings. */
export const NOTION_STATE_LIFETIME_MS = 10 * 60 * 1000;

export interface NotionSignIn {
  workspaceKey: string;
  userId: string;
  parentPageId: string;
  expiresAt: number;
  nonce: string;
}

export type NotionStateProblem = 'malformed' | 'bad_signature' | 'expired';

const payloadSchema = z.object({
  w: z.string().min(1),
  u: z.string().min(1),
  p: z.string().min(1),
  e: z.number().int(),
  n: z.string().min(16),
});

// A key of its own, derived from the shared secret: a Notion state can never pass for a Slack install state.
function sign(secret: string, payload: string): string {
  const key = createHmac('sha256', secret).update('roi-runway notion oauth state').digest();
  return createHmac('sha256', key).update(payload).digest('base64url');
}

export function buildNotionState(
  secret: string,
  asked: { workspaceKey: string; userId: string; parentPageId: string },
  now: number,
): string {
  const payload = {
    w: asked.workspaceKey,
    u: asked.userId,
    p: asked.parentPageId,
    e: now + NOTION_STATE_LIFETIME_MS,
    n: randomBytes(16).toString('hex'),
  };
  const text = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${text}.${sign(secret, text)}`;
}

/** The sign-in the state names, or why it is refused (the nonce is the caller's to spend). */
export function readNotionState(
  secret: string,
  state: string,
  now: number,
): { ok: true; signIn: NotionSignIn } | { ok: false; problem: NotionStateProblem } {
  const [text, signature, extra] = state.split('.');
  if (text === undefined || signature === undefined || extra !== undefined) return { ok: false, problem: 'malformed' };
  const expected = Buffer.from(sign(secret, text));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, problem: 'bad_signature' };
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  const parsed = payloadSchema.safeParse(decoded);
  if (!parsed.success) return { ok: false, problem: 'malformed' };
  const { w, u, p, e, n } = parsed.data;
  if (now > e) return { ok: false, problem: 'expired' };
  return { ok: true, signIn: { workspaceKey: w, userId: u, parentPageId: p, expiresAt: e, nonce: n } };
}
