// The settings of distribution mode in tests: the fake Slack's client id and secret, a state secret, no bot token.

export const DISTRIBUTION_ENV = {
  SLACK_BOT_TOKEN: '',
  SLACK_CLIENT_ID: '1111.2222',
  SLACK_CLIENT_SECRET: 'fake-client-secret-0123456789',
  SLACK_STATE_SECRET: 'fake-state-secret-0123456789abcdef',
} as const;
