// The rendered-page cache (ADR 0030) over a real database: a page is answered
// from memory only while the generations of its tags are unchanged on the
// primary, and the triggers of migration 20261205100000_cache_tags bump
// exactly the tags an edit can change (an admin edit, an import, a closure
// that removes an institution's last open slots; a booking bumps nothing).
// Two cache instances over one database see each other's edits; the LRU bound
// holds; PAGE_CACHE=off renders every time; a hit carries a fresh CSP nonce.
//
// Next's renderer is replaced by a small one that reads through the same
// pinned catalogue client (pinnedCatalogueDb) and the same use cases as the
// pages; tests/e2e/page-cache.spec.ts covers the real pages.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync, gzipSync } from "node:zlib";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staffCommands } from "../../app/[locale]/_console/commands";
import { pageTags, cacheablePage } from "../../lib/cache/page-cache-key";
import {
  gzipParts,
  gzipWithNonce,
  PageCache,
  PUBLIC_PAGE_CACHE_CONTROL,
  pageCacheFromEnv,
  primaryGenerations,
  servePage,
} from "../../lib/cache/page-cache";
import { msToNextChange, pinnedCatalogueDb } from "../../lib/cache/page-cache-render";
import { getInstitution } from "../../lib/catalogue/get-institution";
import { applyCatalogueImport } from "../../lib/catalogue/import/apply-catalogue-import";
import { planCatalogueImport } from "../../lib/catalogue/import/plan-catalogue-import";
import { addScheduleClosure } from "../../lib/schedule/add-schedule-closure";
import { newNonce } from "../../lib/http/security-headers";
import {
  ANONYMOUS,
  runWithRequestContext,
  type RequestContext,
} from "../../lib/observability/request-context";
import { creditCodeCheckCharacter } from "../../lib/catalogue/credit-code";
import type { DbClient } from "../../lib/db/create-client";
import { testDb } from "../helpers/db";
import { book, createWorld, type World } from "../helpers/staff-fixtures";

let world: World;
let renders = 0;
/** Stands in for a read replica that lags: the render reads through it when set. */
let lagging: DbClient | undefined;

const creditCode = (n: number) => {
  const first17 = `91110000${String(n).padStart(9, "0")}`;
  return first17 + creditCodeCheckCharacter(first17)!;
};

/** What a catalogue page would render: the use case's data, read through the pinned client. */
async function render(req: IncomingMessage, res: ServerResponse, nonce: string): Promise<void> {
  renders++;
  const url = new URL(req.url!, "http://localhost");
  const [, locale, section, slug] = url.pathname.split("/");
  const db = await pinnedCatalogueDb(async () => lagging ?? testDb());
  let body: string;
  if (section === "hospitals" && slug) {
    const d = await getInstitution(db, slug, locale!);
    body = `<h1>${d.name}</h1><p>takes:${d.takesOnlineBookings}</p><p>departments:${d.departments.map((x) => x.name).join(",")}</p>`;
  } else {
    const rows = await db.institution.findMany({ select: { slug: true }, orderBy: { slug: "asc" } });
    body = `<ul>${rows.map((r) => `<li>${r.slug}</li>`).join("")}</ul>`;
  }
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.setHeader("cache-control", "private, no-cache, no-store, max-age=0, must-revalidate");
  res.setHeader("link", `</style.css>; rel=preload; as="style"; nonce="${nonce}"`);
  // As next-intl's proxy does: the locale cookie, when the visitor's differs from the page's.
  if (!(req.headers.cookie ?? "").includes(`NEXT_LOCALE=${locale}`))
    res.appendHeader("set-cookie", `NEXT_LOCALE=${locale}; Path=/; SameSite=lax`);
  if (url.searchParams.has("other-cookie")) res.appendHeader("set-cookie", "tracking=1; Path=/");
  const html = `<html><head><script nonce="${nonce}">0</script></head><body>${body}</body></html>`;
  // As Next does: compressed for a visitor who takes gzip (the cache keeps the page's own bytes).
  if (/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
    res.setHeader("content-encoding", "gzip");
    res.setHeader("vary", "RSC, Accept-Encoding");
    res.end(gzipSync(html));
  } else {
    res.setHeader("vary", "RSC");
    res.end(html);
  }
}

interface Instance {
  url: string;
  cache: PageCache | undefined;
  server: Server;
  close: () => Promise<void>;
  /** The access-log mark of the last request. */
  last: { pageCache?: string };
}

async function instance(options: { on: boolean; maxEntries?: number }): Promise<Instance> {
  const primary = primaryGenerations(process.env.DATABASE_URL!);
  const cache = options.on ? new PageCache(options.maxEntries ?? 100, primary.read) : undefined;
  const last: Instance["last"] = {};
  const server = createServer((req, res) => {
    const nonce = newNonce();
    res.setHeader("content-security-policy", `script-src 'nonce-${nonce}'`);
    const context: RequestContext = { requestId: "test-request-id", role: ANONYMOUS };
    res.once("finish", () => (last.pageCache = context.pageCache));
    void runWithRequestContext(context, () =>
      servePage(cache, req, res, nonce, () => render(req, res, nonce)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    cache,
    server,
    last,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await primary.close();
    },
  };
}

async function get(i: Instance, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(i.url + path, { headers });
  return { response, text: await response.text(), mark: i.last.pageCache };
}

/** The answer as sent on the wire (fetch would decode it), for the encoding checks. */
async function getRaw(i: Instance, path: string, acceptEncoding: string) {
  return new Promise<{ headers: IncomingMessage["headers"]; body: Buffer; mark?: string }>(
    (resolve, reject) => {
      const req = request(i.url + path, { headers: { "accept-encoding": acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ headers: res.headers, body: Buffer.concat(chunks), mark: i.last.pageCache }),
        );
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end();
    },
  );
}

const instances: Instance[] = [];
let one: Instance;
let two: Instance;
const hospital = (slug: string) => `/en/hospitals/${slug}`;

beforeAll(async () => {
  world = await createWorld(testDb());
  one = await instance({ on: true });
  two = await instance({ on: true });
  instances.push(one, two);
});

afterAll(async () => {
  for (const i of instances) await i.close();
});

describe("keys and tags", () => {
  it("keeps public catalogue pages only, under the sorted URL, and not for sessions, writers or RSC requests", () => {
    expect(pageTags("/en/hospitals/peking-union")).toEqual([
      "institution:peking-union",
      "places",
      "insurers",
    ]);
    expect(pageTags("/ar/hospitals")).toEqual(["catalogue", "availability"]);
    expect(pageTags("/en/book/x")).toBeNull();
    expect(pageTags("/en/admin")).toBeNull();
    expect(pageTags("/xx/hospitals")).toBeNull();
    expect(cacheablePage("GET", "/en/hospitals?lang=ru&city=b&city=a", {})?.key).toBe(
      "/en/hospitals?city=b&city=a&lang=ru",
    );
    expect(cacheablePage("POST", "/en/hospitals", {})).toBeNull();
    expect(cacheablePage("GET", "/en/hospitals", { cookie: "portal.session_token=x" })).toBeNull();
    expect(cacheablePage("GET", "/en/hospitals", { cookie: "portal_rw=99999999999" })).toBeNull();
    expect(cacheablePage("GET", "/en/hospitals", { cookie: "NEXT_LOCALE=en" })).not.toBeNull();
    expect(cacheablePage("GET", "/en/hospitals", { rsc: "1" })).toBeNull();
    expect(cacheablePage("GET", "/en/hospitals?_rsc=abc", {})).toBeNull();
  });

  it("keeps a page until the next Beijing midnight or opening/closing time of any institution", () => {
    // 2026-12-07 is a Monday; 09:59:30 in Beijing is 01:59:30 UTC.
    const now = Date.parse("2026-12-07T01:59:30Z");
    expect(msToNextChange([{ weekday: 1, open: "10:00", close: "17:00" }], now)).toBe(30_000);
    expect(msToNextChange([], now)).toBe((14 * 60 + 0.5) * 60_000);
  });
});

describe("hits and misses", () => {
  it("answers the second request from memory, with a fresh nonce and a cache-control the bfcache accepts", async () => {
    const first = await get(one, hospital(world.a.slug));
    expect(first.mark).toBe("miss");
    expect(first.response.headers.get("cache-control")).toBe(PUBLIC_PAGE_CACHE_CONTROL);
    const before = renders;
    const second = await get(one, hospital(world.a.slug));
    expect(second.mark).toBe("hit");
    expect(renders).toBe(before);
    expect(second.text.replace(/nonce="[^"]+"/, "")).toBe(first.text.replace(/nonce="[^"]+"/, ""));
    const policyNonce = /nonce-([^']+)'/.exec(second.response.headers.get("content-security-policy")!)![1]!;
    expect(second.text).toContain(`nonce="${policyNonce}"`);
    const firstNonce = /nonce="([^"]+)"/.exec(first.text)![1]!;
    expect(policyNonce).not.toBe(firstNonce);
    expect(second.text).not.toContain(firstNonce);
    expect(second.response.headers.get("cache-control")).toBe(PUBLIC_PAGE_CACHE_CONTROL);
  });

  it("sends the locale cookie again to a visitor whose own differs, and never keeps another cookie", async () => {
    const path = `/ar/hospitals/${world.a.slug}`;
    await get(one, path);
    const fresh = await get(one, path);
    expect(fresh.mark).toBe("hit");
    expect(fresh.response.headers.get("set-cookie")).toBe("NEXT_LOCALE=ar; Path=/; SameSite=lax");
    const returning = await get(one, path, { cookie: "NEXT_LOCALE=ar" });
    expect(returning.mark).toBe("hit");
    expect(returning.response.headers.get("set-cookie")).toBeNull();
    const policyNonce = /nonce-([^']+)'/.exec(
      returning.response.headers.get("content-security-policy")!,
    )![1]!;
    expect(returning.response.headers.get("link")).toContain(`nonce="${policyNonce}"`);

    await get(one, "/en/hospitals?other-cookie=1");
    expect((await get(one, "/en/hospitals?other-cookie=1")).mark).toBe("miss");
  });

  it("keeps the page's own bytes of a compressed render and answers a hit in gzip or plain, as the visitor asks", async () => {
    const path = `/zh/hospitals/${world.a.slug}`;
    const miss = await getRaw(one, path, "gzip, deflate, br");
    expect(miss.mark).toBe("miss");
    expect(miss.headers["content-encoding"]).toBe("gzip");
    const rendered = gunzipSync(miss.body).toString();

    const zipped = await getRaw(one, path, "gzip, deflate, br");
    expect(zipped.mark).toBe("hit");
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toBe("RSC, Accept-Encoding");
    expect(Number(zipped.headers["content-length"])).toBe(zipped.body.length);
    const unzipped = gunzipSync(zipped.body).toString(); // checks the trailer's CRC-32 and length
    const policyNonce = /nonce-([^']+)'/.exec(String(zipped.headers["content-security-policy"]))![1]!;
    expect(unzipped).toContain(`nonce="${policyNonce}"`);
    expect(unzipped.replace(/nonce="[^"]+"/, "")).toBe(rendered.replace(/nonce="[^"]+"/, ""));

    for (const acceptEncoding of ["identity", "gzip;q=0, deflate", ""]) {
      const plain = await getRaw(one, path, acceptEncoding);
      expect(plain.mark).toBe("hit");
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(plain.headers.vary).toBe("RSC, Accept-Encoding");
      expect(plain.body.toString().replace(/nonce="[^"]+"/, "")).toBe(rendered.replace(/nonce="[^"]+"/, ""));
    }
  });

  it("renders for a signed-in visitor or one who just wrote, and never keeps what they get", async () => {
    await get(one, hospital(world.b.slug));
    const before = renders;
    const signedIn = await get(one, hospital(world.b.slug), { cookie: "portal.session_token=abc" });
    expect(signedIn.mark).toBeUndefined();
    expect(renders).toBe(before + 1);
  });
});

describe("gzip framing", () => {
  const page = (parts: string[], nonce: string) => parts.join(nonce);
  it.each([
    [["<p>no nonce at all</p>"]],
    [["", "<script>", "</script>"]],
    [["<a>", "", "</a>", ""]],
    [["", ""]],
    [["x".repeat(100_000), "é中文عربي".repeat(5_000), ""]],
  ])("the parts deflated once and the nonce per answer are one gzip member: %#", (texts) => {
    const parts = texts.map((t) => Buffer.from(t));
    const deflated = gzipParts(parts);
    for (const nonce of ["n0nce+/=", "another-longer-nonce-value-AAAA"]) {
      const body = gzipWithNonce(parts, deflated, nonce);
      expect(gunzipSync(body).toString()).toBe(page(texts, nonce));
    }
  });
});

describe("invalidation", () => {
  it("an admin's edit of one institution re-renders its page and the lists, on both instances, and no other page", async () => {
    const db = testDb();
    for (const i of [one, two])
      for (const path of [hospital(world.a.slug), hospital(world.b.slug), "/en/hospitals"])
        await get(i, path);
    expect((await get(two, hospital(world.a.slug))).mark).toBe("hit");

    // Through instance one's database connection, as the console would.
    await staffCommands.saveInstitutionTranslation(db, world.actors.cityAdmin, {
      institution: world.a.slug,
      language: "en",
      name: "Renamed Test Hospital",
    });
    for (const i of [one, two]) {
      const page = await get(i, hospital(world.a.slug));
      expect(page.mark).toBe("stale");
      expect(page.text).toContain("Renamed Test Hospital");
      expect((await get(i, "/en/hospitals")).mark).toBe("stale");
      expect((await get(i, hospital(world.b.slug))).mark).toBe("hit");
    }
  });

  it("retiring a department re-renders its institution's page", async () => {
    const db = testDb();
    expect((await get(one, hospital(world.a.slug))).text).toContain("General practice");
    await staffCommands.retireDepartment(db, world.actors.cityAdmin, {
      institution: world.a.slug,
      department: "general",
      retired: "yes",
    });
    const page = await get(one, hospital(world.a.slug));
    expect(page.mark).toBe("stale");
    expect(page.text).not.toContain("General practice");
    expect((await get(one, hospital(world.b.slug))).mark).toBe("hit");
  });

  it("a booking bumps nothing; closing the days of an institution's last slots re-renders its page", async () => {
    const db = testDb();
    await get(one, hospital(world.b.slug));
    await get(one, "/en/hospitals");
    const tagsBefore = await db.cacheTag.findMany({ orderBy: { tag: "asc" } });
    await book(db, world.b, 1);
    expect(await db.cacheTag.findMany({ orderBy: { tag: "asc" } })).toEqual(tagsBefore);
    expect((await get(one, hospital(world.b.slug))).mark).toBe("hit");
    expect((await get(one, "/en/hospitals")).mark).toBe("hit");

    expect((await get(one, hospital(world.b.slug))).text).toContain("takes:true");
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await addScheduleClosure(db, world.actors.managerB, {
      scheduleId: world.b.scheduleId,
      startsOn: day(0),
      endsOn: day(30),
    });
    const remaining = await db.slot.count({ where: { institutionId: world.b.institutionId, closed: false } });
    const page = await get(one, hospital(world.b.slug));
    expect(page.mark).toBe("stale");
    // Booked slots stay open after a closure; with none left open the page says so.
    if (remaining === 0) expect(page.text).toContain("takes:false");
    expect((await get(one, "/en/hospitals")).mark).toBe("stale");
    expect((await get(one, hospital(world.a.slug))).mark).toBe("hit");
  });

  it("an import that adds an institution re-renders the lists, not the pages of institutions it leaves alone", async () => {
    const db = testDb();
    await get(one, "/en/hospitals");
    await get(one, hospital(world.a.slug));
    const city = await db.city.findUniqueOrThrow({ where: { id: world.cityId } });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("institutions");
    const row: Record<string, string> = {
      credit_code: creditCode(4242),
      slug: "page-cache-import",
      city: city.slug,
      name_zh: "缓存测试医院",
      name_en: "Page Cache Import Hospital",
      address_zh: "北京市东城区测试路1号",
      latitude: "39.9",
      longitude: "116.4",
      address_en: "1 Test Road, Dongcheng",
      ownership: "PRIVATE",
      grade: "TERTIARY_A",
      phone: "+86 10 6915 6699",
      email: "intl@page-cache.cn",
      website: "https://page-cache.cn",
      emergency_24h: "no",
      languages: "en; zh",
      services: "INTERPRETER",
      accreditations: "",
      accepted_payments: "visa",
      hours: "Mon-Fri 08:00-17:00",
      cancellation_window_hours: "24",
      intl_dept_name_en: "International Medical Services",
      intl_dept_name_zh: "国际医疗部",
      description_en: "A test hospital.",
    };
    ws.addRow(Object.keys(row));
    ws.addRow(Object.values(row));
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const { jobId, plan } = await planCatalogueImport(db, world.actors.cityAdmin, {
      fileName: "one.xlsx",
      bytes,
      locale: "en",
    });
    expect(plan.rows.filter((r) => r.action === "error")).toEqual([]);
    await applyCatalogueImport(db, world.actors.cityAdmin, { jobId });
    const list = await get(one, "/en/hospitals");
    expect(list.mark).toBe("stale");
    expect(list.text).toContain("page-cache-import");
    expect((await get(one, hospital(world.a.slug))).mark).toBe("hit");
  });
});

describe("read replicas", () => {
  it("a page rendered from a lagging replica is kept under the replica's generation, so the next request renders again", async () => {
    const db = testDb();
    // A repeatable-read transaction whose snapshot predates the edit reads what a lagging replica would.
    let release!: () => void;
    let ready!: () => void;
    const started = new Promise<void>((resolve) => (ready = resolve));
    const done = db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        lagging = tx as unknown as DbClient;
        ready();
        await new Promise<void>((resolve) => (release = resolve));
      },
      { isolationLevel: "RepeatableRead", timeout: 30_000 },
    );
    await started;
    try {
      await staffCommands.saveInstitutionTranslation(db, world.actors.cityAdmin, {
        institution: world.b.slug,
        language: "en",
        name: "Seen Late Hospital",
      });
      const late = await get(one, hospital(world.b.slug));
      expect(late.text).not.toContain("Seen Late Hospital");
    } finally {
      lagging = undefined;
      release();
      await done;
    }
    const caughtUp = await get(one, hospital(world.b.slug));
    expect(caughtUp.mark).toBe("stale");
    expect(caughtUp.text).toContain("Seen Late Hospital");
    expect((await get(one, hospital(world.b.slug))).mark).toBe("hit");
  });
});

describe("bounds and switches", () => {
  it("keeps at most PAGE_CACHE_MAX_ENTRIES pages, dropping the least recently used", async () => {
    const small = await instance({ on: true, maxEntries: 10 });
    instances.push(small);
    for (let n = 0; n < 11; n++) await get(small, `/en/hospitals?page=${n}`);
    expect(small.cache!.size).toBe(10);
    expect((await get(small, "/en/hospitals?page=10")).mark).toBe("hit");
    expect((await get(small, "/en/hospitals?page=0")).mark).toBe("miss");
  });

  it("PAGE_CACHE=off renders every request and still lets the bfcache keep public pages", async () => {
    expect(
      pageCacheFromEnv({ PAGE_CACHE: "off", PAGE_CACHE_MAX_ENTRIES: 2000, DATABASE_URL: "postgres://x/y" }),
    ).toBeUndefined();
    const off = await instance({ on: false });
    instances.push(off);
    const before = renders;
    await get(off, hospital(world.a.slug));
    const again = await get(off, hospital(world.a.slug));
    expect(renders).toBe(before + 2);
    expect(again.mark).toBeUndefined();
    expect(again.response.headers.get("cache-control")).toBe(PUBLIC_PAGE_CACHE_CONTROL);
  });
});
