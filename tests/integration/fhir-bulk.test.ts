// The SMART Scheduling Links bulk publication (issue 18, ADR 0023) on the
// seeded demo, through the real route handlers: the manifest has the shape the
// IG's "Manifest File" section describes, every file it lists can be fetched,
// every line is one valid FHIR resource of the file's type, the files refer to
// one another (Slot → Schedule → Location), a held last place is published as
// busy, and the validators answer 304.
//
// IG text the checks are written from (SMART Scheduling Links STU1, "Slot Publisher API"):
// - "Manifest File": transactionTime (timestamp), request ("the full URL of the manifest"),
//   output (each with type "Location" | "Schedule" | "Slot" (or "PractitionerRole"), url "the full URL
//   of an NDJSON file", extension with state: "state or jurisdiction abbreviations"), error.
// - "Timestamps": "YYYY-MM-DDThh:mm:ss.sss+zz:zz", at least to the second, with a zone offset (Z allowed).
// - "Accept Headers": the manifest with no Accept header or Accept: application/json; the files with
//   no Accept header or Accept: application/fhir+ndjson.
// - "Performance Considerations": Cache-Control: max-age as the polling hint; If-None-Match /
//   If-Modified-Since to avoid refetching unchanged data.
// - "Slot File": status "free" | "busy" | "busy-tentative" | "busy-unavailable"; schedule.reference
//   "Schedule/" + the id of an entry in a Schedule File. "Schedule File": actor references
//   "Location/" + the id of an entry in a Location File.
import type { HealthcareService, Location, Schedule, Slot } from "@medplum/fhirtypes";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as manifestRoute } from "../../app/fhir/r4/$bulk-publish/route";
import { GET as serviceRoute } from "../../app/fhir/r4/bulk/HealthcareService/[file]/route";
import { GET as locationRoute } from "../../app/fhir/r4/bulk/Location/[file]/route";
import { GET as scheduleRoute } from "../../app/fhir/r4/bulk/Schedule/[file]/route";
import { GET as slotRoute } from "../../app/fhir/r4/bulk/Slot/[city]/[file]/route";
import { createHold } from "../../lib/booking/holds";
import { slotBatches } from "../../lib/fhir/bulk/files";
import { beijingWeekOf, weekRange } from "../../lib/fhir/bulk/partitions";
import { seedDemo } from "../../lib/seed/seed-demo";
import { testDb } from "../helpers/db";
import { expectValidFhir } from "../helpers/fhir";

interface Output {
  type: string;
  url: string;
  extension: { state: string[] };
}
interface Manifest {
  transactionTime: string;
  request: string;
  output: Output[];
  error: unknown[];
}

const manifestUrl = "http://localhost/fhir/r4/$bulk-publish";
const get = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });

async function fetchManifest(headers: Record<string, string> = {}) {
  const response = await manifestRoute(get(manifestUrl, headers));
  return { response, manifest: response.status === 200 ? ((await response.json()) as Manifest) : null };
}

/** Fetches a file by the URL the manifest gives, through the route that serves its path. */
function fetchFile(url: string, headers: Record<string, string> = {}): Promise<Response> {
  const { pathname } = new URL(url);
  const parts = pathname.split("/").filter(Boolean); // fhir r4 bulk <Type> ...
  const request = get(url, headers);
  if (parts[3] === "Location")
    return locationRoute(request, { params: Promise.resolve({ file: parts[4]! }) });
  if (parts[3] === "HealthcareService")
    return serviceRoute(request, { params: Promise.resolve({ file: parts[4]! }) });
  if (parts[3] === "Schedule")
    return scheduleRoute(request, { params: Promise.resolve({ file: parts[4]! }) });
  if (parts[3] === "Slot")
    return slotRoute(request, { params: Promise.resolve({ city: parts[4]!, file: parts[5]! }) });
  throw new Error(`no route for ${pathname}`);
}

/** Every line of an NDJSON body parsed (a line that is not JSON fails the test). */
async function lines<T>(response: Response): Promise<T[]> {
  const text = await response.text();
  if (text === "") return [];
  expect(text.endsWith("\n")).toBe(true);
  return text
    .slice(0, -1)
    .split("\n")
    .map((line) => JSON.parse(line) as T);
}

const fileOf = (url: string) => new URL(url).pathname;

let manifest: Manifest;

/** A resource's shape: its keys, extension URLs and the types of its values, not the values. */
function shapeOf(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(shapeOf).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => (k === "url" ? `url=${String(v)}` : `${k}:${shapeOf(v)}`))
      .join(",")}}`;
  return typeof value;
}

beforeAll(async () => {
  await seedDemo(testDb());
  manifest = (await fetchManifest()).manifest!;
}, 600_000);

describe("the $bulk-publish manifest", () => {
  it("has the IG's shape: transactionTime, request, outputs with type, url and state, error", async () => {
    const { response } = await fetchManifest({ accept: "application/json" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    // "Timestamps": to the second at least, with an offset.
    expect(manifest.transactionTime).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/,
    );
    expect(Date.parse(manifest.transactionTime)).toBeLessThanOrEqual(Date.now());
    expect(manifest.request).toMatch(/^https?:\/\/[^/]+\/fhir\/r4\/\$bulk-publish$/);
    expect(manifest.error).toEqual([]);
    expect(manifest.output.length).toBeGreaterThan(3);
    for (const output of manifest.output) {
      // The IG's types, and HealthcareService (its STU1 HealthcareService section), which our Schedules name.
      expect(["Location", "HealthcareService", "Schedule", "Slot"]).toContain(output.type);
      expect(new URL(output.url).protocol).toMatch(/^https?:$/);
      expect(output.extension.state.length).toBeGreaterThan(0);
      for (const state of output.extension.state) expect(state).toMatch(/^CN(-[A-Z]{2})?$/);
    }
    const urls = manifest.output.map((o) => fileOf(o.url));
    expect(new Set(urls).size).toBe(urls.length);
    for (const type of ["Location", "HealthcareService", "Schedule", "Slot"])
      expect(manifest.output.some((o) => o.type === type)).toBe(true);
    // Slots are split by city and week: the demo's eight weeks of slots in seven cities.
    const slotFiles = manifest.output.filter((o) => o.type === "Slot");
    expect(new Set(slotFiles.map((o) => fileOf(o.url).split("/")[5])).size).toBeGreaterThan(1);
    expect(new Set(slotFiles.map((o) => fileOf(o.url).split("/")[6])).size).toBeGreaterThan(4);
    // The state of a city's files comes from its province: Beijing's are CN-BJ, Sanya's (Hainan) CN-HI.
    const stateOf = (city: string) =>
      manifest.output.find((o) => o.type === "Location" && fileOf(o.url).endsWith(`/${city}.ndjson`))
        ?.extension.state;
    expect(stateOf("beijing")).toEqual(["CN-BJ"]);
    expect(stateOf("sanya")).toEqual(["CN-HI"]);
  });

  it("sends the polling hint and validators, and the same manifest without an Accept header", async () => {
    const { manifest: withAccept } = await fetchManifest({ accept: "application/json" });
    const { response, manifest: again } = await fetchManifest();
    expect(response.headers.get("cache-control")).toMatch(/^public, max-age=\d+$/);
    expect(response.headers.get("etag")).toMatch(/^W\/".+"$/);
    expect(Date.parse(response.headers.get("last-modified")!)).toBe(Date.parse(again!.transactionTime));
    expect(again).toEqual(withAccept);
  });
});

describe("the files", () => {
  const locations = new Map<string, Location>();
  const services = new Map<string, HealthcareService>();
  const schedules = new Map<string, Schedule>();
  const slots: { slot: Slot; url: string }[] = [];

  beforeAll(async () => {
    for (const output of manifest.output) {
      const response = await fetchFile(output.url, { accept: "application/fhir+ndjson" });
      expect(response.status, output.url).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/fhir+ndjson");
      for (const resource of await lines<Location | HealthcareService | Schedule | Slot>(response)) {
        expect(resource.resourceType, output.url).toBe(output.type);
        if (resource.resourceType === "Location") locations.set(resource.id!, resource);
        else if (resource.resourceType === "HealthcareService") services.set(resource.id!, resource);
        else if (resource.resourceType === "Schedule") schedules.set(resource.id!, resource);
        else slots.push({ slot: resource, url: output.url });
      }
    }
  }, 600_000);

  it("are fetchable and hold one valid FHIR resource a line", () => {
    expect(locations.size).toBeGreaterThan(10);
    expect(services.size).toBeGreaterThan(10);
    expect(schedules.size).toBeGreaterThan(10);
    expect(slots.length).toBeGreaterThan(100);
    // Every Location, HealthcareService and Schedule line goes through the two validators. The
    // thousands of Slot lines are made by one serializer from rows of one shape: every line was
    // parsed above and is checked field by field below; the validators read, for each schedule,
    // one slot of each status, and every slot whose shape (its keys, extension URLs and value
    // types, not its values) differs from one already read. Two validators over all eight weeks
    // took 67–227 s; this reads every distinct thing a Slot line can be.
    const read = new Set<string>();
    const representatives = slots
      .map((s) => s.slot)
      .filter((slot) => {
        const keys = [`${slot.schedule.reference}|${slot.status}`, `shape|${shapeOf(slot)}`];
        const fresh = keys.some((key) => !read.has(key));
        for (const key of keys) read.add(key);
        return fresh;
      });
    expect(representatives.length).toBeLessThan(slots.length);
    for (const resource of [
      ...locations.values(),
      ...services.values(),
      ...schedules.values(),
      ...representatives,
    ])
      expectValidFhir(resource);
    for (const { slot } of slots) {
      expect(slot.id).toMatch(/^[A-Za-z0-9\-.]{1,64}$/);
      expect(["free", "busy", "busy-unavailable"]).toContain(slot.status);
      expect(Date.parse(slot.start)).toBeLessThan(Date.parse(slot.end));
    }
  }, 300_000);

  it("publish each slot once, in its city's file of the Beijing week it starts in, and only future ones", () => {
    const ids = slots.map((s) => s.slot.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { slot, url } of slots) {
      expect(Date.parse(slot.start!)).toBeGreaterThan(Date.now() - 60_000);
      expect(fileOf(url)).toMatch(new RegExp(`/${beijingWeekOf(new Date(slot.start!))}\\.ndjson$`));
      expect(["free", "busy", "busy-unavailable", "busy-tentative"]).toContain(slot.status);
    }
    expect(slots.some((s) => s.slot.status === "free")).toBe(true);
  });

  it("refer to one another: every Slot's Schedule is in a Schedule file, every Schedule's actors in the Location and HealthcareService files", () => {
    for (const { slot } of slots) {
      const [type, id] = slot.schedule.reference!.split("/");
      expect(type).toBe("Schedule");
      expect(schedules.has(id!), slot.schedule.reference).toBe(true);
    }
    for (const schedule of schedules.values()) {
      const actors = schedule.actor.map((a) => a.reference!).filter((r) => r.startsWith("Location/"));
      expect(actors.length, schedule.id).toBeGreaterThan(0);
      for (const actor of actors) expect(locations.has(actor.split("/")[1]!), actor).toBe(true);
      const named = schedule.actor.map((a) => a.reference!).filter((r) => r.startsWith("HealthcareService/"));
      expect(named.length, schedule.id).toBe(1);
      expect(services.has(named[0]!.split("/")[1]!), named[0]).toBe(true);
    }
  });
});

describe("live data and validators", () => {
  it("publishes a slot whose last place is held as busy under a new ETag, while the city's other weeks keep theirs", async () => {
    const db = testDb();
    const slot = await db.slot.findFirstOrThrow({
      where: {
        capacity: 1,
        booked: 0,
        closed: false,
        startsAt: { gt: new Date(Date.now() + 8 * 86_400_000) },
      },
      include: { institution: { include: { city: true } } },
      orderBy: { startsAt: "asc" },
    });
    const week = beijingWeekOf(slot.startsAt);
    const city = slot.institution.city.slug;
    const slotFiles = manifest.output.filter(
      (o) => o.type === "Slot" && fileOf(o.url).includes(`/Slot/${city}/`),
    );
    const file = slotFiles.find((o) => fileOf(o.url).endsWith(`/${week}.ndjson`))!;
    // Another week of the same city, not this one (a slot starting during the test would change it).
    const other = slotFiles.find(
      (o) => !o.url.includes(`/${week}.`) && !o.url.includes(`/${beijingWeekOf(new Date())}.`),
    )!;
    const first = await fetchFile(file.url);
    const etag = first.headers.get("etag")!;
    expect((await lines<Slot>(first)).find((s) => s.id === slot.id)!.status).toBe("free");
    const otherFirst = await fetchFile(other.url);
    await otherFirst.body?.cancel();

    await createHold(db, { slotId: slot.id }, "fhir-bulk-test");

    const second = await fetchFile(file.url, { "if-none-match": etag });
    expect(second.status).toBe(200);
    expect(second.headers.get("etag")).not.toBe(etag);
    expect((await lines<Slot>(second)).find((s) => s.id === slot.id)!.status).toBe("busy");
    // What did not change is not sent again: the client's copy of the other week stands.
    const otherAgain = await fetchFile(other.url, { "if-none-match": otherFirst.headers.get("etag")! });
    expect(otherAgain.status).toBe(304);
    // The manifest still lists the file (files are live: its URL names the file, not a version).
    expect((await fetchManifest()).manifest!.output.map((o) => o.url)).toContain(file.url);
  });

  it("answers 304 to a matching If-None-Match, or an If-Modified-Since not before Last-Modified", async () => {
    const { response } = await fetchManifest();
    const etag = response.headers.get("etag")!;
    const lastModified = response.headers.get("last-modified")!;
    const notModified = await manifestRoute(get(manifestUrl, { "if-none-match": etag }));
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("etag")).toBe(etag);
    expect(await notModified.text()).toBe("");
    expect((await manifestRoute(get(manifestUrl, { "if-none-match": `W/"other", ${etag}` }))).status).toBe(
      304,
    );
    expect((await manifestRoute(get(manifestUrl, { "if-modified-since": lastModified }))).status).toBe(304);
    expect((await manifestRoute(get(manifestUrl, { "if-none-match": 'W/"other"' }))).status).toBe(200);
    const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
    expect((await manifestRoute(get(manifestUrl, { "if-modified-since": earlier }))).status).toBe(200);
    // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2).
    expect(
      (
        await manifestRoute(
          get(manifestUrl, { "if-none-match": 'W/"other"', "if-modified-since": lastModified }),
        )
      ).status,
    ).toBe(200);

    const file = manifest.output.find((o) => o.type === "Location")!.url;
    const first = await fetchFile(file);
    await first.body?.cancel();
    const again = await fetchFile(file, { "if-none-match": first.headers.get("etag")! });
    expect(again.status).toBe(304);
    expect(again.headers.get("cache-control")).toMatch(/max-age=\d+/);
  });

  it("answers 404 as an OperationOutcome for a file that names no city or week", async () => {
    for (const url of [
      "http://localhost/fhir/r4/bulk/Location/atlantis.ndjson",
      "http://localhost/fhir/r4/bulk/Schedule/beijing.json",
      "http://localhost/fhir/r4/bulk/Slot/beijing/2026-W54.ndjson",
      "http://localhost/fhir/r4/bulk/Slot/atlantis/2026-W49.ndjson",
    ]) {
      const response = await fetchFile(url);
      expect(response.status, url).toBe(404);
      const outcome = await response.json();
      expect(outcome.resourceType).toBe("OperationOutcome");
      expectValidFhir(outcome);
    }
  });

  it("streams in keyset batches that add up to one read: no slot twice, none missed", async () => {
    const db = testDb();
    const now = new Date();
    const week = weekRange(beijingWeekOf(new Date(Date.now() + 7 * 86_400_000)))!;
    const ids = async (size: number) => {
      const out: string[] = [];
      for await (const batch of slotBatches(db, "beijing", week.start, week.end, now, size)) {
        expect(batch.length).toBeLessThanOrEqual(size);
        out.push(...batch.map((s) => s.id));
      }
      return out;
    };
    const whole = await ids(10_000);
    expect(whole.length).toBeGreaterThan(20);
    const small = await ids(7);
    expect(new Set(small).size).toBe(small.length);
    expect([...small].sort()).toEqual([...whole].sort());
  });
});
