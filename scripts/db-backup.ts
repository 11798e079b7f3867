// `npm run db:backup [-- --out <file>]`: a consistent snapshot of the portal's
// database (the embedded one, started for the backup if the portal is not
// running, or DATABASE_URL) as one archive with a .sha256 beside it
// (docs/decisions/0027-backups.md). The encryption key is NOT in the archive.
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createBackup } from "../lib/backup/create-backup";
import { ArchiveError } from "../lib/backup/archive";
import { BackupSchemaError } from "../lib/backup/session";
import { encryptionKeySource } from "../lib/backup/key-file";
import {
  embeddedDataDir,
  fail,
  loadEnvOrExit,
  log,
  openDatabase,
  ROOT,
  runningEmbeddedUrl,
  type Database,
} from "./lib/runtime";

const USAGE = "Usage: npm run db:backup [-- --out <file>]";

let args;
try {
  args = parseArgs({
    options: { out: { type: "string" }, help: { type: "boolean" } },
    allowPositionals: false,
  });
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
if (args.values.help) {
  console.log(USAGE);
  process.exit(0);
}

const env = loadEnvOrExit();
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const out = path.resolve(
  args.values.out ?? path.resolve(ROOT, env.PORTAL_DATA_DIR, "backups", `portal-${stamp}.backup.gz`),
);
if (existsSync(out)) fail(`${out} already exists; choose another --out.`);

let database: Database;
if (env.DATABASE_URL) database = { url: env.DATABASE_URL };
else {
  const running = runningEmbeddedUrl(env);
  if (running) database = { url: running };
  else if (!existsSync(path.join(embeddedDataDir(env), "PG_VERSION")))
    fail(
      `There is no embedded database in ${embeddedDataDir(env)} to back up (PORTAL_DATA_DIR=${env.PORTAL_DATA_DIR}).`,
    );
  else database = await openDatabase(env);
}

const key = encryptionKeySource(env);
let problem: string | null = null;
try {
  const started = Date.now();
  const result = await createBackup(database.url, out, { encryptionKey: key?.key });
  const rows = result.manifest.tables.reduce((sum, t) => sum + t.rows, 0);
  log(
    `Backup written: ${result.file} (${(result.bytes / 1024 / 1024).toFixed(1)} MiB, ${result.manifest.tables.length} tables, ${rows} rows, PostgreSQL ${result.manifest.server.version}, ${result.manifest.migrations.length} migrations) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
  log(`Checksum: ${result.checksumFile} (check with: sha256sum -c ${path.basename(result.checksumFile)})`);
  log(
    key
      ? `The archive does NOT contain the encryption key (fingerprint ${result.manifest.keyFingerprint}). Back up the key separately, kept apart from the archive: ${key.where}`
      : "No DATA_ENCRYPTION_KEY was found: the archive records no key fingerprint, and encrypted passport and policy numbers in it need the key that wrote them.",
  );
} catch (error) {
  if (error instanceof ArchiveError || error instanceof BackupSchemaError) problem = error.message;
  else if (error instanceof Error && "code" in error && typeof error.code === "string")
    problem = `The backup failed: ${error.message}`;
  else throw error;
} finally {
  // Before any exit: fail() ends the process, which would leave a started server running.
  await database.embedded?.stop();
}
if (problem) fail(problem);
