// The FHIR rows of `npm run bench` (issue 18): a synthetic catalogue's
// departments get a schedule and a week of slots (4 a weekday, as an
// international department publishes them), then the server is measured on
// the FHIR Slot search next to the same query through /api/v1/slots, on the
// SMART Scheduling Links manifest and one city-week Slot file, and on fetching
// every Slot file the manifest lists, as an aggregator does.
import http from "node:http";
import type { DbClient } from "../lib/db/create-client";
import { beijingWeekOf } from "../lib/fhir/bulk/partitions";
import { addDays, calendarDateOf, isoDate } from "../lib/time/zone";

/** Weekday slots (Beijing time, minutes after midnight) of every synthetic department. */
const TIMES = [9 * 60, 10 * 60, 14 * 60, 15 * 60];
const WEEKS = 1;

/**
 * A schedule for each synthetic department without one, and its slots on the
 * weekdays of the next WEEKS weeks, in two statements (bench data, is_demo
 * institutions only). Returns the number of slots.
 */
export async function seedBenchSlots(db: DbClient, now = new Date()): Promise<number> {
  await db.$executeRaw`
    INSERT INTO schedule (id, institution_id, department_id, timezone, active, updated_at)
    SELECT 'bench-' || d.id, d.institution_id, d.id, 'Asia/Shanghai', true, now()
    FROM department d JOIN institution i ON i.id = d.institution_id
    WHERE i.slug LIKE 'synthetic-%' AND NOT EXISTS (SELECT 1 FROM schedule s WHERE s.department_id = d.id)`;
  const days = Array.from({ length: WEEKS * 7 }, (_, i) => isoDate(addDays(calendarDateOf(now), i + 1)));
  return db.$executeRaw`
    INSERT INTO slot (id, institution_id, schedule_id, department_id, starts_at, ends_at, capacity)
    SELECT 'bench-' || md5(s.id || day || minute), s.institution_id, s.id, s.department_id,
      (day::date + make_interval(mins => minute)) AT TIME ZONE 'Asia/Shanghai',
      (day::date + make_interval(mins => minute + 60)) AT TIME ZONE 'Asia/Shanghai', 2
    FROM schedule s, unnest(${days}::text[]) AS day, unnest(${TIMES}::int[]) AS minute
    WHERE s.id LIKE 'bench-%' AND extract(isodow FROM day::date) < 6
    ON CONFLICT DO NOTHING`;
}

export interface FhirBenchRoute {
  name: string;
  path: string;
  kind: "api" | "fhir";
  /** The /api/v1 route of the same query, whose figures this one is compared with. */
  twin?: string;
}

/** The measured routes: one synthetic hospital's department, next week, both ways; the bulk manifest and one file. */
export async function fhirBenchRoutes(db: DbClient, now = new Date()): Promise<FhirBenchRoute[]> {
  const department = await db.department.findFirstOrThrow({
    where: { institution: { slug: "synthetic-hospital-42" } },
    select: { slug: true, schedules: { select: { id: true } }, institution: { select: { city: true } } },
    orderBy: { slug: "asc" },
  });
  const from = isoDate(addDays(calendarDateOf(now), 7));
  const to = isoDate(addDays(calendarDateOf(now), 13));
  const fromInstant = `${from}T00:00:00%2B08:00`;
  const toInstant = `${isoDate(addDays(calendarDateOf(now), 14))}T00:00:00%2B08:00`;
  const api = "(f) API slots, one department, 7 days";
  return [
    {
      name: api,
      path: `/api/v1/slots?hospital=synthetic-hospital-42&department=${department.slug}&from=${from}&to=${to}`,
      kind: "api",
    },
    {
      name: "(g) FHIR Slot search, same query",
      path: `/fhir/r4/Slot?schedule=Schedule/${department.schedules[0]!.id}&start=ge${fromInstant}&start=lt${toInstant}&status=free`,
      kind: "fhir",
      twin: api,
    },
    { name: "(h) FHIR $bulk-publish manifest", path: "/fhir/r4/$bulk-publish", kind: "fhir" },
    {
      name: "(i) FHIR bulk Slot file, 1 city, 1 week",
      path: `/fhir/r4/bulk/Slot/${department.institution.city.slug}/${beijingWeekOf(new Date(now.getTime() + 7 * 86_400_000))}.ndjson`,
      kind: "fhir",
    },
  ];
}

function fetchText(url: string, agent: http.Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}

export interface WholePublication {
  files: number;
  slots: number;
  megabytes: number;
  seconds: number;
  failures: number;
}

/** An aggregator's full read: the manifest, then every Slot file it lists, one after another. */
export async function fetchWholePublication(base: string, agent: http.Agent): Promise<WholePublication> {
  const started = performance.now();
  const manifest = JSON.parse((await fetchText(`${base}/fhir/r4/$bulk-publish`, agent)).body) as {
    output: { type: string; url: string }[];
  };
  let slots = 0;
  let bytes = 0;
  let failures = 0;
  const files = manifest.output.filter((o) => o.type === "Slot");
  for (const file of files) {
    const url = new URL(file.url);
    const { status, body } = await fetchText(`${base}${url.pathname}${url.search}`, agent);
    if (status !== 200) failures++;
    bytes += Buffer.byteLength(body);
    slots += body.split("\n").length - 1;
  }
  return {
    files: files.length,
    slots,
    megabytes: bytes / 1_048_576,
    seconds: (performance.now() - started) / 1000,
    failures,
  };
}
