// A logger for the Slack SDKs that prints nothing: the tests assert on behaviour, and expected failures
// (invalid_blocks, 401s) would otherwise fill the output with errors that are not errors.

import { type Logger, LogLevel } from '@slack/web-api';

export function buildSilentSlackLogger(): Logger {
  let level = LogLevel.ERROR;
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
