// Shared by scripts/start.ts and scripts/seed.ts: configuration, the database
// (embedded or DATABASE_URL), migrations, the production build check.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { EnvError, parseEnv, type Env } from "../../lib/env";
import {
  EmbeddedDbError,
  runningPostmasterPid,
  startEmbeddedPostgres,
  type EmbeddedDb,
  EMBEDDED_USER,
  EMBEDDED_PASSWORD,
} from "../../lib/db/embedded";
import { createDbClient, type DbClient } from "../../lib/db/create-client";
import { migrateDeploy, MigrationError } from "../../lib/db/migrate";
import { generateEncryptionKey } from "../../lib/crypto/secrets";
import { demoAccounts, DEMO_PASSWORD, demoInstitutions } from "../../lib/seed/demo-data";
import { finishBuild } from "./finish-build";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const DATABASE_NAME = "portal";

export function log(line: string): void {
  console.log(`[portal] ${line}`);
}

/** Stops the process with one clear line (no stack trace) for a problem the user can fix. */
export function fail(line: string): never {
  console.error(`[portal] ${line}`);
  process.exit(1);
}

export function loadEnvOrExit(): Env {
  const dotenv = path.join(ROOT, ".env");
  if (existsSync(dotenv)) process.loadEnvFile(dotenv);
  try {
    return parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) fail(error.message);
    throw error;
  }
}

export interface Database {
  url: string;
  embedded?: EmbeddedDb;
}

/**
 * DATA_ENCRYPTION_KEY: given, or for the embedded database kept in
 * PORTAL_DATA_DIR/encryption.key (created once, readable by the owner only).
 * A real database needs it set explicitly: losing it loses the encrypted data.
 */
export function ensureEncryptionKey(env: Env): void {
  if (env.DATA_ENCRYPTION_KEY) return;
  if (env.DATABASE_URL)
    fail(
      "DATA_ENCRYPTION_KEY is required with DATABASE_URL: set it to 32 random bytes in base64 (openssl rand -base64 32).",
    );
  const file = path.resolve(ROOT, env.PORTAL_DATA_DIR, "encryption.key");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${generateEncryptionKey()}\n`, { mode: 0o600 });
  }
  process.env.DATA_ENCRYPTION_KEY = readFileSync(file, "utf8").trim();
  env.DATA_ENCRYPTION_KEY = process.env.DATA_ENCRYPTION_KEY;
}

export function embeddedDataDir(env: Env): string {
  return path.resolve(ROOT, env.PORTAL_DATA_DIR, "pg");
}

/** DATABASE_URL when set; otherwise start the embedded server (data in PORTAL_DATA_DIR/pg). */
export async function openDatabase(env: Env): Promise<Database> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL };
  try {
    const embedded = await startEmbeddedPostgres({
      dataDir: embeddedDataDir(env),
      preferredPort: env.EMBEDDED_PG_PORT,
      log,
    });
    await embedded.ensureDatabase(DATABASE_NAME);
    return { url: embedded.url(DATABASE_NAME), embedded };
  } catch (error) {
    if (error instanceof EmbeddedDbError) fail(error.message);
    throw error;
  }
}

/**
 * The URL of an embedded server another process already runs on this data
 * directory (postmaster.pid's fourth line is its port), or null.
 */
export function runningEmbeddedUrl(env: Env): string | null {
  const dir = embeddedDataDir(env);
  if (runningPostmasterPid(dir) === null) return null;
  const port = readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n")[3]?.trim();
  return port
    ? `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${DATABASE_NAME}`
    : null;
}

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  prefix?: string,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      if (prefix) for (const line of text.split("\n")) if (line.trim()) console.log(`${prefix}${line}`);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("error", reject);
    child.once("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Applies committed migrations; stops the start with the CLI's output if that fails. */
export async function migrate(url: string): Promise<void> {
  try {
    const result = await migrateDeploy(url);
    log(result.applied ? "Migrations applied." : "Database schema is up to date.");
  } catch (error) {
    if (error instanceof MigrationError) {
      console.error(error.message);
      fail("Applying database migrations failed (output above).");
    }
    throw error;
  }
}

/**
 * A one-off script's database, migrated: the embedded server the running portal
 * uses, or DATABASE_URL, or an embedded server started for the script. `close`
 * disconnects and stops what the script started.
 */
export async function openScriptDatabase(env: Env): Promise<{ db: DbClient; close: () => Promise<void> }> {
  ensureEncryptionKey(env);
  const running = env.DATABASE_URL ? null : runningEmbeddedUrl(env);
  const database: Database = running ? { url: running } : await openDatabase(env);
  await migrate(database.url);
  const db = createDbClient(database.url);
  return {
    db,
    close: async () => {
      await db.$disconnect();
      await database.embedded?.stop();
    },
  };
}

const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "messages",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
  "global.d.ts",
  "prisma/schema.prisma",
  "scripts/lib/compile-hints.ts",
  "scripts/lib/finish-build.ts",
  "scripts/lib/static-assets.ts",
  "scripts/lib/next-chunks.ts",
];
const BUILD_STAMP = ".next/portal-build-hash";

function hashInputs(): string {
  const hash = createHash("sha256");
  const visit = (relative: string) => {
    const absolute = path.join(ROOT, relative);
    if (!existsSync(absolute)) return;
    if (statSync(absolute).isDirectory()) {
      if (relative === "lib/db/generated") return;
      for (const entry of readdirSync(absolute).sort()) visit(path.join(relative, entry));
      return;
    }
    hash.update(relative).update("\0").update(readFileSync(absolute)).update("\0");
  };
  BUILD_INPUTS.forEach(visit);
  return hash.digest("hex");
}

/** Runs `next build` (then finishBuild: compile hints, compressed assets) unless .next holds a build of exactly these sources. */
export async function buildIfNeeded(): Promise<void> {
  const wanted = hashInputs();
  const stamp = path.join(ROOT, BUILD_STAMP);
  if (
    existsSync(path.join(ROOT, ".next/BUILD_ID")) &&
    existsSync(stamp) &&
    readFileSync(stamp, "utf8") === wanted
  ) {
    log("Using the existing production build.");
    return;
  }
  log("Building the app (first start or changed sources; this takes a minute or two) ...");
  const started = Date.now();
  const { code } = await run(
    process.execPath,
    [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"],
    { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    "  ",
  );
  if (code !== 0) fail("The build failed (output above).");
  for (const line of finishBuild(path.join(ROOT, ".next"))) log(line);
  writeFileSync(stamp, wanted);
  log(`Build finished in ${Math.round((Date.now() - started) / 1000)} s.`);
}

export async function printSignIns(db: DbClient, baseUrl: string): Promise<void> {
  const users = await db.user.findMany({
    where: { email: { in: demoAccounts.map((a) => a.email) }, isDemo: true },
    select: { email: true },
  });
  if (users.length === 0) return;
  const present = new Set(users.map((u) => u.email));
  const roleLabel: Record<string, string> = {
    HOSPITAL_STAFF: "hospital staff",
    HOSPITAL_MANAGER: "hospital manager",
    CITY_ADMIN: "city admin",
    SYSTEM_ADMIN: "system admin",
  };
  const lines = demoAccounts
    .filter((a) => present.has(a.email))
    .map((a) => {
      const scope =
        "institution" in a
          ? demoInstitutions.find((i) => i.slug === a.institution)?.name.en
          : "city" in a
            ? a.city
            : "all cities";
      return `    ${roleLabel[a.role]!.padEnd(17)} ${a.email.padEnd(30)} ${scope ?? ""}`;
    });
  console.log(`\n  Demo sign-ins for ${baseUrl} (password for all: ${DEMO_PASSWORD})\n${lines.join("\n")}\n`);
}

/** SIGTERM a child process (its graceful shutdown), SIGKILL after `graceMs`; resolves once it has exited. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
