import pg from "pg";

/** What the database-level checks found. */
export interface DatabaseReport {
  /** Rows looked at. */
  rows: number;
  problems: string[];
}

/**
 * Every row that refers to one of `ids` (the ids a user's flow created or received, in any uuid
 * column of any table with an `owner_id`) must carry `ownerId`. Tables are found from the
 * catalog, so tables the service adds later are covered too. Reports a problem as well when no
 * row refers to the ids at all (the URL is not the service's database).
 *
 * @example
 * const { problems } = await checkOwnerRows(target.databaseUrl, alice.id, [projectId, runId]);
 */
export async function checkOwnerRows(
  databaseUrl: string,
  ownerId: string,
  ids: readonly string[],
): Promise<DatabaseReport> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const columns = await client.query<{ table_name: string; column_name: string }>(
      `SELECT c.table_name, c.column_name
         FROM information_schema.columns c
        WHERE c.table_schema = current_schema() AND c.data_type = 'uuid' AND c.column_name <> 'owner_id'
          AND EXISTS (SELECT 1 FROM information_schema.columns o
                       WHERE o.table_schema = c.table_schema AND o.table_name = c.table_name AND o.column_name = 'owner_id')
        ORDER BY c.table_name, c.column_name`,
    );
    const problems: string[] = [];
    let rows = 0;
    for (const { table_name: table, column_name: column } of columns.rows) {
      const result = await client.query<{ owner_id: string; n: string }>(
        `SELECT owner_id::text AS owner_id, count(*)::text AS n FROM ${quote(table)} WHERE ${quote(column)} = ANY($1::uuid[]) GROUP BY owner_id`,
        [ids],
      );
      for (const { owner_id: owner, n } of result.rows) {
        rows += Number(n);
        if (owner !== ownerId)
          problems.push(
            `${table}.${column}: ${n} row(s) with the user's ids carry owner_id ${owner}, not the user's`,
          );
      }
    }
    if (rows === 0) problems.push("no row refers to the flow's ids: is this the database the service uses?");
    return { rows, problems };
  } finally {
    await client.end();
  }
}

/**
 * The role the service connects as (the `current_user` of a connection on the same URL) must be
 * neither superuser nor BYPASSRLS: either would make row-level security and grants moot.
 *
 * @example
 * const { role, problems } = await checkServiceRole(target.databaseUrl);
 */
export async function checkServiceRole(databaseUrl: string): Promise<{ role: string; problems: string[] }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ role: string; rolsuper: boolean; rolbypassrls: boolean }>(
      "SELECT current_user AS role, r.rolsuper, r.rolbypassrls FROM pg_roles r WHERE r.rolname = current_user",
    );
    const row = rows[0];
    if (!row) return { role: "unknown", problems: ["pg_roles has no row for current_user"] };
    const problems: string[] = [];
    const fix =
      "connect the service as a role created WITH NOSUPERUSER NOBYPASSRLS and only the grants it needs";
    if (row.rolsuper) problems.push(`the service's role "${row.role}" is a superuser: ${fix}`);
    if (row.rolbypassrls) problems.push(`the service's role "${row.role}" has BYPASSRLS: ${fix}`);
    return { role: row.role, problems };
  } finally {
    await client.end();
  }
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
