// A PostgreSQL primary and its streaming replicas from the machine's own
// PostgreSQL binaries (Debian's postgresql package: /usr/lib/postgresql/<major>/bin),
// for `npm run cluster` (scripts/cluster.ts) and the cluster tests (tests/cluster).
//
// Real replication, as in production: the primary runs with wal_level=replica
// and a replication role; each replica is made by
// `pg_basebackup -R -X stream -C -S <slot>` and streams WAL through that slot.
// Every server listens on 127.0.0.1 only, runs as a child of this process (not
// a daemon: when the parent stops them nothing is left running) and, when this
// process is root, as the user postgres (PostgreSQL refuses to run as root).
//
// A directory holds one cluster: <dir>/primary, <dir>/replica-N, the logs
// <dir>/<name>.log and <dir>/credentials.json (passwords made on first use,
// readable by the owner only). Starting again on the same directory reuses it.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  chmodSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import pg from "pg";

export const CLUSTER_DATABASE = "portal";
export const APP_ROLE = "portal";
export const REPLICATION_ROLE = "replicator";
const SUPERUSER = "postgres";

export interface ClusterCredentials {
  superuser: string;
  app: string;
  replication: string;
}

export interface PgServer {
  name: string;
  port: number;
  dataDir: string;
  /** The app's connection URL (role portal, database portal). */
  url: string;
  /** A superuser URL (for checks: pg_stat_replication, pg_wal_replay_pause). */
  superUrl: string;
  process: ChildProcess;
  /** Fast shutdown (SIGINT), then immediate (SIGQUIT) after 10 s; resolves when the process has exited. */
  stop(): Promise<void>;
}

export interface PgLog {
  (line: string): void;
}

/** The directory of the newest PostgreSQL binaries installed (PG_BIN overrides). */
export function postgresBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((d) => /^\d+$/.test(d) && existsSync(path.join(root, d, "bin/postgres")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (majors.length === 0)
    throw new Error(
      "PostgreSQL server binaries not found under /usr/lib/postgresql: install them (apt-get install -y postgresql) or set PG_BIN.",
    );
  return path.join(root, majors[0]!, "bin");
}

/** uid/gid of user postgres when this process is root (PostgreSQL refuses to run as root). */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => {
    const out = spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
    if (out.status !== 0)
      throw new Error(
        "Running as root needs a user postgres to run PostgreSQL as (apt-get install -y postgresql).",
      );
    return Number(out.stdout.trim());
  };
  return { uid: id("-u"), gid: id("-g") };
}

function ownDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const user = runAs();
  if (user) chownSync(dir, user.uid, user.gid);
}

function runTool(bin: string, args: string[], env: Record<string, string> = {}): void {
  const user = runAs();
  const result = spawnSync(path.join(postgresBinDir(), bin), args, {
    encoding: "utf8",
    env: { ...process.env, ...env },
    ...(user ?? {}),
    cwd: "/",
  });
  if (result.status !== 0)
    throw new Error(
      `${bin} failed (exit ${result.status ?? result.signal}): ${(result.stderr || result.stdout).trim()}`,
    );
}

export function loadCredentials(dir: string): ClusterCredentials {
  const file = path.join(dir, "credentials.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as ClusterCredentials;
  const secret = () => randomBytes(18).toString("base64url");
  const credentials = { superuser: secret(), app: secret(), replication: secret() };
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}

function url(user: string, password: string, port: number, database: string): string {
  return `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** Runs statements with a short-lived client; returns the rows of the last one. */
export async function sql<T extends object = Record<string, unknown>>(
  connectionString: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    const result = await client.query(text, values);
    return (Array.isArray(result) ? (result.at(-1)?.rows ?? []) : result.rows) as T[];
  } finally {
    await client.end();
  }
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `${what}: not within ${timeoutMs / 1000} s${last instanceof Error ? ` (${last.message})` : ""}`,
  );
}

function settings(dataDir: string, port: number): string[] {
  const set: Record<string, string> = {
    port: String(port),
    listen_addresses: "127.0.0.1",
    // A socket in the data directory, not /var/run/postgresql (may not exist, and is shared).
    unix_socket_directories: dataDir,
    wal_level: "replica",
    max_wal_senders: "10",
    max_replication_slots: "10",
    hot_standby: "on",
    // The replica tells the primary which rows its queries still read: no query cancelled by a vacuum.
    hot_standby_feedback: "on",
    max_connections: "200",
    logging_collector: "off",
  };
  return Object.entries(set).flatMap(([k, v]) => ["-c", `${k}=${v}`]);
}

function startProcess(name: string, dir: string, dataDir: string, port: number, log?: PgLog): ChildProcess {
  const logFile = path.join(dir, `${name}.log`);
  const fd = openSync(logFile, "a");
  const user = runAs();
  const child = spawn(path.join(postgresBinDir(), "postgres"), ["-D", dataDir, ...settings(dataDir, port)], {
    stdio: ["ignore", fd, fd],
    ...(user ?? {}),
    cwd: "/",
  });
  closeSync(fd);
  log?.(`PostgreSQL ${name} on 127.0.0.1:${port} (pid ${child.pid}, log ${logFile})`);
  return child;
}

function serverHandle(
  name: string,
  port: number,
  dataDir: string,
  child: ChildProcess,
  credentials: ClusterCredentials,
): PgServer {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  return {
    name,
    port,
    dataDir,
    process: child,
    url: url(APP_ROLE, credentials.app, port, CLUSTER_DATABASE),
    superUrl: url(SUPERUSER, credentials.superuser, port, "postgres"),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGINT");
        const timer = setTimeout(() => child.kill("SIGQUIT"), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

async function waitReady(server: PgServer, log?: PgLog): Promise<void> {
  let exit: string | undefined;
  server.process.once("exit", (code, signal) => (exit = `exited: ${signal ?? code}`));
  await waitUntil(
    `PostgreSQL ${server.name} on port ${server.port} to accept connections`,
    async () => {
      if (exit)
        throw new Error(`${exit}; see ${path.join(path.dirname(server.dataDir), `${server.name}.log`)}`);
      await sql(server.superUrl, "SELECT 1");
      return true;
    },
    60_000,
  );
  log?.(`PostgreSQL ${server.name} ready.`);
}

/**
 * Starts (creating on first use) the primary in <dir>/primary: roles portal
 * (owner of database portal) and replicator (REPLICATION), password
 * authentication from 127.0.0.1 only.
 */
export async function startPrimary(options: { dir: string; port: number; log?: PgLog }): Promise<PgServer> {
  const { dir, port, log } = options;
  mkdirSync(dir, { recursive: true });
  // The user postgres must reach its data directories in here (mkdtemp makes 0700 directories).
  if (runAs()) chmodSync(dir, 0o711);
  const credentials = loadCredentials(dir);
  const dataDir = path.join(dir, "primary");
  const fresh = !existsSync(path.join(dataDir, "PG_VERSION"));
  if (fresh) {
    ownDir(dataDir);
    // initdb reads the superuser's password from a file, removed right after.
    const tmpPw = path.join(dir, `.initdb-pw-${process.pid}`);
    writeFileSync(tmpPw, credentials.superuser, { mode: 0o600 });
    const user = runAs();
    if (user) chownSync(tmpPw, user.uid, user.gid);
    try {
      runTool("initdb", [
        "-D",
        dataDir,
        "-U",
        SUPERUSER,
        `--pwfile=${tmpPw}`,
        "--auth-local=scram-sha-256",
        "--auth-host=scram-sha-256",
        "--encoding=UTF8",
        "--locale=C.UTF-8",
      ]);
    } finally {
      rmSync(tmpPw, { force: true });
    }
    // Replication connections from loopback (initdb's default hba allows them for local users only by name).
    const hba = path.join(dataDir, "pg_hba.conf");
    writeFileSync(
      hba,
      `${readFileSync(hba, "utf8")}\nhost replication ${REPLICATION_ROLE} 127.0.0.1/32 scram-sha-256\n`,
    );
    log?.(`Initialised the primary in ${dataDir}.`);
  }
  const server = serverHandle(
    "primary",
    port,
    dataDir,
    startProcess("primary", dir, dataDir, port, log),
    credentials,
  );
  await waitReady(server, log);
  if (fresh) {
    const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
    await sql(
      server.superUrl,
      `CREATE ROLE ${APP_ROLE} LOGIN PASSWORD ${quote(credentials.app)};
       CREATE ROLE ${REPLICATION_ROLE} LOGIN REPLICATION PASSWORD ${quote(credentials.replication)};`,
    );
    await sql(server.superUrl, `CREATE DATABASE ${CLUSTER_DATABASE} OWNER ${APP_ROLE}`);
  }
  return server;
}

/**
 * Starts (creating on first use, by pg_basebackup from the primary) the
 * streaming replica <dir>/replica-<n> with replication slot replica_<n>, and
 * waits until the primary's pg_stat_replication shows it streaming.
 */
export async function startReplica(options: {
  dir: string;
  primary: PgServer;
  port: number;
  n?: number;
  log?: PgLog;
}): Promise<PgServer> {
  const { dir, primary, port, log } = options;
  const n = options.n ?? 1;
  const name = `replica-${n}`;
  const slot = `replica_${n}`;
  const credentials = loadCredentials(dir);
  const dataDir = path.join(dir, name);
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    ownDir(dataDir);
    const slots = await sql(primary.superUrl, "SELECT 1 FROM pg_replication_slots WHERE slot_name = $1", [
      slot,
    ]);
    const started = Date.now();
    runTool(
      "pg_basebackup",
      [
        "-d",
        `host=127.0.0.1 port=${primary.port} user=${REPLICATION_ROLE} application_name=${name}`,
        "-D",
        dataDir,
        "-R",
        "-X",
        "stream",
        ...(slots.length === 0 ? ["-C"] : []),
        "-S",
        slot,
        "-c",
        "fast",
      ],
      { PGPASSWORD: credentials.replication },
    );
    log?.(`Base backup for ${name} taken in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  const server = serverHandle(name, port, dataDir, startProcess(name, dir, dataDir, port, log), credentials);
  await waitReady(server, log);
  await waitStreaming(primary, name);
  log?.(`${name} is streaming from the primary (slot ${slot}).`);
  return server;
}

/** Waits until pg_stat_replication on the primary shows `applicationName` in state streaming. */
export async function waitStreaming(
  primary: PgServer,
  applicationName: string,
  timeoutMs = 60_000,
): Promise<void> {
  await waitUntil(
    `replica ${applicationName} to stream from the primary`,
    async () =>
      (
        await sql(
          primary.superUrl,
          "SELECT 1 FROM pg_stat_replication WHERE application_name = $1 AND state = 'streaming'",
          [applicationName],
        )
      ).length > 0,
    timeoutMs,
  );
}

export interface ReplicationRow {
  application_name: string;
  state: string;
  sent_lsn: string;
  replay_lsn: string | null;
  replay_lag_bytes: string | null;
}

/** pg_stat_replication on the primary (what `npm run cluster` prints). */
export async function replicationStatus(primary: PgServer): Promise<ReplicationRow[]> {
  return sql<ReplicationRow>(
    primary.superUrl,
    `SELECT application_name, state, sent_lsn::text, replay_lsn::text,
            pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::text AS replay_lag_bytes
       FROM pg_stat_replication ORDER BY application_name`,
  );
}

/**
 * Pauses the replica's replay and waits until it has stopped: pg_wal_replay_pause() only asks
 * (pg_get_wal_replay_pause_state() reads 'pause requested' until it is 'paused'), and a write
 * made in between can still be replayed. A test of lag pauses with this, then writes.
 */
export async function pauseReplay(replica: PgServer, timeoutMs = 30_000): Promise<void> {
  await sql(replica.superUrl, "SELECT pg_wal_replay_pause()");
  await waitUntil(
    `${replica.name} to pause its replay`,
    async () =>
      (await sql(replica.superUrl, "SELECT 1 WHERE pg_get_wal_replay_pause_state() = 'paused'")).length > 0,
    timeoutMs,
  );
}

/** Waits until the replica has replayed everything the primary had written when called. */
export async function waitReplayed(primary: PgServer, replica: PgServer, timeoutMs = 30_000): Promise<void> {
  const [row] = await sql<{ lsn: string }>(primary.superUrl, "SELECT pg_current_wal_lsn()::text AS lsn");
  await waitUntil(
    `${replica.name} to replay up to ${row!.lsn}`,
    async () =>
      (await sql(replica.superUrl, "SELECT 1 WHERE pg_last_wal_replay_lsn() >= $1::pg_lsn", [row!.lsn]))
        .length > 0,
    timeoutMs,
  );
}
