// A workspace's Web API client for background work (the digest, prompts, the Home tab's republish). With token
// rotation a bot token lasts about twelve hours while a workspace may stay open for days, so the client asks for the
// workspace's current token at every call instead of keeping the one it was opened with.

import { WebClient, type WebClientOptions } from '@slack/web-api';

/** Resolves the workspace's bot token now; throws when it has none (uninstalled, revoked), so the call fails for good. */
export type TokenSource = () => Promise<string>;

export class WorkspaceClient extends WebClient {
  constructor(
    private readonly tokenSource: TokenSource,
    options: WebClientOptions,
  ) {
    super(undefined, options);
  }

  // Every method of the client (chat.postMessage, files.uploadV2's steps…) goes through apiCall; a token given by
  // the caller still wins.
  override async apiCall(method: string, options: Record<string, unknown> = {}) {
    const token = typeof options.token === 'string' ? options.token : await this.tokenSource();
    return super.apiCall(method, { ...options, token });
  }
}
