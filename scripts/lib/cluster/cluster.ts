// The whole local cluster, for `npm run cluster` and the cluster tests:
//
//   client ─▶ nginx :N ─┬─▶ app-1 (scripts/server.ts :A1, metrics :M1) ─┬─▶ PostgreSQL primary :P  (writes, reads after a write)
//                       └─▶ app-2 (scripts/server.ts :A2, metrics :M2) ─┘     │ streaming replication (slot replica_1)
//                                                                             └─▶ replica-1 :R  (public catalogue reads)
//
// startCluster starts the primary (migrated; the demo seeded into an empty
// database), the replica, the app instances (one build, made before by
// buildIfNeeded) and nginx, and polls each instance's /api/health/ready to
// take unready ones out of nginx's rotation (nginx.ts says why it is done here).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo, type Server } from "node:net";
import path from "node:path";
import { generateEncryptionKey } from "../../../lib/crypto/secrets";
import { createDbClient } from "../../../lib/db/create-client";
import { isDatabaseEmpty, seedDemo } from "../../../lib/seed/seed-demo";
import { migrate } from "../runtime";
import { isReady, startAppInstance, type AppInstance } from "./app";
import { startNginx, type Nginx } from "./nginx";
import { startPrimary, startReplica, type PgLog, type PgServer } from "./postgres";

export interface ClusterPorts {
  nginx: number;
  primary: number;
  replica: number;
  /** One per app instance. */
  apps: number[];
  /** One per app instance (METRICS_PORT). */
  metrics: number[];
}

export interface ClusterOptions {
  dir: string;
  ports: ClusterPorts;
  /** App instances (default: as many as ports.apps). */
  instances?: number;
  /** Start the streaming replica and send catalogue reads to it (default true). */
  replica?: boolean;
  /** Seed the demo catalogue into an empty database (default true). */
  seed?: boolean;
  /** More settings for every instance (LOG_LEVEL, READ_YOUR_WRITES_SECONDS, ...). */
  env?: Record<string, string>;
  /** How often the supervisor asks each instance whether it is ready (ms, default 1000; 0: never). */
  readinessPollMs?: number;
  log?: PgLog;
}

export interface Cluster {
  url: string;
  dir: string;
  primary: PgServer;
  replica?: PgServer;
  apps: AppInstance[];
  nginx: Nginx;
  /** The settings the instances share. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** n free TCP ports on 127.0.0.1 (asked of the kernel, then released). */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<Server>((resolve, reject) => {
          const server = createServer();
          server.once("error", reject);
          server.listen(0, "127.0.0.1", () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** The cluster's DATA_ENCRYPTION_KEY (<dir>/encryption.key, made once): every instance must share it. */
function encryptionKey(dir: string): string {
  const file = path.join(dir, "encryption.key");
  if (!existsSync(file)) writeFileSync(file, `${generateEncryptionKey()}\n`, { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const { dir, ports } = options;
  const log = options.log ?? (() => {});
  const instances = options.instances ?? ports.apps.length;
  mkdirSync(dir, { recursive: true });
  // What is running, in start order; stopped in reverse, the app instances together.
  const started: { stop(): Promise<void>; app?: boolean }[] = [];
  let poll: NodeJS.Timeout | undefined;
  const stopAll = async () => {
    if (poll) clearInterval(poll);
    // Reverse order: nginx (no new requests), the apps together (each finishes its requests), the
    // replica, the primary.
    const parts = started.splice(0).reverse();
    const quietly = (part: { stop(): Promise<void> }) => part.stop().catch(() => {});
    for (let i = 0; i < parts.length;) {
      const batch = [parts[i++]!];
      while (batch[0]!.app && parts[i]?.app) batch.push(parts[i++]!);
      await Promise.all(batch.map(quietly));
    }
  };
  try {
    const primary = await startPrimary({ dir, port: ports.primary, log });
    started.push(primary);
    await migrate(primary.url);
    if (options.seed ?? true) {
      const db = createDbClient(primary.url);
      try {
        if (await isDatabaseEmpty(db)) {
          log("Empty database: seeding the demo catalogue ...");
          const t = Date.now();
          const s = await seedDemo(db);
          log(
            `Seeded ${s.institutions} institutions and ${s.slots} slots in ${((Date.now() - t) / 1000).toFixed(1)} s.`,
          );
        }
      } finally {
        await db.$disconnect();
      }
    }
    let replica: PgServer | undefined;
    if (options.replica ?? true) {
      replica = await startReplica({ dir, primary, port: ports.replica, log });
      started.push(replica);
    }
    const url = `http://127.0.0.1:${ports.nginx}`;
    const env: Record<string, string> = {
      DATABASE_URL: primary.url,
      DATABASE_REPLICA_URLS: replica ? replica.url : "",
      DATA_ENCRYPTION_KEY: encryptionKey(dir),
      TRUSTED_PROXIES: "127.0.0.1",
      PUBLIC_BASE_URL: url,
      PORTAL_DATA_DIR: path.join(dir, "portal-data"),
      ...options.env,
    };
    const apps: AppInstance[] = [];
    // One at a time: two Next servers warming up at once on 2 cores only take longer each.
    for (let i = 0; i < instances; i++) {
      const app = await startAppInstance({
        name: `app-${i + 1}`,
        dir,
        port: ports.apps[i]!,
        metricsPort: ports.metrics[i]!,
        env,
      });
      apps.push(app);
      started.push({ stop: () => app.stop(), app: true });
      log(`App instance app-${i + 1} on 127.0.0.1:${app.port} (pid ${app.process.pid}, log ${app.logFile})`);
    }
    const upstreams = apps.map((a) => ({ port: a.port, down: false }));
    const nginx = await startNginx({ dir: path.join(dir, "nginx"), port: ports.nginx, upstreams });
    started.push(nginx);
    log(`nginx on ${url} (config ${path.join(dir, "nginx", "nginx.conf")})`);

    const pollMs = options.readinessPollMs ?? 1_000;
    if (pollMs > 0) {
      // Out after 3 failed checks in a row (a busy instance may miss one), back in after 1 good one.
      const failures = apps.map(() => 0);
      let polling = false;
      poll = setInterval(() => {
        if (polling) return;
        polling = true;
        void Promise.all(apps.map((a) => isReady(a.port)))
          .then((ready) => {
            ready.forEach((r, i) => (failures[i] = r ? 0 : failures[i]! + 1));
            const out = failures.map((f) => f >= 3);
            // None ready: keep them all (nginx would only answer 502); passive checks still apply.
            const down = out.every(Boolean) ? out.map(() => false) : out;
            if (down.some((d, i) => d !== upstreams[i]!.down)) {
              down.forEach((d, i) => (upstreams[i]!.down = d));
              log(
                `Readiness changed: ${apps.map((a, i) => `${a.name} ${down[i] ? "out" : "in"}`).join(", ")}`,
              );
              nginx.reload(upstreams);
            }
          })
          .finally(() => (polling = false));
      }, pollMs);
      poll.unref();
    }
    return { url, dir, primary, replica, apps, nginx, env, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
