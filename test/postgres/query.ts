// One statement on a connection of its own, opened and closed around it: for tests that look at a Postgres server
// from outside the code under test.

import pg from 'pg';

export async function queryOnce<T extends pg.QueryResultRow = Record<string, unknown>>(
  url: string,
  sql: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}
