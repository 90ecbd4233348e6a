// `npm run digest -- --now` posts the Monday digest for an external scheduler (once per week and channel, like the
// bot's own schedule); `--preview` prints it instead, posting nothing.

import { WebClient } from '@slack/web-api';
import { buildDigestPeriodKey } from '../digests/index.js';
import { buildPreviewText, runWeeklyDigest } from '../digests/runner.js';
import { buildStoreLocation } from '../src/app.js';
import { createChartRenderer } from '../src/charts/renderer.js';
import { type Config, ConfigError, loadConfig, SINGLE_WORKSPACE_SCRIPT } from '../src/config.js';
import { computeWeeklyDigestData } from '../src/domain/digest-data.js';
import { createLogger } from '../src/log.js';
import { isFirstImportRunning } from '../src/notion/first-import.js';
import { buildBoltLogger } from '../src/slack/bolt-logger.js';
import { PRODUCTION_RETRY } from '../src/slack/create-app.js';
import { buildMetricSettings } from '../src/slack/deps.js';
import { buildStoreServices, type StoreServices } from '../src/store/index.js';

const USAGE = `Usage: npm run digest -- <option>
  --now      post last week's digest to DIGEST_CHANNEL now (once per week: a second run posts nothing)
  --preview  print last week's digest as text; nothing is posted
  --help     show this help
Reads the same environment as the bot (SLACK_BOT_TOKEN, DIGEST_CHANNEL, DIGEST_TZ, DATA_DIR, …).`;

const FIRST_IMPORT_RUNNING =
  'The bot has not finished its first import from Notion into this DATA_DIR, so the digest would miss data. ' +
  'Nothing was posted; run this again once the bot has logged "First import from Notion finished".';

async function runPost(config: Config, services: StoreServices): Promise<number> {
  // Log lines go to stderr so stdout carries only the outcome.
  const secrets = [config.slack.botToken, config.notion?.token];
  const log = createLogger({ level: config.logLevel, secrets, write: (line) => process.stderr.write(`${line}\n`) });
  const client = new WebClient(config.slack.botToken, {
    slackApiUrl: config.slack.apiUrl,
    retryConfig: PRODUCTION_RETRY,
    logger: buildBoltLogger(log),
  });
  const settings = buildMetricSettings(config);
  const deps = { config, services, settings, charts: createChartRenderer(), log, clock: Date.now, client };
  const now = Date.now();
  const result = await runWeeklyDigest(deps, { mode: 'now', now });
  const channel = config.digest.channel ?? '';
  const periodKey = buildDigestPeriodKey(now, config.digest.timeZone);
  if (result.posted) process.stdout.write(`Digest for ${periodKey} posted to ${channel} (ts ${result.ts}).\n`);
  else process.stdout.write(`Digest for ${periodKey} not posted: ${result.reason ?? 'unknown reason'}.\n`);
  // Success means the week's digest is in the channel, whether this run or an earlier one posted it.
  return services.ledger.isPosted(periodKey, channel) ? 0 : 1;
}

async function main(args: readonly string[]): Promise<number> {
  if (args.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const preview = args.includes('--preview');
  if (!preview && !args.includes('--now')) {
    process.stderr.write(`${USAGE}\n`);
    return 1;
  }
  let config: Config;
  try {
    config = loadConfig(preview ? 'offline' : 'digest');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  if (config.slack.oauth !== null) {
    process.stderr.write(`${SINGLE_WORKSPACE_SCRIPT}\n`);
    return 1;
  }
  const services = buildStoreServices(buildStoreLocation(config));
  try {
    if (isFirstImportRunning(services)) {
      // The bot is still filling this store from Notion: a digest now would report a week that looks quiet.
      process.stderr.write(`${FIRST_IMPORT_RUNNING}\n`);
      return 1;
    }
    if (!preview) return await runPost(config, services);
    const data = computeWeeklyDigestData(services.leads.dataset(), Date.now(), buildMetricSettings(config));
    process.stdout.write(`${buildPreviewText(data)}\n`);
    return 0;
  } finally {
    services.store.close();
  }
}

// Exiting explicitly: an idle keep-alive socket of the Web API client must not keep a cron job waiting.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Digest failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
