// Which of the committed migrations (prisma/migrations) a database has not
// applied and finished: the readiness check's (b). One cheap query on
// _prisma_migrations; `prisma migrate deploy` (lib/db/migrate.ts) writes it.
import { readdir } from "node:fs/promises";
import path from "node:path";
import type pg from "pg";

/** The migrations directory of the app the process runs (npm start runs it from the app's folder). */
export const MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma/migrations");

/** The committed migrations' names, in order (each is a folder; migration_lock.toml is not). */
export async function committedMigrations(dir = MIGRATIONS_DIR): Promise<string[]> {
  // Read at run time from the app's folder, not traced into the build (turbopackIgnore).
  const entries = await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/**
 * The committed migrations the database lacks: never applied, still running
 * (finished_at NULL, e.g. a migrate deploy that failed half way) or rolled back.
 */
export async function missingMigrations(
  pool: pg.Pool,
  timeoutMs: number,
  dir = MIGRATIONS_DIR,
): Promise<string[]> {
  const expected = await committedMigrations(dir);
  const { rows } = await pool.query<{ migration_name: string }>({
    text: `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    query_timeout: timeoutMs,
  } as pg.QueryConfig);
  const applied = new Set(rows.map((row) => row.migration_name));
  return expected.filter((name) => !applied.has(name));
}
