// `npm run workspaces -- adopt [<team id>]`: hands the single-workspace store to its workspace before the deployment
// switches to distribution mode (src/adoption/). `help` prints the usage.

import { adoptSingleStore } from '../src/adoption/adopt.js';
import { buildAdoptionReport, WORKSPACES_USAGE } from '../src/adoption/report.js';
import { buildSecrets } from '../src/app.js';
import { type Config, ConfigError, loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';

async function main(args: readonly string[]): Promise<number> {
  const [command, key, ...rest] = args;
  if (command === 'help' || command === '--help') {
    process.stdout.write(`${WORKSPACES_USAGE}\n`);
    return 0;
  }
  if (command !== 'adopt' || rest.length > 0) {
    process.stderr.write(`${WORKSPACES_USAGE}\n`);
    return 1;
  }
  let config: Config;
  try {
    // Offline: either mode's environment will do; nothing is sent to Slack.
    config = loadConfig('offline');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  // Log lines go to stderr so stdout carries only the outcome.
  const secrets = buildSecrets(config);
  const log = createLogger({ level: config.logLevel, secrets, write: (line) => process.stderr.write(`${line}\n`) });
  const outcome = await adoptSingleStore(config, key, { clock: Date.now, log });
  const report = buildAdoptionReport(outcome);
  (report.ok ? process.stdout : process.stderr).write(`${report.text}\n`);
  return report.ok ? 0 : 1;
}

// Exiting explicitly: the Postgres thread and Notion's keep-alive sockets must not hold the process open.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Adoption failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
