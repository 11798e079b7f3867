// What a backup says about itself (ADR 0027): the format, when and from which
// server it was taken, the migrations its schema had, each table's rows and
// SHA-256, the sequences' values and a fingerprint of the encryption key that
// wrote its encrypted columns (never the key). Also the rule a restore checks
// first: the archive's migrations are a prefix of this code's.
import { createHash, createHmac } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

export const FORMAT_VERSION = 1;
const ROOT = path.resolve(import.meta.dirname, "../..");
export const MIGRATIONS_DIR = path.join(ROOT, "prisma/migrations");

const migrationSchema = z.object({ name: z.string().min(1), checksum: z.string().regex(/^[0-9a-f]{64}$/) });
export type Migration = z.output<typeof migrationSchema>;

export const manifestSchema = z.object({
  formatVersion: z.literal(FORMAT_VERSION),
  createdAt: z.iso.datetime(),
  server: z.object({ version: z.string(), versionNum: z.number().int() }),
  database: z.string(),
  migrations: z.array(migrationSchema),
  tables: z.array(
    z.object({
      name: z.string().min(1),
      columns: z.array(z.string().min(1)).min(1),
      rows: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
  sequences: z.array(
    z.object({ name: z.string().min(1), lastValue: z.string().regex(/^-?\d+$/), isCalled: z.boolean() }),
  ),
  keyFingerprint: z.string().nullable(),
});
export type Manifest = z.output<typeof manifestSchema>;

const FINGERPRINT_LABEL = "international-patient-portal backup key fingerprint v1";

/**
 * Tells two DATA_ENCRYPTION_KEYs apart without revealing either: an HMAC of a
 * fixed text under the key, shortened (a label, not a secret).
 */
export function keyFingerprint(base64Key: string): string {
  return createHmac("sha256", Buffer.from(base64Key, "base64"))
    .update(FINGERPRINT_LABEL)
    .digest("hex")
    .slice(0, 32);
}

/** This code's migrations in the order Prisma applies them, each with Prisma's checksum (SHA-256 of its SQL). */
export function codeMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({
      name,
      checksum: createHash("sha256")
        .update(readFileSync(path.join(dir, name, "migration.sql")))
        .digest("hex"),
    }));
}

/**
 * Null when `archive` is a prefix of `code` (same names, same SQL, same order);
 * otherwise why not, in a sentence for the operator.
 */
export function migrationPrefixProblem(archive: Migration[], code: Migration[]): string | null {
  for (const [i, migration] of archive.entries()) {
    const ours = code[i];
    if (!ours)
      return `The archive's schema has migration ${migration.name}, which this version of the portal does not have: restore it with the version that made it (or a newer one).`;
    if (ours.name !== migration.name)
      return `The archive's migration number ${i + 1} is ${migration.name}, this code's is ${ours.name}: the archive was made by another line of the code.`;
    if (ours.checksum !== migration.checksum)
      return `Migration ${migration.name} in the archive was applied from other SQL than this code's (checksum differs).`;
  }
  return null;
}
