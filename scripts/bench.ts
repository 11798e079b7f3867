// `npm run bench`: catalogue speed on synthetic catalogues of 850 and 8,500
// institutions. For each scale: a fresh embedded database, the production
// server, and a closed-loop load of N concurrent clients per route, against a
// static route of the same server measured in the same run. Prints the main
// finder query's plan and fails if it reads a large table sequentially.
// The FHIR rows (scripts/bench-fhir.ts) follow on the same server once the
// synthetic catalogue has slots: the Slot search next to /api/v1/slots, the
// SMART Scheduling Links manifest and files.
//
//   npm run bench -- --scales 850,8500 --duration 6 --concurrency 1,4,8
import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { createDbClient } from "../lib/db/create-client";
import { findFreePort, isPortInUse, makeTempDataDir, startEmbeddedPostgres } from "../lib/db/embedded";
import { migrateDeploy } from "../lib/db/migrate";
import { Prisma } from "../lib/db/generated/client";
import { seedDemo } from "../lib/seed/seed-demo";
import { seedSynthetic } from "../lib/seed/seed-synthetic";
import { buildIfNeeded, ROOT } from "./lib/runtime";
import { fetchWholePublication, fhirBenchRoutes, seedBenchSlots, type WholePublication } from "./bench-fhir";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const suites = arg("suite", "catalogue,booking,fhir").split(",");
const scales =
  suites.includes("catalogue") || suites.includes("fhir")
    ? arg("scales", "850,8500").split(",").map(Number)
    : [];
const durationMs = Number(arg("duration", "6")) * 1000;
const concurrencies = arg("concurrency", "1,4,8").split(",").map(Number);
const TARGETS = { api: 50, page: 150 }; // p95 ms at 8,500 institutions
const fhirRatios: string[][] = [["scale", "clients", "FHIR route", "p95 vs /api/v1", "req/s vs /api/v1"]];
const wholeReads: { scale: number; read: WholePublication }[] = [];

interface Stats {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
  });
}

/** One line of the results table: throughput, latencies and the ratios to the static baseline of the same run. */
function tableRow(
  scale: number,
  concurrency: number,
  name: string,
  s: Stats,
  baseline: Stats | undefined,
  target: string,
): string[] {
  return [
    String(scale),
    String(concurrency),
    name,
    s.rps.toFixed(0),
    s.p50.toFixed(1),
    s.p95.toFixed(1),
    s.p99.toFixed(1),
    baseline ? `${(s.p95 / baseline.p95).toFixed(1)}x` : "",
    baseline ? `${(s.rps / baseline.rps).toFixed(2)}x` : "",
    target,
  ];
}

/** Says a route answered errors; the bench then fails (returns true for `failed`). */
function reportErrors(name: string, s: Stats): true {
  console.error(`[bench] ${name}: ${s.errors} non-200 answers`);
  return true;
}

async function load(url: string, ms: number, concurrency: number): Promise<Stats> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + ms;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const status = await get(url).catch(() => 0);
        if (status !== 200) errors++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return {
    requests: latencies.length,
    errors,
    rps: latencies.length / elapsed,
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
  };
}

function startServer(port: number, databaseUrl: string) {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port)],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: "ignore",
    },
  );
  return child;
}

const LARGE_TABLE_ROWS = 5_000;

async function checkPlan(
  db: ReturnType<typeof createDbClient>,
  citySlug: string,
): Promise<{ plan: string; seqScans: string[] }> {
  const city = await db.city.findUniqueOrThrow({ where: { slug: citySlug } });
  // The finder's main query with two filters (city + language), as searchHospitals builds it.
  const rows = await db.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN
    SELECT i.id FROM institution i
    WHERE i.city_id = ${city.id} AND i.languages @> ARRAY['en']::text[]
    ORDER BY i.guide_listed DESC,
      COALESCE((SELECT t.name FROM institution_translation t WHERE t.institution_id = i.id AND t.locale = 'en'), i.name_zh) ASC, i.slug
    LIMIT 20`);
  const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
  const sizes = await db.$queryRaw<
    { relname: string; n: number }[]
  >`SELECT relname, reltuples::int AS n FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace`;
  const large = new Set(sizes.filter((s) => s.n > LARGE_TABLE_ROWS).map((s) => s.relname));
  const seqScans = [...plan.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1]!).filter((t) => large.has(t));
  return { plan, seqScans };
}

const table: string[][] = [
  [
    "scale",
    "clients",
    "route",
    "req/s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "p95 vs static",
    "req/s vs static",
    "target p95",
  ],
];
let failed = false;

if (scales.length) await buildIfNeeded();

for (const scale of scales) {
  const dir = await makeTempDataDir("portal-bench-");
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg") });
  await pg.ensureDatabase("portal");
  const url = pg.url("portal");
  await migrateDeploy(url);
  const db = createDbClient(url);
  await seedDemo(db);
  await seedSynthetic(db, scale);
  await db.$executeRawUnsafe("ANALYZE");
  const { plan, seqScans } = await checkPlan(db, "synthetic-city-07");
  console.log(`\n[bench] ${scale} institutions: plan of the main finder query (city + language):\n${plan}`);
  if (seqScans.length) {
    console.error(`[bench] FAIL: sequential scan of large table(s) ${seqScans.join(", ")}`);
    failed = true;
  }
  await db.$disconnect();

  const port = await findFreePort();
  const server = startServer(port, url);
  const deadline = Date.now() + 60_000;
  while (!(await isPortInUse(port)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  const base = `http://127.0.0.1:${port}`;
  const routes = [
    { name: "static /icon.svg (baseline)", path: "/icon.svg", kind: "static" },
    {
      name: "(a) finder page, 2 filters",
      path: "/en/hospitals?city=synthetic-city-07&language=en",
      kind: "page",
    },
    {
      name: "(b) API, same query",
      path: "/api/v1/hospitals?city=synthetic-city-07&language=en",
      kind: "api",
    },
    // A real institution's name: the synthetic names are all "Synthetic Hospital N", so a query
    // on them matches thousands of rows, which no patient's search does.
    {
      name: "(c) API free-text search",
      path: `/api/v1/hospitals?q=${encodeURIComponent("Peking Union")}`,
      kind: "api",
    },
    { name: "(d) institution page", path: "/en/hospitals/synthetic-hospital-42", kind: "page" },
  ] as const;
  // With --suite fhir alone, only the static baseline of the catalogue's routes.
  const measured = suites.includes("catalogue") ? routes : routes.filter((r) => r.kind === "static");
  const baselines = new Map<number, Stats>();
  for (const r of measured) await load(base + r.path, 1500, 4); // warm up every route
  for (const concurrency of concurrencies) {
    let baseline: Stats | undefined;
    for (const r of measured) {
      const s = await load(base + r.path, durationMs, concurrency);
      if (r.kind === "static") baselines.set(concurrency, (baseline = s));
      const target =
        r.kind === "static" || scale < 8500
          ? ""
          : s.p95 <= TARGETS[r.kind]
            ? `ok (<${TARGETS[r.kind]})`
            : `missed (<${TARGETS[r.kind]})`;
      if (s.errors) failed = reportErrors(r.name, s);
      table.push(tableRow(scale, concurrency, r.name, s, baseline, target));
    }
  }
  if (suites.includes("fhir")) {
    // Slots for the synthetic catalogue now (the catalogue's rows above ran without them, as before).
    const fdb = createDbClient(url);
    const slots = await seedBenchSlots(fdb);
    await fdb.$executeRawUnsafe("ANALYZE");
    const fhirRoutes = await fhirBenchRoutes(fdb);
    await fdb.$disconnect();
    console.log(`[bench] ${scale} institutions: ${slots} synthetic slots added for the FHIR rows`);
    for (const r of fhirRoutes) await load(base + r.path, 1500, 4); // warm up
    for (const concurrency of concurrencies) {
      const baseline = baselines.get(concurrency);
      const byName = new Map<string, Stats>();
      for (const r of fhirRoutes) {
        const s = await load(base + r.path, durationMs, concurrency);
        byName.set(r.name, s);
        if (s.errors) failed = reportErrors(r.name, s);
        table.push(tableRow(scale, concurrency, r.name, s, baseline, ""));
        const twin = r.twin ? byName.get(r.twin) : undefined;
        if (twin)
          fhirRatios.push([
            String(scale),
            String(concurrency),
            r.name,
            `${(s.p95 / twin.p95).toFixed(2)}x`,
            `${(s.rps / twin.rps).toFixed(2)}x`,
          ]);
      }
    }
    const read = await fetchWholePublication(base, agent);
    if (read.failures) failed = true;
    wholeReads.push({ scale, read });
  }
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  await pg.stop();
  await rm(dir, { recursive: true, force: true });
}

const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
console.log(
  `\n[bench] closed loop, ${durationMs / 1000} s per route and client count, ${(await import("node:os")).cpus().length} cores; the load generator shares them\n`,
);
for (const [i, row] of table.entries()) {
  console.log(
    row.map((cell, c) => (c === 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  "),
  );
  if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
}
if (fhirRatios.length > 1) {
  const fw = fhirRatios[0]!.map((_, c) => Math.max(...fhirRatios.map((row) => row[c]!.length)));
  console.log("\n[bench] FHIR against the same query through /api/v1 (same run, same server)\n");
  for (const [i, row] of fhirRatios.entries()) {
    console.log(row.map((cell, c) => (c === 2 ? cell.padEnd(fw[c]!) : cell.padStart(fw[c]!))).join("  "));
    if (i === 0) console.log(fw.map((w) => "-".repeat(w)).join("  "));
  }
}
for (const { scale, read } of wholeReads)
  console.log(
    `[bench] ${scale} institutions: an aggregator's full read ($bulk-publish, then ${read.files} Slot files one after another): ` +
      `${read.slots} slots, ${read.megabytes.toFixed(1)} MB in ${read.seconds.toFixed(1)} s` +
      (read.failures ? `, ${read.failures} files not 200 (FAIL)` : ""),
  );
if (suites.includes("booking")) {
  const { runBookingBench } = await import("./bench-booking");
  const { rows, violations } = await runBookingBench(Number(arg("booking-duration", "4")) * 1000);
  const bt = [
    [
      "pattern",
      "clients",
      "createBooking commits/s",
      "raw pg baseline commits/s",
      "ratio",
      "target (32 clients, distinct)",
    ],
  ];
  for (const r of rows) {
    const ratio = r.ours / r.baseline;
    bt.push([
      r.pattern,
      String(r.clients),
      r.ours.toFixed(0),
      r.baseline.toFixed(0),
      `${(ratio * 100).toFixed(0)}%`,
      r.clients === 32 && r.pattern === "distinct slots"
        ? ratio >= 0.4
          ? "ok (>=40%)"
          : "missed (>=40%)"
        : "",
    ]);
  }
  const bw = bt[0]!.map((_, c) => Math.max(...bt.map((row) => row[c]!.length)));
  console.log(
    "\n[bench] booking commits per second (closed loop, one embedded PostgreSQL, pool of 10 connections each)\n",
  );
  for (const [i, row] of bt.entries()) {
    console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(bw[c]!) : cell.padStart(bw[c]!))).join("  "));
    if (i === 0) console.log(bw.map((w) => "-".repeat(w)).join("  "));
  }
  if (violations.length) {
    console.error(`[bench] FAIL: ${violations.join("; ")}`);
    failed = true;
  } else
    console.log(
      "\n[bench] invariants hold: no slot over capacity, no month over its cap, every count equal to its bookings",
    );
}

agent.destroy();
process.exit(failed ? 1 : 0);
