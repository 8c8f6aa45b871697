import pg from "pg";

/** What the service should connect as, and where. */
export type Provisioned = { role: string; database: string; databaseUrl: string };

// Role and database names are spliced into DDL (identifiers cannot be bound as parameters),
// so only plain lowercase identifiers pass.
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const USAGE =
  "usage: node apps/agent-api/src/provisionDatabase.ts <admin-postgres-url> [role=assay_app] [database=assay]";

/**
 * The least a service role needs: it logs in, owns its database, and nothing more — no
 * superuser, no BYPASSRLS, no CREATEROLE, no CREATEDB (the isolation suite checks the first two).
 */
export const ROLE_ATTRIBUTES = "LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB";

function quoted(name: string, what: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new Error(`[agent-api] ${what} must match ${IDENTIFIER} (got "${name.slice(0, 40)}").`);
  }
  return `"${name}"`;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates (or brings back in line) a login role with {@link ROLE_ATTRIBUTES} and a database it
 * owns, idempotently; tables already in that database's `public` schema are handed to the role so
 * its migrations can alter them. No password: the URL relies on the server's own auth (trust here).
 * @example const { databaseUrl } = await provisionDatabase("postgres://postgres@127.0.0.1:5432/postgres");
 */
export async function provisionDatabase(
  adminUrl: string,
  role = "assay_app",
  database = "assay",
): Promise<Provisioned> {
  const r = quoted(role, "role");
  const d = quoted(database, "database");
  await withClient(adminUrl, async (admin) => {
    const me = await admin.query<{ name: string }>("SELECT current_user AS name");
    // ALTER ROLE … NOSUPERUSER on the admin's own role would lock the admin out.
    if (me.rows[0]?.name === role) throw new Error(`[agent-api] role must not be the admin role "${role}".`);
    const hasRole = await admin.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
    await admin.query(`${hasRole.rowCount === 0 ? "CREATE" : "ALTER"} ROLE ${r} ${ROLE_ATTRIBUTES}`);
    const hasDatabase = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (hasDatabase.rowCount === 0) await admin.query(`CREATE DATABASE ${d} OWNER ${r}`);
    else await admin.query(`ALTER DATABASE ${d} OWNER TO ${r}`);
  });
  const target = new URL(adminUrl);
  target.pathname = `/${database}`;
  await withClient(target.toString(), async (admin) => {
    await admin.query(`ALTER SCHEMA public OWNER TO ${r}`);
    const foreign = await admin.query<{ name: string }>(
      `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tableowner <> $1`,
      [role],
    );
    for (const { name } of foreign.rows) await admin.query(`ALTER TABLE public.${name} OWNER TO ${r}`);
  });
  const url = new URL(adminUrl);
  url.username = role;
  url.password = "";
  url.pathname = `/${database}`;
  url.search = "";
  return { role, database, databaseUrl: url.toString() };
}

if (import.meta.main) {
  const [adminUrl, role, database] = process.argv.slice(2);
  if (adminUrl === undefined || !/^postgres(ql)?:\/\//.test(adminUrl)) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  try {
    // One line on stdout, the URL alone, so CI can `export DATABASE_URL=$(… db:provision …)`.
    process.stdout.write(`${(await provisionDatabase(adminUrl, role, database)).databaseUrl}\n`);
  } catch (error) {
    process.stderr.write(
      `[agent-api] provisioning failed: ${error instanceof Error ? error.message : error}\n`,
    );
    process.exit(1);
  }
}
