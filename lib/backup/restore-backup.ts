// Restores a backup archive (ADR 0027) into an EMPTY database: checks the whole
// archive first (the .sha256 beside it, every frame, every table's SHA-256 and
// rows against the manifest) so a damaged file writes nothing; creates the
// schema by running exactly the archive's migrations; empties the rows those
// migrations inserted and loads every table with COPY … FROM STDIN in
// foreign-key order and sets the sequences, in one transaction that checks each
// table's count before it commits; then runs this
// code's remaining migrations.
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { migrateDeploy } from "../db/migrate";
import { ArchiveError, parseJsonFrame, readFrames, TableDigest, type Frame } from "./archive";
import {
  codeMigrations,
  manifestSchema,
  MIGRATIONS_DIR,
  migrationPrefixProblem,
  type Manifest,
  type Migration,
} from "./manifest";
import { applyCopySettings, copyTarget, tablesInForeignKeyOrder, type TableInfo } from "./session";

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The archive's decompressed frames; a gzip error (bad CRC, cut file) becomes an ArchiveError. */
function framesOf(file: string): AsyncGenerator<Frame> {
  const gunzip = createGunzip();
  const source = createReadStream(file);
  source.once("error", (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  async function* guarded(): AsyncGenerator<Frame> {
    try {
      yield* readFrames(gunzip);
    } catch (error) {
      if (error instanceof ArchiveError) throw error;
      throw new ArchiveError(`The archive cannot be decompressed: ${(error as Error).message}.`);
    } finally {
      source.destroy();
      gunzip.destroy();
    }
  }
  return guarded();
}

/** The SHA-256 `<file>.sha256` names for the archive (sha256sum's format). */
function expectedChecksum(file: string): string {
  const checksumFile = `${file}.sha256`;
  if (!existsSync(checksumFile))
    throw new ArchiveError(
      `${checksumFile} is missing: a backup is restored only with the checksum written beside it.`,
    );
  const hex = readFileSync(checksumFile, "utf8").trim().split(/\s+/)[0] ?? "";
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new ArchiveError(`${checksumFile} does not hold a SHA-256.`);
  return hex.toLowerCase();
}

async function fileSha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * Reads the whole archive without writing anything and returns its manifest
 * once the checksum, the frames, every table's rows and SHA-256 agree.
 */
export async function verifyArchive(file: string): Promise<Manifest> {
  if (!existsSync(file)) throw new ArchiveError(`${file} does not exist.`);
  const expected = expectedChecksum(file);
  const actual = await fileSha256(file);
  if (actual !== expected)
    throw new ArchiveError(
      `Checksum mismatch: ${path.basename(file)} has SHA-256 ${actual}, its .sha256 file says ${expected}. The archive is damaged or not the one that was written; nothing was restored.`,
    );

  const seen: { name: string; columns: string[]; rows: number; sha256: string }[] = [];
  let current: { table: TableInfo; digest: TableDigest } | null = null;
  let manifest: Manifest | null = null;
  for await (const frame of framesOf(file)) {
    if (manifest) throw new ArchiveError("The archive continues after its manifest.");
    if (frame.kind === "T") {
      if (current) throw new ArchiveError(`Table ${current.table.name} is not closed before the next one.`);
      current = { table: parseJsonFrame<TableInfo>(frame), digest: new TableDigest() };
    } else if (frame.kind === "D") {
      if (!current) throw new ArchiveError("The archive holds table data outside a table.");
      current.digest.update(frame.payload);
    } else if (frame.kind === "E") {
      if (!current) throw new ArchiveError("The archive closes a table it never opened.");
      const end = parseJsonFrame<{ name: string; rows: number; sha256: string }>(frame);
      const sha256 = current.digest.digest();
      if (end.name !== current.table.name || end.rows !== current.digest.rows || end.sha256 !== sha256)
        throw new ArchiveError(
          `Table ${current.table.name}'s data does not match its recorded rows and SHA-256.`,
        );
      seen.push({ ...current.table, rows: end.rows, sha256 });
      current = null;
    } else {
      if (current) throw new ArchiveError(`The manifest comes before table ${current.table.name} is closed.`);
      const parsed = manifestSchema.safeParse(parseJsonFrame(frame));
      if (!parsed.success)
        throw new ArchiveError(`The archive's manifest is not valid: ${parsed.error.message}`);
      manifest = parsed.data;
    }
  }
  if (!manifest) throw new ArchiveError("The archive has no manifest: it was cut short.");
  if (JSON.stringify(seen) !== JSON.stringify(manifest.tables))
    throw new ArchiveError("The archive's tables do not match its manifest.");
  return manifest;
}

/** Relations in the target's public schema; a restore goes only into a database with none. */
export async function existingRelations(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ name: string }>(
      `SELECT relname AS name FROM pg_class
        WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
        ORDER BY relname`,
    );
    return result.rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

/**
 * Runs exactly `migrations` (a prefix of this code's) from a temporary copy of
 * the Prisma config, schema and those migration folders.
 */
export async function applyMigrationPrefix(databaseUrl: string, migrations: Migration[]): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "portal-restore-"));
  try {
    await mkdir(path.join(dir, "prisma/migrations"), { recursive: true });
    await symlink(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    await cp(path.join(ROOT, "prisma.config.ts"), path.join(dir, "prisma.config.ts"));
    await cp(path.join(ROOT, "prisma/schema.prisma"), path.join(dir, "prisma/schema.prisma"));
    await cp(
      path.join(MIGRATIONS_DIR, "migration_lock.toml"),
      path.join(dir, "prisma/migrations/migration_lock.toml"),
    );
    for (const { name } of migrations)
      await cp(path.join(MIGRATIONS_DIR, name), path.join(dir, "prisma/migrations", name), {
        recursive: true,
      });
    await writeFile(path.join(dir, "package.json"), '{ "type": "module" }\n');
    await migrateDeploy(databaseUrl, { config: path.join(dir, "prisma.config.ts") });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function writeChunk(stream: Writable, chunk: Buffer): Promise<void> {
  if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once("drain", resolve));
}

/** Every table's rows and the sequences, in one transaction checked against the manifest. */
async function loadData(databaseUrl: string, file: string, manifest: Manifest): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await applyCopySettings(client);
    await client.query("BEGIN");
    // The archive's migrations made exactly the archive's tables; some of them also
    // insert rows (the holiday calendar), which the archive holds as they were
    // at backup time: emptied here, then loaded from the archive like the rest.
    const schema = await tablesInForeignKeyOrder(client);
    const sameSchema =
      JSON.stringify([...schema].sort(byName)) ===
      JSON.stringify(manifest.tables.map(({ name, columns }) => ({ name, columns })).sort(byName));
    if (!sameSchema)
      throw new ArchiveError("The archive's migrations made other tables or columns than the archive holds.");
    if (schema.length > 0)
      await client.query(`TRUNCATE ${schema.map((t) => client.escapeIdentifier(t.name)).join(", ")}`);
    let stream: ReturnType<typeof copyFrom> | null = null;
    let table: TableInfo | null = null;
    for await (const frame of framesOf(file)) {
      if (frame.kind === "T") {
        table = parseJsonFrame<TableInfo>(frame);
        // The rows are copied as they were, derived columns included: a trigger of
        // ours must not rewrite them (booking_touch_updated_at fires on UPDATE only,
        // but a later INSERT trigger would). Foreign keys stay checked (internal triggers).
        await client.query(`ALTER TABLE ${client.escapeIdentifier(table.name)} DISABLE TRIGGER USER`);
        stream = client.query(copyFrom(`COPY ${copyTarget(client, table)} FROM STDIN`));
      } else if (frame.kind === "D") {
        await writeChunk(stream!, frame.payload);
      } else if (frame.kind === "E") {
        stream!.end();
        await finished(stream!);
        const expected = manifest.tables.find((t) => t.name === table!.name)!.rows;
        if (stream!.rowCount !== expected)
          throw new ArchiveError(
            `${table!.name}: COPY loaded ${stream!.rowCount} rows, the manifest says ${expected}.`,
          );
        stream = null;
        await client.query(`ALTER TABLE ${client.escapeIdentifier(table!.name)} ENABLE TRIGGER USER`);
      }
    }
    for (const entry of manifest.tables) {
      const count = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${client.escapeIdentifier(entry.name)}`,
      );
      if (Number(count.rows[0]!.n) !== entry.rows)
        throw new ArchiveError(
          `${entry.name} holds ${count.rows[0]!.n} rows after loading, the manifest says ${entry.rows}.`,
        );
    }
    for (const sequence of manifest.sequences)
      await client.query("SELECT setval($1::regclass, $2::bigint, $3)", [
        `public.${client.escapeIdentifier(sequence.name)}`,
        sequence.lastValue,
        sequence.isCalled,
      ]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

export class RestoreRefused extends Error {}

export interface RestoreResult {
  /** Migrations of this code the archive did not have, applied after the data. */
  laterMigrations: string[];
}

/**
 * Restores a verified archive (`verifyArchive` first) into the empty database
 * at `databaseUrl`. Throws RestoreRefused, before writing anything, when the
 * database is not empty or the archive's migrations are not this code's.
 */
export async function restoreBackup(
  databaseUrl: string,
  file: string,
  manifest: Manifest,
): Promise<RestoreResult> {
  const code = codeMigrations();
  const problem = migrationPrefixProblem(manifest.migrations, code);
  if (problem) throw new RestoreRefused(problem);
  const existing = await existingRelations(databaseUrl);
  if (existing.length > 0)
    throw new RestoreRefused(
      `The target database is not empty (${existing.length} relations, e.g. ${existing.slice(0, 3).join(", ")}): a backup is restored only into an empty database or a new data directory.`,
    );

  await applyMigrationPrefix(databaseUrl, manifest.migrations);
  await loadData(databaseUrl, file, manifest);
  const later = code.slice(manifest.migrations.length).map((m) => m.name);
  if (later.length > 0) await migrateDeploy(databaseUrl);
  return { laterMigrations: later };
}
