// Opt-in for integration test files that start from the demo catalogue: instead of
// `await seedDemo(testDb())` in every such file (tens of seconds each on a busy
// machine: thousands of slots, argon2 password hashes), call `await loadDemoSeed()`
// in the file's first beforeAll. The first file that asks seeds one database from
// the migrated template with seedDemo, once per test run (an advisory lock makes
// the other workers wait for it); every asking file then gets its own copy of it
// under its own database name, so DATABASE_URL and testDb() stay as they are.
// A file whose data must be seeded at a time of its own (seedDemo(db, now)) keeps
// calling seedDemo itself.
import pg from "pg";
import { inject } from "vitest";
import { createDbClient } from "../../lib/db/create-client";
import { seedDemo } from "../../lib/seed/seed-demo";
import { closeTestDb } from "../helpers/db";

const DEMO_TEMPLATE = "portal_template_demo";
/** pg_advisory_lock key of the one-time seeding (any constant of our own). */
const SEED_LOCK = 7_318_101;

function databaseUrl(name: string): string {
  const url = new URL(inject("pgAdminUrl"));
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates the seeded template unless an earlier file of this run already did. */
async function ensureDemoTemplate(admin: pg.Client): Promise<void> {
  await admin.query("SELECT pg_advisory_lock($1)", [SEED_LOCK]);
  try {
    const existing = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DEMO_TEMPLATE]);
    if (existing.rowCount) return;
    // Seeded under another name and renamed when complete: a seeding that failed half-way
    // is never cloned, and the next file to ask starts it again.
    const building = `${DEMO_TEMPLATE}_building`;
    await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${building}" TEMPLATE "${inject("pgTemplate")}"`);
    const db = createDbClient(databaseUrl(building));
    try {
      await seedDemo(db);
    } finally {
      await db.$disconnect();
    }
    await admin.query(`ALTER DATABASE "${building}" RENAME TO "${DEMO_TEMPLATE}"`);
  } finally {
    await admin.query("SELECT pg_advisory_unlock($1)", [SEED_LOCK]);
  }
}

/**
 * This test file's database becomes a copy of the demo catalogue, as `seedDemo(testDb())`
 * would leave it (seeded at the time the run's first file asked). Call it first in
 * beforeAll, before anything else uses the database.
 */
export async function loadDemoSeed(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: integration tests run with tests/setup/test-db.ts");
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  await closeTestDb();
  const admin = new pg.Client({ connectionString: inject("pgAdminUrl") });
  await admin.connect();
  try {
    await ensureDemoTemplate(admin);
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${DEMO_TEMPLATE}"`);
  } finally {
    await admin.end();
  }
}
