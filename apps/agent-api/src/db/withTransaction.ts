import type pg from "pg";

/**
 * Runs `work` in a transaction on one client: COMMIT on success, ROLLBACK on throw. A client
 * whose ROLLBACK did not go through (a timed-out query may still be answered on it, or it lost
 * its server) goes back to the pool with the error, so the pool drops it instead of handing the
 * next caller a connection in an unknown state.
 * @example await withTransaction(pool, (client) => client.query("…"))
 */
export async function withTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackFailed: unknown) => {
      broken = rollbackFailed instanceof Error ? rollbackFailed : new Error("ROLLBACK failed");
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
