// The OAuth `state`: signed with SLACK_STATE_SECRET, good for 10 minutes, and good once. Bolt also checks it against
// the cookie its install page set, so a state is bound to the browser that started; spending it in the directory
// store means a callback URL loaded again (or replayed from another browser that stole the cookie) is refused even
// when it reaches another instance.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { InstallURLOptions, StateStore } from '@slack/bolt';
import { z } from 'zod';
import type { InstallationRows } from '../store/installation-rows.js';
import type { Clock } from '../store/open-store.js';

export const STATE_LIFETIME_MS = 10 * 60 * 1000;

export type StateProblem = 'malformed' | 'bad_signature' | 'expired' | 'already_used';

/** Bolt's failure callback reads `code`; ours matches Bolt's own invalid-state code, `reason` says which check. */
export class OAuthStateError extends Error {
  readonly code = 'slack_oauth_invalid_state';
  constructor(readonly reason: StateProblem) {
    super(`The OAuth state was refused: ${reason}`);
    this.name = 'OAuthStateError';
  }
}

const payloadSchema = z.object({
  id: z.string().min(16),
  at: z.number().int(),
  options: z.object({ scopes: z.union([z.string(), z.array(z.string())]) }).loose(),
});

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

function sameSignature(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function buildStateStore(secret: string, rows: InstallationRows, clock: Clock): StateStore {
  return {
    async generateStateParam(installOptions) {
      const payload = Buffer.from(
        JSON.stringify({ id: randomBytes(16).toString('hex'), at: clock(), options: installOptions }),
      ).toString('base64url');
      return `${payload}.${sign(secret, payload)}`;
    },
    async verifyStateParam(_now, state) {
      const [payload, signature, extra] = state.split('.');
      if (payload === undefined || signature === undefined || extra !== undefined)
        throw new OAuthStateError('malformed');
      if (!sameSignature(signature, sign(secret, payload))) throw new OAuthStateError('bad_signature');
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        throw new OAuthStateError('malformed');
      }
      const parsed = payloadSchema.safeParse(decoded);
      if (!parsed.success) throw new OAuthStateError('malformed');
      const now = clock();
      if (now - parsed.data.at > STATE_LIFETIME_MS || parsed.data.at > now + 60_000)
        throw new OAuthStateError('expired');
      if (!rows.spendState(parsed.data.id, now)) throw new OAuthStateError('already_used');
      rows.forgetStatesBefore(now - 2 * STATE_LIFETIME_MS);
      return parsed.data.options as InstallURLOptions;
    },
  };
}
