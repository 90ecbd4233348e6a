// The two ways Slack reaches the bot: Socket Mode when an app token is set (no public URL needed), otherwise signed
// HTTP requests on PORT at /slack/events for commands, interactivity, options and events alike.

import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Logger as BoltLogger, HTTPReceiver, type HTTPReceiverOptions, SocketModeReceiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import { holdForRequest, RELEASE_KEY } from '../background-turns.js';
import type { Config } from '../config.js';
import {
  endKeepAlive,
  HEALTH_PATH,
  type HealthServer,
  type HealthSources,
  type HttpRoute,
  handleHealthRequest,
  startHealthServer,
} from './health.js';

export const EVENTS_PATH = '/slack/events';

export interface SlackReceiver {
  receiver: HTTPReceiver | SocketModeReceiver;
  /** Starts receiving; resolves with the port /healthz answers on. */
  listen(): Promise<number>;
  /** Stops receiving new requests; handlers already running are not interrupted. */
  close(): Promise<void>;
}

export interface ReceiverOptions {
  config: Config;
  health: HealthSources;
  logger: BoltLogger;
  clientOptions: WebClientOptions;
  host?: string;
  /** How long Socket Mode waits for a pong before it reconnects. */
  clientPingTimeout?: number;
  /** Routes of our own on PORT (the inquiry webhook). */
  routes?: readonly HttpRoute[];
  /** Distribution mode: Bolt's install flow (/slack/install, /slack/oauth_redirect) and its installation store. */
  oauth?: Partial<HTTPReceiverOptions>;
}

export function buildReceiver(options: ReceiverOptions): SlackReceiver {
  return options.config.slack.appToken === undefined
    ? buildHttpReceiver(options)
    : buildSocketReceiver(options, options.config.slack.appToken);
}

function buildHttpReceiver({ config, health, logger, host, routes = [], oauth = {} }: ReceiverOptions): SlackReceiver {
  const { signingSecret } = config.slack;
  if (signingSecret === undefined) throw new Error('SLACK_SIGNING_SECRET is required in HTTP mode');
  // Each Slack request holds background steps back until it is answered (background-turns.ts); its context carries
  // the release, for a request that will itself wait for background work.
  const releases = new WeakMap<IncomingMessage, () => void>();
  // Bolt checks each request's signature and refuses timestamps more than five minutes old.
  const receiver = new HTTPReceiver({
    ...oauth,
    signingSecret,
    endpoints: EVENTS_PATH,
    customRoutes: [
      { path: HEALTH_PATH, method: ['GET', 'HEAD'], handler: handleHealthRequest(health) },
      ...routes.map((route) => ({ path: route.path, method: route.method, handler: route.handler })),
    ],
    customPropertiesExtractor: (request) => {
      const release = releases.get(request);
      return release === undefined ? {} : { [RELEASE_KEY]: release };
    },
    logger,
  });
  const listener = receiver.requestListener;
  receiver.requestListener = (request, response) => {
    if (request.method === 'POST' && request.url?.split('?')[0] === EVENTS_PATH) {
      const release = holdForRequest();
      releases.set(request, release);
      response.once('finish', release);
      response.once('close', release);
    }
    listener(request, response);
  };
  let listening: Parameters<typeof endKeepAlive>[0] | undefined;
  return {
    receiver,
    async listen() {
      const server = await receiver.start({ port: config.port, host });
      listening = server;
      return (server.address() as AddressInfo).port;
    },
    close() {
      if (listening !== undefined) endKeepAlive(listening);
      return receiver.stop();
    },
  };
}

function buildSocketReceiver(options: ReceiverOptions, appToken: string): SlackReceiver {
  const { config, health, logger, clientOptions, host } = options;
  // The Socket Mode client opens its connection with its own Web API client: these options move that call too.
  const receiver = new SocketModeReceiver({
    appToken,
    logger,
    clientPingTimeout: options.clientPingTimeout,
    installerOptions: { clientOptions },
  });
  let healthServer: HealthServer | undefined;
  return {
    receiver,
    async listen() {
      healthServer = await startHealthServer(health, config.port, host, options.routes);
      await receiver.start();
      return healthServer.port;
    },
    async close() {
      await receiver.client.disconnect();
      await healthServer?.close();
    },
  };
}
