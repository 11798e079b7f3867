// One home for what backup and restore both need of a pg session: settings that
// make COPY's text the same whatever the server's defaults (dates, time zone,
// floats, bytea), and the public schema's tables in foreign-key order.
import type pg from "pg";

/** Session settings for COPY text that round-trips exactly between servers (15 … 18). */
export const COPY_SETTINGS = [
  "SET client_encoding = 'UTF8'",
  "SET DateStyle = 'ISO, YMD'",
  "SET TimeZone = 'UTC'",
  "SET IntervalStyle = 'postgres'",
  "SET extra_float_digits = 3",
  "SET bytea_output = 'hex'",
];

export async function applyCopySettings(client: pg.Client): Promise<void> {
  for (const statement of COPY_SETTINGS) await client.query(statement);
}

/** Prisma's bookkeeping: restored by running the migrations, never copied. */
export const MIGRATIONS_TABLE = "_prisma_migrations";

export interface TableInfo {
  name: string;
  /** Stored columns in their order (no generated ones, which COPY cannot load). */
  columns: string[];
}

export class BackupSchemaError extends Error {}

/**
 * The public schema's tables, each after every table it references (a
 * self-reference is fine: COPY checks foreign keys at the end of the statement).
 * A cycle between tables cannot be loaded in any order and is refused.
 */
export async function tablesInForeignKeyOrder(client: pg.Client): Promise<TableInfo[]> {
  const partitioned = await client.query<{ name: string }>(
    `SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'p'`,
  );
  if (partitioned.rowCount)
    throw new BackupSchemaError(
      `Partitioned tables are not supported by this backup yet: ${partitioned.rows.map((r) => r.name).join(", ")}.`,
    );
  const tables = await client.query<{ name: string; columns: string[] }>(
    `SELECT c.relname AS name,
            array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND NOT c.relispartition
        AND c.relname <> $1
      GROUP BY c.relname
      ORDER BY c.relname`,
    [MIGRATIONS_TABLE],
  );
  const edges = await client.query<{ child: string; parent: string }>(
    `SELECT DISTINCT c.relname AS child, p.relname AS parent
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_class p ON p.oid = k.confrelid
      WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace AND c.oid <> p.oid`,
  );
  const parents = new Map<string, Set<string>>(tables.rows.map((t) => [t.name, new Set<string>()]));
  for (const { child, parent } of edges.rows) parents.get(child)?.add(parent);

  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  let remaining = tables.rows;
  while (remaining.length > 0) {
    const ready = remaining.filter((t) => [...parents.get(t.name)!].every((p) => placed.has(p)));
    if (ready.length === 0)
      throw new BackupSchemaError(
        `These tables reference each other in a cycle, which no load order satisfies: ${remaining.map((t) => t.name).join(", ")}.`,
      );
    for (const table of ready) {
      ordered.push({ name: table.name, columns: table.columns });
      placed.add(table.name);
    }
    remaining = remaining.filter((t) => !placed.has(t.name));
  }
  return ordered;
}

/** `"table" ("a", "b")`, quoted by the driver (identifiers cannot be bind parameters). */
export function copyTarget(client: pg.Client, table: TableInfo): string {
  return `${client.escapeIdentifier(table.name)} (${table.columns.map((c) => client.escapeIdentifier(c)).join(", ")})`;
}
