// Writes a backup archive of a PostgreSQL database (ADR 0027): one consistent
// snapshot (REPEATABLE READ READ ONLY, each table locked ACCESS SHARE against a
// concurrent migration, as pg_dump does), every public table streamed with
// COPY … TO STDOUT in foreign-key order, the sequences' values and a manifest,
// gzip-compressed into `<file>.partial`, renamed when complete, with a
// `<file>.sha256` beside it that `sha256sum -c` reads.
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import {
  ArchiveError,
  ARCHIVE_MAGIC,
  encodeFrame,
  jsonFrame,
  MAX_FRAME_PAYLOAD,
  TableDigest,
} from "./archive";
import { FORMAT_VERSION, keyFingerprint, type Manifest } from "./manifest";
import { applyCopySettings, copyTarget, MIGRATIONS_TABLE, tablesInForeignKeyOrder } from "./session";

export interface BackupResult {
  file: string;
  checksumFile: string;
  sha256: string;
  bytes: number;
  manifest: Manifest;
}

export interface BackupOptions {
  /** The DATA_ENCRYPTION_KEY (base64) the database's encrypted columns were written with, if known. */
  encryptionKey?: string;
  now?: Date;
}

/** A snapshot of the database at `databaseUrl` written to `file` (which must not exist yet). */
export async function createBackup(
  databaseUrl: string,
  file: string,
  options: BackupOptions = {},
): Promise<BackupResult> {
  const now = options.now ?? new Date();
  const target = path.resolve(file);
  const partial = `${target}.partial`;
  await mkdir(path.dirname(target), { recursive: true });

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const gzip = createGzip();
  const fileHash = createHash("sha256");
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      fileHash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const written = pipeline(gzip, counter, createWriteStream(partial, { flags: "wx", mode: 0o600 }));
  // Surface a write error (full disk) at once, not only when the pipeline is awaited.
  written.catch(() => {});
  const put = async (frame: Buffer) => {
    if (!gzip.write(frame)) await new Promise<void>((resolve) => gzip.once("drain", resolve));
  };

  try {
    await applyCopySettings(client);
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const tables = await tablesInForeignKeyOrder(client);
    for (const table of tables)
      await client.query(`LOCK TABLE ${client.escapeIdentifier(table.name)} IN ACCESS SHARE MODE`);

    const largeObjects = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_largeobject_metadata",
    );
    if (Number(largeObjects.rows[0]!.n) > 0)
      throw new ArchiveError(
        "The database holds large objects, which this backup does not copy (the portal never makes any).",
      );
    const server = await client.query<{ version: string; num: string; db: string }>(
      "SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS num, current_database() AS db",
    );
    const migrations = await client.query<{ name: string; checksum: string; finished: boolean }>(
      `SELECT migration_name AS name, checksum, finished_at IS NOT NULL AS finished
         FROM ${MIGRATIONS_TABLE} WHERE rolled_back_at IS NULL ORDER BY migration_name`,
    );
    const unfinished = migrations.rows.filter((m) => !m.finished).map((m) => m.name);
    if (unfinished.length)
      throw new ArchiveError(
        `Migration ${unfinished.join(", ")} did not finish; repair the database before backing it up.`,
      );
    const sequences = await client.query<{ name: string }>(
      `SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'S' ORDER BY relname`,
    );

    await put(ARCHIVE_MAGIC);
    const tableEntries: Manifest["tables"] = [];
    for (const table of tables) {
      await put(jsonFrame("T", table));
      const digest = new TableDigest();
      const stream = client.query(copyTo(`COPY ${copyTarget(client, table)} TO STDOUT`));
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        digest.update(chunk);
        for (let at = 0; at < chunk.length; at += MAX_FRAME_PAYLOAD)
          await put(encodeFrame("D", chunk.subarray(at, at + MAX_FRAME_PAYLOAD)));
      }
      if (stream.rowCount !== digest.rows)
        throw new ArchiveError(
          `COPY of ${table.name} reported ${stream.rowCount} rows but sent ${digest.rows} lines.`,
        );
      const entry = { ...table, rows: digest.rows, sha256: digest.digest() };
      await put(jsonFrame("E", { name: entry.name, rows: entry.rows, sha256: entry.sha256 }));
      tableEntries.push(entry);
    }

    const sequenceEntries: Manifest["sequences"] = [];
    for (const { name } of sequences.rows) {
      const value = await client.query<{ last_value: string; is_called: boolean }>(
        `SELECT last_value::text AS last_value, is_called FROM ${client.escapeIdentifier(name)}`,
      );
      sequenceEntries.push({
        name,
        lastValue: value.rows[0]!.last_value,
        isCalled: value.rows[0]!.is_called,
      });
    }
    await client.query("COMMIT");

    const manifest: Manifest = {
      formatVersion: FORMAT_VERSION,
      createdAt: now.toISOString(),
      server: { version: server.rows[0]!.version, versionNum: Number(server.rows[0]!.num) },
      database: server.rows[0]!.db,
      migrations: migrations.rows.map(({ name, checksum }) => ({ name, checksum })),
      tables: tableEntries,
      sequences: sequenceEntries,
      keyFingerprint: options.encryptionKey ? keyFingerprint(options.encryptionKey) : null,
    };
    await put(jsonFrame("M", manifest));
    gzip.end();
    await written;

    const sha256 = fileHash.digest("hex");
    const checksumFile = `${target}.sha256`;
    await rename(partial, target);
    await writeFile(checksumFile, `${sha256}  ${path.basename(target)}\n`);
    return { file: target, checksumFile, sha256, bytes, manifest };
  } catch (error) {
    gzip.destroy();
    await written.catch(() => {});
    await rm(partial, { force: true });
    throw error;
  } finally {
    await client.end();
  }
}
