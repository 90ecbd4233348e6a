// The few SQL phrases SQLite and Postgres spell differently. Everything else the store says is written once, in the
// SQL both read the same way (COALESCE, ON CONFLICT, IS NOT DISTINCT FROM, RETURNING, CASE for two-value MIN/MAX).

import { isPostgres, type SqlDatabase } from './database.js';

/** `column IN (the texts of a JSON array bound at the placeholder)`: one statement for a list of any length. */
export function inJsonList(db: SqlDatabase, column: string, placeholder = '?'): string {
  return isPostgres(db)
    ? `${column} IN (SELECT json_array_elements_text(CAST(${placeholder} AS json)))`
    : `${column} IN (SELECT value FROM json_each(${placeholder}))`;
}
