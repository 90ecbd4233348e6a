// The bot scopes the app asks a workspace for when it installs from the "Add to Slack" link: manifest.yml's
// oauth_config.scopes.bot, kept here as one list (a test checks the two agree) so the config needs no file read.

export const BOT_SCOPES: readonly string[] = [
  'commands',
  'chat:write',
  'chat:write.public',
  'files:write',
  'channels:join',
  'channels:read',
  'users:read',
  'users:read.email',
];
