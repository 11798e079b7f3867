// Issue 20 §4: npm run db:backup and db:restore, run as the real scripts. A demo
// database with bookings is backed up, restored into a new embedded data
// directory and into an empty database; every table's rows, a sequence and a
// booking's decrypted passport number are compared. A damaged archive and a
// non-empty target are refused with nothing written; an archive from an older
// schema is restored, then migrated.
import { spawn } from "node:child_process";
import { copyFile, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { createHash } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bookFromBody } from "../helpers/book";
import { testDb } from "../helpers/db";
import { loadDemoSeed } from "../setup/demo-db";
import { applyMigrationPrefix, verifyArchive } from "../../lib/backup/restore-backup";
import { codeMigrations, type Manifest } from "../../lib/backup/manifest";
import { decrypt } from "../../lib/crypto/secrets";
import {
  makeTempDataDir,
  runningPostmasterPid,
  startEmbeddedPostgres,
  type EmbeddedDb,
} from "../../lib/db/embedded";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PASSPORTS = ["C01X00T47", "E98765432"];
const NAMES = ["Anna Schmidt", "Jonas Becker"];

let tmp: string;
let archive: string;
const references: string[] = [];
const servers: EmbeddedDb[] = [];
const databases: string[] = [];

type ExtraEnv = Record<string, string | undefined>;

function run(script: "db-backup" | "db-restore", args: string[], env: ExtraEnv) {
  return new Promise<{ code: number; output: string }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(ROOT, `scripts/${script}.ts`), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** No DATABASE_URL (the embedded modes): an empty value counts as unset (lib/env.ts). */
const EMBEDDED: ExtraEnv = { DATABASE_URL: "" };

function urlOf(name: string): string {
  const url = new URL(inject("pgAdminUrl"));
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject("pgAdminUrl") });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function emptyDatabase(): Promise<string> {
  const name = `restore_${process.pid}_${databases.length}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  databases.push(name);
  return urlOf(name);
}

async function query<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** Every public table's row count, _prisma_migrations included. */
async function rowCounts(url: string): Promise<Record<string, number>> {
  const tables = await query<{ name: string }>(
    url,
    `SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables)
    counts[name] = Number((await query<{ n: string }>(url, `SELECT count(*) AS n FROM "${name}"`))[0]!.n);
  return counts;
}

/** What a backup says of each table: its rows and the SHA-256 of its COPY text. */
const tableDigests = (m: Manifest) => m.tables.map(({ name, rows, sha256 }) => ({ name, rows, sha256 }));

const relations = async (url: string) =>
  (
    await query<{ n: string }>(
      url,
      `SELECT count(*) AS n FROM pg_class WHERE relnamespace = 'public'::regnamespace`,
    )
  )[0]!.n;

beforeAll(async () => {
  await loadDemoSeed();
  tmp = await makeTempDataDir("portal-backup-test-");
  archive = path.join(tmp, "demo.backup.gz");
  const slots = await testDb().slot.findMany({
    where: {
      institution: { slug: "pumch-international" },
      departmentId: { not: null },
      startsAt: { gt: new Date(Date.now() + 3 * 86_400_000) },
    },
    orderBy: { startsAt: "asc" },
    take: PASSPORTS.length,
  });
  for (const [i, passportNumber] of PASSPORTS.entries()) {
    const booking = await bookFromBody(
      testDb(),
      {
        slotId: slots[i]!.id,
        locale: "en",
        name: NAMES[i],
        nationality: "DE",
        dateOfBirth: "1980-02-03",
        email: `backup${i}@example.com`,
        phone: "+49 151 23456789",
        preferredLanguage: "en",
        reasonForVisit: "Back pain",
        interpreterWanted: false,
        passportNumber,
        paymentMethod: "SELF_PAY",
        consentTerms: true,
        consentSensitive: true,
      },
      { idempotencyKey: `backup-test-${i}`, clientKey: "backup" },
    );
    references.push(booking.reference);
  }
  // A sequence away from its start, so that restoring it is seen (visa letter numbers).
  await testDb().$queryRaw`SELECT nextval('visa_letter_number_seq') FROM generate_series(1, 3)`;
});

afterAll(async () => {
  for (const server of servers) await server.stop();
  await admin(async (c) => {
    for (const name of databases) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("db:backup", () => {
  it("writes an archive and a sha256sum-compatible checksum, and names the key it does not contain", async () => {
    const result = await run("db-backup", ["--out", archive], { DATABASE_URL: process.env.DATABASE_URL });
    expect(result.output).toContain("Backup written");
    expect(result.code).toBe(0);
    expect(result.output).toContain("does NOT contain the encryption key");
    expect(existsSync(`${archive}.partial`)).toBe(false);
    const check = await new Promise<number>((resolve) =>
      spawn("sha256sum", ["-c", `${path.basename(archive)}.sha256`], { cwd: tmp, stdio: "ignore" }).once(
        "close",
        (code) => resolve(code ?? 1),
      ),
    );
    expect(check).toBe(0);
    // Neither the key nor a passport number in clear is anywhere in the archive.
    const { gunzipSync } = await import("node:zlib");
    const text = gunzipSync(await readFile(archive)).toString("utf8");
    expect(text).not.toContain(process.env.DATA_ENCRYPTION_KEY!);
    for (const passport of PASSPORTS) expect(text).not.toContain(passport);
    expect(text).toContain(references[0]);
  });

  it("refuses to overwrite an existing file", async () => {
    const result = await run("db-backup", ["--out", archive], { DATABASE_URL: process.env.DATABASE_URL });
    expect(result.code).toBe(1);
    expect(result.output).toContain("already exists");
  });
});

describe("db:restore", () => {
  it("restores into a new embedded data directory: every table's rows, a sequence and a decrypted passport", async () => {
    const dataDir = path.join(tmp, "restored");
    const result = await run("db-restore", [archive, "--data-dir", dataDir], EMBEDDED);
    expect(result.output).toContain("every table's count matches");
    expect(result.code).toBe(0);
    expect(result.output).toContain("is the one that wrote this archive");

    const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg") });
    servers.push(server);
    const restored = server.url("portal");
    const source = process.env.DATABASE_URL!;
    const before = await rowCounts(source);
    const after = await rowCounts(restored);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(after).toEqual(before);
    expect(before.booking).toBeGreaterThanOrEqual(2);
    expect(before.slot).toBeGreaterThan(1000);

    for (const [i, reference] of references.entries()) {
      const [row] = await query<{ enc: string }>(
        restored,
        `SELECT passport_number_enc AS enc FROM booking WHERE reference = $1`,
        [reference],
      );
      expect(decrypt(row!.enc)).toBe(PASSPORTS[i]);
    }
    const sequence = `SELECT last_value::text AS v, is_called FROM visa_letter_number_seq`;
    expect(await query(restored, sequence)).toEqual([{ v: "3", is_called: true }]);
    expect(await query(source, sequence)).toEqual([{ v: "3", is_called: true }]);

    // The embedded default with its server stopped: db:backup starts it, backs up, stops it.
    await servers.pop()!.stop();
    const again = path.join(tmp, "embedded.backup.gz");
    const backup = await run("db-backup", ["--out", again], { ...EMBEDDED, PORTAL_DATA_DIR: dataDir });
    expect(backup.code).toBe(0);
    expect(runningPostmasterPid(path.join(dataDir, "pg"))).toBeNull();
    expect(tableDigests(await verifyArchive(again))).toEqual(tableDigests(await verifyArchive(archive)));
  });

  it("restores into an empty database named by DATABASE_URL", async () => {
    const target = await emptyDatabase();
    const result = await run("db-restore", [archive], { DATABASE_URL: target });
    expect(result.code).toBe(0);
    expect(await rowCounts(target)).toEqual(await rowCounts(process.env.DATABASE_URL!));

    // Not only the counts: a backup of the copy holds byte for byte the same COPY text.
    const again = path.join(tmp, "again.backup.gz");
    expect((await run("db-backup", ["--out", again], { DATABASE_URL: target })).code).toBe(0);
    expect(tableDigests(await verifyArchive(again))).toEqual(tableDigests(await verifyArchive(archive)));
  });

  it("refuses an archive with one byte flipped, writing nothing", async () => {
    const damaged = path.join(tmp, "damaged.backup.gz");
    const bytes = await readFile(archive);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    await writeFile(damaged, bytes);
    await copyFile(`${archive}.sha256`, `${damaged}.sha256`);

    const target = await emptyDatabase();
    const intoDatabase = await run("db-restore", [damaged], { DATABASE_URL: target });
    expect(intoDatabase.code).toBe(1);
    expect(intoDatabase.output).toContain("Checksum mismatch");
    expect(await relations(target)).toBe("0");

    const dataDir = path.join(tmp, "never");
    const intoDirectory = await run("db-restore", [damaged, "--data-dir", dataDir], EMBEDDED);
    expect(intoDirectory.code).toBe(1);
    expect(existsSync(dataDir)).toBe(false);

    // With a checksum file made to match, the archive's own checks still refuse it.
    const hex = createHash("sha256").update(bytes).digest("hex");
    await writeFile(`${damaged}.sha256`, `${hex}  damaged.backup.gz\n`);
    const forged = await run("db-restore", [damaged], { DATABASE_URL: target });
    expect(forged.code).toBe(1);
    expect(forged.output).not.toContain("Checksum mismatch");
    expect(await relations(target)).toBe("0");
  });

  it("refuses a non-empty database, changing nothing in it", async () => {
    const source = process.env.DATABASE_URL!;
    const before = await rowCounts(source);
    const result = await run("db-restore", [archive], { DATABASE_URL: source });
    expect(result.code).toBe(1);
    expect(result.output).toContain("is not empty");
    expect(await rowCounts(source)).toEqual(before);
  });

  it("restores an archive of an older schema with its own migrations, then applies the newer ones", async () => {
    const migrations = codeMigrations();
    const older = await emptyDatabase();
    await applyMigrationPrefix(older, migrations.slice(0, -1));
    const file = path.join(tmp, "older.backup.gz");
    const backup = await run("db-backup", ["--out", file], { DATABASE_URL: older });
    expect(backup.code).toBe(0);

    const target = await emptyDatabase();
    const result = await run("db-restore", [file], { DATABASE_URL: target });
    expect(result.code).toBe(0);
    expect(result.output).toContain(`Then applied 1 newer migrations: ${migrations.at(-1)!.name}`);
    const applied = await query<{ name: string }>(
      target,
      `SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1`,
    );
    expect(applied.map((m) => m.name)).toEqual(migrations.map((m) => m.name));
  });
});
