// `npm run bench`: the catalogue, booking and FHIR benchmarks (issue 21: an
// honest bench). For each scale of synthetic catalogue (on top of the demo
// data): a fresh embedded PostgreSQL, seeded and ANALYZEd, then
//  1. in process, the catalogue's use cases (findHospitals, searchHospitals,
//     getInstitution, searchPackages, getHomeCatalogue) on a sample of the
//     varied requests, every statement they send captured by auto_explain
//     (EXPLAIN ANALYZE, BUFFERS): statements, database time and buffers per
//     call; the run FAILS on a Seq Scan of a table of more than 5,000 rows;
//  2. over HTTP (the scales in --http-scales), the production server started
//     as `npm start` serves it (scripts/server.ts), twice: defaults (caches on)
//     and PAGE_CACHE=off FACET_CACHE_SECONDS=0; each route cycles through
//     ≥1,000 distinct URLs (scripts/lib/bench/queries.ts) with a closed loop
//     of 1 and 8 clients, next to a static route of the same server measured
//     in the same run. Each figure is the median of --runs runs (min–max).
// Then the booking suite (scripts/bench-booking.ts) and the FHIR rows.
//
//   npm run bench                                   # all suites, scales 850, 8,500, 85,000
//   npm run bench -- --suite catalogue --scales 8500 --runs 3 --duration 5 --clients 1,8
import { execFileSync } from "node:child_process";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createDbClient } from "../lib/db/create-client";
import { findFreePort, makeTempDataDir, startEmbeddedPostgres } from "../lib/db/embedded";
import { migrateDeploy } from "../lib/db/migrate";
import { seedDemo } from "../lib/seed/seed-demo";
import { seedSynthetic } from "../lib/seed/seed-synthetic";
import { buildIfNeeded, ROOT } from "./lib/runtime";
import { readVocabulary, startAppServer } from "./lib/bench/catalogue";
import { agent, formatSpread, load, renderTable, spread, type RunStats } from "./lib/bench/load";
import { catalogueRoutes, type BenchRoute } from "./lib/bench/queries";
import { REFERENCE_ROWS, runInProcess, type GroupResult } from "./lib/bench/in-process";
import { fetchWholePublication, fhirBenchRoutes, seedBenchSlots } from "./bench-fhir";

// In-process use cases run without the facet cache, as the "cache off" server does.
process.env.FACET_CACHE_SECONDS = "0";
process.env.DATA_ENCRYPTION_KEY ??= Buffer.alloc(32, 3).toString("base64");

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const list = (value: string) => value.split(",").filter(Boolean).map(Number);
const suites = arg("suite", "catalogue,booking,fhir").split(",");
const httpScales = new Set(list(arg("http-scales", "850,8500")));
// The FHIR rows alone need only the scales served over HTTP.
const scales = list(arg("scales", "850,8500,85000")).filter(
  (s) => suites.includes("catalogue") || (suites.includes("fhir") && httpScales.has(s)),
);
const runs = Number(arg("runs", "3"));
const durationMs = Number(arg("duration", "5")) * 1000;
const clientCounts = list(arg("clients", arg("concurrency", "1,8")));
const sample = Number(arg("sample", "16"));
const LARGE_TABLE_ROWS = 5_000;

const startedAt = new Date();
const commit = (() => {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT }).toString().trim();
  } catch {
    return "unknown";
  }
})();
const failures: string[] = [];
const say = (line: string) => console.log(`[bench] ${line}`);
say(
  `started ${startedAt.toISOString()} at ${commit}; suites ${suites.join(",")}; scales ${scales.join(",")} ` +
    `(HTTP at ${[...httpScales].filter((s) => scales.includes(s)).join(",") || "none"}); ` +
    `${runs} runs x ${durationMs / 1000} s per route and client count; clients ${clientCounts.join(",")}; ` +
    `${os.cpus().length} cores shared with the load generator`,
);

interface Mode {
  name: string;
  env: Record<string, string>;
}
const MODES: Mode[] = [
  { name: "on", env: {} },
  { name: "off", env: { PAGE_CACHE: "off", FACET_CACHE_SECONDS: "0" } },
];

/** Per scale, mode, route and client count: each run's figures and its ratios to the static route. */
interface Sample {
  stats: RunStats;
  p95Ratio: number;
  rpsRatio: number;
}
const httpRows: string[][] = [
  [
    "scale",
    "cache",
    "clients",
    "route",
    "URLs sent",
    "req/s",
    "p95 ms",
    "p95 vs static",
    "req/s vs static",
    "non-200",
    "target",
  ],
];
const dbRows: string[][] = [
  [
    "scale",
    "use case (requests)",
    "calls",
    "statements/call",
    "DB ms/call",
    "DB ms p95",
    "buffers/call",
    "large seq scans",
    "target",
  ],
];
const fhirRows: string[][] = [
  ["scale", "clients", "FHIR route", "p95 ms", "p95 vs /api/v1", "req/s vs /api/v1"],
];
const worstPlans: string[] = [];
const notes: string[] = [];

/** The issue's targets for one HTTP row, or "" where none applies. */
function httpVerdict(scale: number, mode: string, clients: number, route: BenchRoute, s: Sample[]): string {
  const p95 = spread(s.map((x) => x.stats.p95)).median;
  const p95Ratio = spread(s.map((x) => x.p95Ratio)).median;
  const rpsRatio = spread(s.map((x) => x.rpsRatio)).median;
  const mark = (ok: boolean, goal: string) => `${ok ? "ok" : "MISSED"} (${goal})`;
  if (scale < 8500) return "";
  if (route.name === "API, varied filters" && mode === "off" && clients === 1)
    return mark(p95 < 50, "p95 < 50 ms");
  if (route.judged) {
    if (clients === 1) return mark(p95Ratio <= 5, "<= 5x static p95");
    if (clients === 8) return mark(rpsRatio >= 0.25, ">= 25% static req/s");
  }
  return "";
}

function dbVerdict(scale: number, g: GroupResult): string {
  const median = spread(g.calls.map((c) => c.dbMs)).median;
  if (scale >= 85_000 && g.name.startsWith("findHospitals: landing"))
    return `${median < 50 ? "ok" : "MISSED"} (< 50 ms)`;
  if (scale === 8500 && (g.name.startsWith("findHospitals") || g.name.startsWith("searchHospitals")))
    return `${median < 10 ? "ok" : "MISSED"} (< 10 ms)`;
  return "";
}

async function measureHttp(
  scale: number,
  mode: Mode,
  base: string,
  routes: BenchRoute[],
  out: Map<string, Sample[]>,
): Promise<void> {
  const cursors = new Map(routes.map((r) => [r.name, { next: 0 }]));
  const errorsSeen = new Set<string>();
  const onError = (p: string, status: number) => {
    if (errorsSeen.size < 5 && !errorsSeen.has(p)) {
      errorsSeen.add(p);
      say(`  ${status || "no answer"} for ${p}`);
    }
  };
  for (const r of routes) await load(base, r.paths, cursors.get(r.name)!, 1500, 2, onError); // warm up
  for (let run = 1; run <= runs; run++) {
    for (const clients of clientCounts) {
      let baseline: RunStats | undefined;
      for (const r of routes) {
        const stats = await load(base, r.paths, cursors.get(r.name)!, durationMs, clients, onError);
        if (r.kind === "static") baseline = stats;
        const key = `${clients}\t${r.name}`;
        const samples = out.get(key) ?? [];
        samples.push({
          stats,
          p95Ratio: baseline ? stats.p95 / baseline.p95 : NaN,
          rpsRatio: baseline ? stats.rps / baseline.rps : NaN,
        });
        out.set(key, samples);
      }
    }
    say(`  ${scale} cache ${mode.name}: run ${run} of ${runs} done`);
  }
}

function httpTableRows(scale: number, mode: Mode, routes: BenchRoute[], out: Map<string, Sample[]>) {
  for (const clients of clientCounts)
    for (const r of routes) {
      const s = out.get(`${clients}\t${r.name}`) ?? [];
      const errors = s.reduce((sum, x) => sum + x.stats.errors, 0);
      if (errors)
        failures.push(
          `${scale} cache ${mode.name}, ${clients} clients, ${r.name}: ${errors} non-200 answers`,
        );
      httpRows.push([
        String(scale),
        mode.name,
        String(clients),
        r.name,
        String(
          Math.min(
            r.paths.length,
            s.reduce((sum, x) => sum + x.stats.distinct, 0),
          ),
        ),
        formatSpread(spread(s.map((x) => x.stats.rps)), 0),
        formatSpread(spread(s.map((x) => x.stats.p95))),
        r.kind === "static" ? "" : formatSpread(spread(s.map((x) => x.p95Ratio)), 1, "x"),
        r.kind === "static" ? "" : formatSpread(spread(s.map((x) => x.rpsRatio)), 2, "x"),
        String(errors),
        httpVerdict(scale, mode.name, clients, r, s),
      ]);
    }
}

const anyHttp = scales.some((s) => httpScales.has(s));
if (anyHttp) await buildIfNeeded();

for (const scale of scales) {
  const scaleStarted = Date.now();
  const dir = await makeTempDataDir("portal-bench-");
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg") });
  const servers: { stop(): Promise<void> }[] = [];
  try {
    await pg.ensureDatabase("portal");
    const url = pg.url("portal");
    await migrateDeploy(url);
    const db = createDbClient(url);
    const seedStarted = Date.now();
    await seedDemo(db);
    await seedSynthetic(db, scale);
    await db.$executeRawUnsafe("ANALYZE");
    await db.$disconnect();
    say(`${scale} institutions: seeded and analyzed in ${((Date.now() - seedStarted) / 1000).toFixed(0)} s`);
    const vocab = await readVocabulary(url);
    const routes = catalogueRoutes(vocab);

    if (suites.includes("catalogue")) {
      const result = await runInProcess(url, vocab, {
        sample: scale > 10_000 ? Math.ceil(sample / 2) : sample,
        largeTableRows: LARGE_TABLE_ROWS,
      });
      for (const g of result.groups) {
        const statements = spread(g.calls.map((c) => c.statements));
        const dbMs = g.calls.map((c) => c.dbMs).sort((a, b) => a - b);
        dbRows.push([
          String(scale),
          g.name,
          String(g.calls.length),
          `${statements.median} (max ${statements.max})`,
          formatSpread(spread(dbMs)),
          (dbMs[Math.min(dbMs.length - 1, Math.floor(dbMs.length * 0.95))] ?? NaN).toFixed(1),
          formatSpread(spread(g.calls.map((c) => c.buffers)), 0),
          String(g.seqScans.length),
          dbVerdict(scale, g),
        ]);
        for (const scan of g.seqScans)
          failures.push(
            `${scale}: Seq Scan on ${scan.relation} (${Math.round(scan.rows)} rows) in ${g.name}: ${scan.path}; statement: ${scan.statement}`,
          );
        for (const e of g.errors) failures.push(`${scale}: ${g.name}: ${e}`);
      }
      for (const w of result.worst)
        worstPlans.push(
          `--- ${scale} institutions, ${w.useCase}: worst statement ${w.durationMs.toFixed(1)} ms (${w.request})\n` +
            `${w.statement}\n${w.plan}`,
        );
      say(
        `${scale} institutions: in-process plans captured (${result.groups.reduce((n, g) => n + g.calls.length, 0)} calls)`,
      );
      notes.push(
        `${scale} institutions: machine-speed reference during the in-process calls (sum over generate_series(1, ${REFERENCE_ROWS}), ` +
          `${result.referenceMs.length} runs): ${formatSpread(spread(result.referenceMs))} ms`,
      );
    }

    if (httpScales.has(scale) && (suites.includes("catalogue") || suites.includes("fhir"))) {
      const measured = suites.includes("catalogue") ? routes : routes.filter((r) => r.kind === "static");
      for (const mode of MODES) {
        const port = await findFreePort();
        const server = await startAppServer(
          ROOT,
          port,
          { DATABASE_URL: url, ...mode.env },
          path.join(dir, `server-${mode.name}.log`),
        );
        servers.push(server);
        const out = new Map<string, Sample[]>();
        await measureHttp(scale, mode, server.base, measured, out);
        httpTableRows(scale, mode, measured, out);
        // FHIR rows last, on the cache-off server (its slots change availability, so the catalogue ran first).
        if (suites.includes("fhir") && mode.name === "off") await fhirSuite(scale, url, server.base);
        await server.stop();
      }
    }
    say(`${scale} institutions done in ${((Date.now() - scaleStarted) / 60_000).toFixed(1)} min`);
  } finally {
    for (const server of servers) await server.stop().catch(() => {});
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function fhirSuite(scale: number, url: string, base: string) {
  const fdb = createDbClient(url);
  const slots = await seedBenchSlots(fdb);
  await fdb.$executeRawUnsafe("ANALYZE");
  const routes = await fhirBenchRoutes(fdb);
  await fdb.$disconnect();
  say(`${scale} institutions: ${slots} synthetic slots added for the FHIR rows`);
  const cursor = { next: 0 };
  for (const r of routes) await load(base, [r.path], cursor, 1500, 2); // warm up
  for (const clients of clientCounts) {
    const byName = new Map<string, RunStats[]>();
    for (let run = 0; run < runs; run++)
      for (const r of routes) {
        const s = await load(base, [r.path], cursor, durationMs, clients);
        if (s.errors)
          failures.push(`${scale} FHIR ${r.name}, ${clients} clients: ${s.errors} non-200 answers`);
        byName.set(r.name, [...(byName.get(r.name) ?? []), s]);
      }
    for (const r of routes) {
      const own = byName.get(r.name)!;
      const twin = r.twin ? byName.get(r.twin) : undefined;
      const ratio = (f: (s: RunStats) => number) =>
        twin ? spread(own.map((s, i) => f(s) / f(twin[i]!))) : { median: NaN, min: NaN, max: NaN };
      fhirRows.push([
        String(scale),
        String(clients),
        r.name,
        formatSpread(spread(own.map((s) => s.p95))),
        formatSpread(
          ratio((s) => s.p95),
          2,
          "x",
        ),
        formatSpread(
          ratio((s) => s.rps),
          2,
          "x",
        ),
      ]);
    }
  }
  const read = await fetchWholePublication(base, agent);
  if (read.failures) failures.push(`${scale} FHIR bulk publication: ${read.failures} files not 200`);
  notes.push(
    `${scale} institutions: an aggregator's full read ($bulk-publish, then ${read.files} Slot files one after another): ` +
      `${read.slots} slots, ${read.megabytes.toFixed(1)} MB in ${read.seconds.toFixed(1)} s`,
  );
}

if (dbRows.length > 1) {
  console.log(
    `\n[bench] in process, cache off: statements each call sends and their database time (auto_explain, ANALYZE + BUFFERS), ` +
      `median (min–max) over the calls; fails on a Seq Scan of a table over ${LARGE_TABLE_ROWS} rows\n`,
  );
  console.log(renderTable(dbRows, [1, 8]));
}
if (httpRows.length > 1) {
  console.log(
    `\n[bench] over HTTP (scripts/server.ts, production build), closed loop; each cell the median of ${runs} runs ` +
      `of ${durationMs / 1000} s (min–max); ratios to /icon.svg in the same run; cache off = PAGE_CACHE=off FACET_CACHE_SECONDS=0\n`,
  );
  console.log(renderTable(httpRows, [1, 3, 10]));
}
if (fhirRows.length > 1) {
  console.log("\n[bench] FHIR against the same query through /api/v1 (same server, cache off)\n");
  console.log(renderTable(fhirRows, [2]));
}
for (const note of notes) say(note);
if (worstPlans.length) {
  console.log("\n[bench] worst plan of each use case (the statement with the longest execution)\n");
  console.log(worstPlans.join("\n\n"));
}

if (suites.includes("booking")) await bookingSuite();

const minutes = (Date.now() - startedAt.getTime()) / 60_000;
say(`finished ${new Date().toISOString()}: the whole run took ${minutes.toFixed(1)} min`);
if (failures.length) {
  console.error(`\n[bench] FAIL:\n${failures.map((f) => `  - ${f}`).join("\n")}`);
}
agent.destroy();
process.exit(failures.length ? 1 : 0);

/** The booking suite: helper B's runBookingSuite when it exists, else the earlier runBookingBench. */
async function bookingSuite(): Promise<void> {
  const mod = (await import("./bench-booking")) as Record<string, unknown>;
  if (typeof mod.runBookingSuite === "function") {
    const run = mod.runBookingSuite as (opts: {
      runs: number;
      durationMs: number;
      clients: number[];
    }) => Promise<{ table: string; failures: string[] }>;
    const result = await run({
      runs,
      durationMs: Number(arg("booking-duration", "4")) * 1000,
      clients: list(arg("booking-clients", "1,8,32")),
    });
    console.log(`\n${result.table}`);
    failures.push(...result.failures);
    return;
  }
  type Row = { pattern: string; clients: number; ours: number; baseline: number };
  const old = mod.runBookingBench as (ms: number) => Promise<{ rows: Row[]; violations: string[] }>;
  const { rows, violations } = await old(Number(arg("booking-duration", "4")) * 1000);
  const table = [
    ["pattern", "clients", "createBooking commits/s", "raw pg baseline commits/s", "ratio", "target"],
  ];
  for (const r of rows) {
    const ratio = r.ours / r.baseline;
    table.push([
      r.pattern,
      String(r.clients),
      r.ours.toFixed(0),
      r.baseline.toFixed(0),
      `${(ratio * 100).toFixed(0)}%`,
      r.clients === 32 && r.pattern === "distinct slots"
        ? ratio >= 0.4
          ? "ok (>=40%)"
          : "MISSED (>=40%)"
        : "",
    ]);
  }
  console.log("\n[bench] booking commits per second (in process, single runs: the earlier booking bench)\n");
  console.log(renderTable(table, [0]));
  failures.push(...violations);
}
