// Migration 16 (issue 14): each workspace's digest schedule, kept in the directory store beside its installation, so
// the wake-ups find which workspaces are due by reading one table instead of opening every workspace's store.
//
// A row repeats what the workspace's settings say (a digest channel set or not, the cron rule, the time zone) and
// holds the next instants its digest and its hourly leak check come due. The wake-ups move an instant on after they
// have handed the workspace its run, so an instant passed while no process ran is still there at the next start.

function schedulesSql(millis: 'INTEGER' | 'BIGINT'): string {
  return `
CREATE TABLE workspace_schedules (
  workspace_key TEXT PRIMARY KEY,
  has_channel INTEGER NOT NULL,
  cron TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  next_digest_at ${millis},
  next_check_at ${millis},
  updated_at ${millis} NOT NULL
);
CREATE INDEX workspace_schedules_digest ON workspace_schedules (next_digest_at);
CREATE INDEX workspace_schedules_check ON workspace_schedules (next_check_at);
`;
}

export const WORKSPACE_SCHEDULES = schedulesSql('INTEGER');
export const WORKSPACE_SCHEDULES_POSTGRES = schedulesSql('BIGINT');
