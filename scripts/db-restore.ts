// `npm run db:restore -- <file> [--data-dir <dir>]`: restores a db:backup
// archive into a NEW embedded data directory (--data-dir, what PORTAL_DATA_DIR
// would name), into the empty database DATABASE_URL names, or else into the
// embedded default (PORTAL_DATA_DIR) when its database is empty. The archive is
// checked whole before anything is written (docs/decisions/0027-backups.md).
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ArchiveError } from "../lib/backup/archive";
import { encryptionKeySource, keyFilePath } from "../lib/backup/key-file";
import { keyFingerprint } from "../lib/backup/manifest";
import { RestoreRefused, restoreBackup, verifyArchive } from "../lib/backup/restore-backup";
import { EmbeddedDbError, startEmbeddedPostgres } from "../lib/db/embedded";
import { MigrationError } from "../lib/db/migrate";
import {
  DATABASE_NAME,
  fail,
  loadEnvOrExit,
  log,
  openDatabase,
  runningEmbeddedUrl,
  type Database,
} from "./lib/runtime";

const USAGE = "Usage: npm run db:restore -- <backup file> [--data-dir <new portal data directory>]";

let args;
try {
  args = parseArgs({
    options: { "data-dir": { type: "string" }, help: { type: "boolean" } },
    allowPositionals: true,
  });
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
if (args.values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (args.positionals.length !== 1) fail(USAGE);

const env = loadEnvOrExit();
const file = path.resolve(args.positionals[0]!);
const dataDir = args.values["data-dir"] ? path.resolve(args.values["data-dir"]) : undefined;
if (dataDir && env.DATABASE_URL)
  fail(
    "Both --data-dir and DATABASE_URL are set: restore into one of them (unset DATABASE_URL for --data-dir).",
  );
const pgDir = dataDir ? path.join(dataDir, "pg") : undefined;
if (pgDir && existsSync(pgDir) && readdirSync(pgDir).length > 0)
  fail(`${pgDir} is not empty: --data-dir takes a new portal data directory.`);

log(`Checking ${file} ...`);
let manifest;
try {
  manifest = await verifyArchive(file);
} catch (error) {
  if (error instanceof ArchiveError) fail(`${error.message}`);
  throw error;
}
const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
log(
  `Archive OK: made ${manifest.createdAt} from PostgreSQL ${manifest.server.version}, ${manifest.tables.length} tables, ${rows} rows, ${manifest.migrations.length} migrations.`,
);

let database: Database | undefined;
let problem: string | null = null;
try {
  if (pgDir) {
    const embedded = await startEmbeddedPostgres({ dataDir: pgDir, preferredPort: 0, log });
    database = { url: embedded.url(DATABASE_NAME), embedded };
    await embedded.ensureDatabase(DATABASE_NAME);
  } else if (env.DATABASE_URL) database = { url: env.DATABASE_URL };
  else {
    const running = runningEmbeddedUrl(env);
    database = running ? { url: running } : await openDatabase(env);
  }
  const started = Date.now();
  const result = await restoreBackup(database.url, file, manifest);
  log(
    `Restored ${rows} rows into ${manifest.tables.length} tables in ${((Date.now() - started) / 1000).toFixed(1)} s; every table's count matches the archive.`,
  );
  if (result.laterMigrations.length > 0)
    log(
      `Then applied ${result.laterMigrations.length} newer migrations: ${result.laterMigrations.join(", ")}.`,
    );
} catch (error) {
  if (error instanceof RestoreRefused || error instanceof EmbeddedDbError) problem = error.message;
  else if (error instanceof ArchiveError || error instanceof MigrationError)
    problem = `The restore failed: ${error.message}${pgDir ? `\nRemove ${dataDir} before trying again.` : " The target database may now hold the schema: drop and recreate it before trying again."}`;
  else if (error instanceof Error && "code" in error && typeof error.code === "string")
    problem = `The restore failed: ${error.message}`;
  else throw error;
} finally {
  await database?.embedded?.stop();
}
if (problem) fail(problem);

// The key is not in the archive: name the one the restored portal will use.
const target = encryptionKeySource(env, dataDir ?? env.PORTAL_DATA_DIR);
const keyPath = dataDir
  ? keyFilePath(dataDir)
  : env.DATABASE_URL
    ? "DATA_ENCRYPTION_KEY"
    : keyFilePath(env.PORTAL_DATA_DIR);
if (!manifest.keyFingerprint)
  log("The archive records no key fingerprint: check that the key in use is the one that wrote it.");
else if (!target)
  log(
    `WARNING: no encryption key at ${keyPath} yet. Put the key this archive was written with there (fingerprint ${manifest.keyFingerprint}) before starting the portal; a new key cannot read the encrypted passport and policy numbers.`,
  );
else if (keyFingerprint(target.key) !== manifest.keyFingerprint)
  log(
    `WARNING: the key at ${target.where} (fingerprint ${keyFingerprint(target.key)}) is not the one that wrote this archive (${manifest.keyFingerprint}): encrypted passport and policy numbers will not decrypt. Use the key you backed up with the archive.`,
  );
else log(`The encryption key at ${target.where} is the one that wrote this archive.`);
if (dataDir) log(`Start the restored portal with: PORTAL_DATA_DIR=${dataDir} npm start`);
