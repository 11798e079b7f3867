// Throughput of the cluster (scripts/lib/cluster) through nginx, with ONE and
// with TWO app instances behind it (the same processes; nginx's upstream is
// rewritten and reloaded between the runs):
//   bookings/s        hold + book over HTTP (POST /api/v1/holds, then POST /api/v1/bookings with its token),
//                     on slots spread over every institution of the demo catalogue;
//   catalogue pages/s GET of varied finder, institution and package pages and /api/v1 catalogue routes.
// Each figure is the median of RUNS short runs (min and max beside it). Prints a Markdown table
// (docs/benchmarks.md, "Cluster") and the machine it ran on.
//
//   npx tsx scripts/bench-cluster.ts [--seconds 8] [--runs 3] [--clients 16]
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDbClient } from "../lib/db/create-client";
import { freePorts, startCluster } from "./lib/cluster/cluster";
import { buildIfNeeded } from "./lib/runtime";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "8" },
    runs: { type: "string", default: "3" },
    clients: { type: "string", default: "16" },
  },
});
const seconds = Number(values.seconds);
const runs = Number(values.runs);
const clients = Number(values.clients);

await buildIfNeeded();
const dir = mkdtempSync(path.join(tmpdir(), "portal-bench-cluster-"));
const [nginxPort, primary, replica, a1, a2, m1, m2] = await freePorts(7);
const cluster = await startCluster({
  dir,
  ports: { nginx: nginxPort!, primary: primary!, replica: replica!, apps: [a1!, a2!], metrics: [m1!, m2!] },
  env: { LOG_LEVEL: "warn" },
  readinessPollMs: 0,
  log: (line) => console.log(`[bench] ${line}`),
});

try {
  const db = createDbClient(cluster.primary.url);
  const slots = (
    await db.$queryRaw<{ id: string }[]>`
      SELECT id FROM slot WHERE NOT closed AND booked < capacity
        AND starts_at > now() + interval '3 days' AND starts_at < now() + interval '60 days'
      ORDER BY md5(id) LIMIT 4000`
  ).map((r) => r.id);
  const institutions = await db.$queryRaw<{ slug: string; city: string }[]>`
    SELECT i.slug, c.slug AS city FROM institution i JOIN city c ON c.id = i.city_id ORDER BY i.slug`;
  const packages = await db.$queryRaw<
    { slug: string }[]
  >`SELECT slug FROM tcm_package ORDER BY slug LIMIT 50`;
  await db.$disconnect();
  const cities = [...new Set(institutions.map((i) => i.city))];
  const locales = ["en", "zh", "ru", "ar", "ja"];
  const specialties = ["cardiology", "general_practice", "internal_medicine", "neurology"];
  const catalogue = [
    ...institutions.map((i, n) => `/${locales[n % locales.length]}/hospitals/${i.slug}`),
    ...cities.flatMap((c) => locales.map((l) => `/${l}/hospitals?city=${c}`)),
    ...cities.flatMap((c) => specialties.map((s) => `/en/hospitals?city=${c}&specialty=${s}`)),
    ...packages.map((p) => `/en/packages/${p.slug}`),
    ...cities.map((c) => `/api/v1/hospitals?city=${c}`),
    ...institutions.slice(0, 40).map((i) => `/api/v1/hospitals/${i.slug}`),
    "/en/packages",
    "/api/v1/packages",
  ];
  console.log(
    `[bench] ${slots.length} slots, ${catalogue.length} catalogue URLs, ${clients} clients, ${seconds} s runs`,
  );

  let n = 0;
  const from = () => {
    n++;
    return `203.0.${(n >> 8) & 255}.${n & 255}`;
  };
  const post = (p: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${cluster.url}${p}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": from(), ...headers },
      body: JSON.stringify(body),
    });

  async function measure(kind: "bookings" | "pages"): Promise<{ rate: number; errors: number }> {
    const until = Date.now() + seconds * 1000;
    let done = 0;
    let errors = 0;
    let next = Math.floor(Math.random() * 1e6);
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (Date.now() < until) {
          const i = next++;
          try {
            if (kind === "pages") {
              const r = await fetch(`${cluster.url}${catalogue[i % catalogue.length]}`, {
                headers: { "x-forwarded-for": from() },
              });
              await r.arrayBuffer();
              if (r.status === 200) done++;
              else errors++;
            } else {
              const slotId = slots[i % slots.length]!;
              const hold = await post("/api/v1/holds", { slotId });
              const h = (await hold.json()) as { token?: string };
              if (hold.status !== 201) {
                errors++;
                continue;
              }
              const book = await post(
                "/api/v1/bookings",
                {
                  slotId,
                  holdToken: h.token,
                  name: "Bench Patient",
                  nationality: "DE",
                  dateOfBirth: "1980-01-01",
                  email: `bench-${i}-${Date.now()}@example.com`,
                  phone: "+49 30 12345678",
                  preferredLanguage: "en",
                  reasonForVisit: "Check-up",
                  paymentMethod: "SELF_PAY",
                  consentTerms: true,
                  consentSensitive: true,
                },
                { "idempotency-key": `bench-${i}-${Date.now()}` },
              );
              await book.arrayBuffer();
              if (book.status === 201) done++;
              else errors++;
            }
          } catch {
            errors++;
          }
        }
      }),
    );
    return { rate: done / seconds, errors };
  }

  const upstreams = {
    one: [{ port: cluster.apps[0]!.port }],
    two: cluster.apps.map((a) => ({ port: a.port })),
  };
  const results: Record<string, number[]> = {};
  const errorsSeen: Record<string, number> = {};
  // Warm both instances (first renders compile nothing, but fill caches and connection pools).
  cluster.nginx.reload(upstreams.two);
  await new Promise((r) => setTimeout(r, 500));
  await measure("pages");
  for (let run = 0; run < runs; run++)
    for (const instances of ["one", "two"] as const) {
      cluster.nginx.reload(upstreams[instances]);
      await new Promise((r) => setTimeout(r, 500));
      for (const kind of ["pages", "bookings"] as const) {
        const { rate, errors } = await measure(kind);
        (results[`${kind}:${instances}`] ??= []).push(rate);
        errorsSeen[`${kind}:${instances}`] = (errorsSeen[`${kind}:${instances}`] ?? 0) + errors;
        console.log(
          `[bench] run ${run + 1}: ${kind} with ${instances} instance(s): ${rate.toFixed(1)}/s (${errors} not 2xx)`,
        );
      }
    }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const cell = (xs: number[]) =>
    `${median(xs).toFixed(1)} (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;
  console.log(
    `\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${Math.round(totalmem() / 2 ** 30)} GiB; ` +
      `${clients} clients, ${seconds} s per run, median of ${runs} (min–max)\n`,
  );
  console.log("| per second, through nginx | 1 instance | 2 instances | ratio |");
  console.log("| --- | --- | --- | --- |");
  for (const kind of ["bookings", "pages"] as const) {
    const one = results[`${kind}:one`]!;
    const two = results[`${kind}:two`]!;
    const label = kind === "bookings" ? "bookings (hold + book)" : "catalogue pages";
    console.log(`| ${label} | ${cell(one)} | ${cell(two)} | ${(median(two) / median(one)).toFixed(2)} |`);
  }
  console.log(`\nNot 2xx (all runs): ${JSON.stringify(errorsSeen)}`);
} finally {
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
