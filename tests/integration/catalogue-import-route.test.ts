// The catalogue upload route (issue 19), as a browser and a script reach it:
// a refused upload (not multipart, no file, an empty file, a body over the
// limit, a file that is not a spreadsheet) answers 4xx with the reason in the
// admin's language and writes no job; signed out 401 (a browser: the sign-in
// page), hospital staff 403, a post from another site 403; a good file keeps
// a PLANNED job and sends the browser to it; the job's progress is another
// city's admin's 404. The route is outside the proxy, so its body is never cut.
import { AsyncLocalStorage } from "node:async_hooks";
import { beforeAll, describe, expect, it } from "vitest";
import { creditCodeCheckCharacter } from "../../lib/catalogue/credit-code";
import { MAX_FILE_BYTES } from "../../lib/catalogue/import/read-file";
import { signInFromForm } from "../helpers/auth-forms";
import { testDb } from "../helpers/db";
import { createUser, createWorld, PASSWORD, type World } from "../helpers/staff-fixtures";

// Next's request storage (loaded by next/navigation and next/server in the routes' imports) expects
// the global Next's own server installs; the routes are loaded after it is there.
(globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage;
const { POST: upload, UPLOAD_BODY_LIMIT_BYTES } =
  await import("../../app/[locale]/admin/import/upload/route");
const { GET: progress } = await import("../../app/[locale]/admin/import/[job]/progress/route");
const { problemFromQuery } = await import("../../app/[locale]/_console/upload-answer");

const origin = "http://portal.test";
const url = (locale = "en") => `${origin}/${locale}/admin/import/upload`;
const locale = (l = "en") => ({ params: Promise.resolve({ locale: l }) });

let world: World;
let cookies: Record<"admin" | "staff" | "otherAdmin", string>;
let address = 0;

async function cookieOf(email: string): Promise<string> {
  const result = await signInFromForm(
    testDb(),
    { email, password: PASSWORD },
    { address: `203.0.113.${++address}`, headers: new Headers() },
  );
  return result.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

function form(file?: { name: string; bytes: Uint8Array | string; type?: string }): FormData {
  const data = new FormData();
  data.set("locale", "en");
  if (file) data.set("file", new File([file.bytes as BlobPart], file.name, { type: file.type ?? "" }));
  return data;
}

function post(body: BodyInit | null, headers: Record<string, string> = {}, l = "en"): Request {
  return new Request(url(l), { method: "POST", body, headers: { host: "portal.test", ...headers } });
}

const asAdmin = (extra: Record<string, string> = {}) => ({ cookie: cookies.admin, ...extra });
const jobs = () => testDb().importJob.count();
const json = async (r: Response) => ({ status: r.status, body: await r.json() });

function creditCode(seed: number): string {
  const first17 = `91110000${String(seed).padStart(9, "0")}`;
  return first17 + creditCodeCheckCharacter(first17)!;
}

function institutionsCsv(citySlug: string, code: string, slug: string): string {
  const header =
    "credit_code,slug,city,name_zh,name_en,address_zh,address_en,latitude,longitude,ownership,phone";
  const row = [
    code,
    slug,
    citySlug,
    "路由测试医院",
    "Route Test Hospital",
    "测试路 9 号",
    "9 Test Road",
    "39.91",
    "116.41",
    "PRIVATE",
    "+86 10 6915 6699",
  ].join(",");
  return `${header}\n${row}\n`;
}

beforeAll(async () => {
  const db = testDb();
  world = await createWorld(db);
  const other = await db.city.create({
    data: { slug: "route-other-city", nameZh: "别市", province: "Hebei" },
  });
  const otherAdmin = await createUser(db, "CITY_ADMIN", { cityId: other.id });
  cookies = {
    admin: await cookieOf(world.emails.cityAdmin!),
    staff: await cookieOf(world.emails.staffA!),
    otherAdmin: await cookieOf(otherAdmin.email),
  };
});

describe("catalogue upload route: refusals write nothing", () => {
  it("a console form posted without JavaScript (Origin null under no-referrer, Sec-Fetch-Site same-origin) is read", async () => {
    const before = await jobs();
    const headers = asAdmin({ origin: "null", "sec-fetch-site": "same-origin" });
    const answer = await json(await upload(post(form(), headers), locale()));
    expect(answer.status).toBe(400); // past the origin check, refused for its missing file
    expect(answer.body.error.fields.file).toBe("Catalogue file (XLSX or CSV) is required.");
    expect(await jobs()).toBe(before);
  });

  it("a body that is not multipart: 400 naming the file, in the admin's language", async () => {
    const before = await jobs();
    const answer = await json(
      await upload(
        post(JSON.stringify({ file: "x" }), asAdmin({ "content-type": "application/json" })),
        locale(),
      ),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe("VALIDATION_FAILED");
    expect(answer.body.error.fields.file).toBe("Catalogue file (XLSX or CSV) is required.");
    const zh = await json(
      await upload(post("plain", asAdmin({ "content-type": "text/plain" }), "zh"), locale("zh")),
    );
    expect(zh.status).toBe(400);
    expect(zh.body.error.fields.file).toContain("目录文件");
    expect(await jobs()).toBe(before);
  });

  it("a multipart body cut short or without a boundary: 400, not a 500", async () => {
    const before = await jobs();
    const broken = await upload(
      post(
        '--x\r\nContent-Disposition: form-data; name="file"',
        asAdmin({ "content-type": "multipart/form-data; boundary=x" }),
      ),
      locale(),
    );
    expect(broken.status).toBe(400);
    const noBoundary = await upload(
      post("abc", asAdmin({ "content-type": "multipart/form-data;" })),
      locale(),
    );
    expect(noBoundary.status).toBe(400);
    expect(await jobs()).toBe(before);
  });

  it("no file, or an empty one (what a browser sends when none was chosen): 400 file required", async () => {
    const before = await jobs();
    for (const body of [form(), form({ name: "", bytes: "" }), form({ name: "empty.csv", bytes: "" })]) {
      const answer = await json(await upload(post(body, asAdmin()), locale()));
      expect(answer.status).toBe(400);
      expect(answer.body.error.fields).toEqual({ file: "Catalogue file (XLSX or CSV) is required." });
    }
    expect(await jobs()).toBe(before);
  });

  it("a body over the limit: 413, whether it says its length or streams without one", async () => {
    expect(UPLOAD_BODY_LIMIT_BYTES).toBeGreaterThan(MAX_FILE_BYTES);
    const before = await jobs();
    const declared = await json(
      await upload(
        post(
          "x",
          asAdmin({
            "content-type": "multipart/form-data; boundary=x",
            "content-length": String(UPLOAD_BODY_LIMIT_BYTES + 1),
          }),
        ),
        locale(),
      ),
    );
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe("PAYLOAD_TOO_LARGE");
    const big = form({ name: "big.csv", bytes: new Uint8Array(UPLOAD_BODY_LIMIT_BYTES + 1).fill(65) });
    const streamed = await upload(
      new Request(url(), {
        method: "POST",
        body: new Response(big).body,
        headers: {
          ...asAdmin(),
          host: "portal.test",
          "content-type": new Response(big).headers.get("content-type")!,
        },
        duplex: "half",
      } as RequestInit),
      locale(),
    );
    expect(streamed.status).toBe(413);
    expect(await jobs()).toBe(before);
  });

  it("a file that is not a spreadsheet: 400 with the reason, and a browser is sent back to say it", async () => {
    const before = await jobs();
    const pdf = form({ name: "catalogue.pdf", bytes: "%PDF-1.7\n", type: "application/pdf" });
    const answer = await json(await upload(post(pdf, asAdmin()), locale()));
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe("IMPORT_FILE_REJECTED");
    expect(answer.body.error.message).toMatch(/\.xlsx/);

    const browser = await upload(post(pdf, asAdmin({ accept: "text/html,application/xhtml+xml" })), locale());
    expect(browser.status).toBe(303);
    const location = new URL(browser.headers.get("location")!, origin);
    expect(location.pathname).toBe("/en/admin/import");
    const problem = problemFromQuery(location.searchParams.get("problem"));
    expect(problem).toMatchObject({ code: "IMPORT_FILE_REJECTED", reason: "importFormat" });
    expect(await jobs()).toBe(before);
  });
});

describe("catalogue upload route: who may upload", () => {
  const csv = () => form({ name: "one.csv", bytes: "credit_code\n" });

  it("signed out: 401 for a script, the sign-in page for a browser", async () => {
    const before = await jobs();
    expect((await upload(post(csv()), locale())).status).toBe(401);
    const browser = await upload(post(csv(), { accept: "text/html" }), locale());
    expect(browser.status).toBe(303);
    expect(browser.headers.get("location")).toBe(
      `/en/staff/sign-in?${new URLSearchParams({ next: "/en/admin/import" })}`,
    );
    expect(await jobs()).toBe(before);
  });

  it("hospital staff: 403; a post from another site's page: 403", async () => {
    const before = await jobs();
    expect((await upload(post(csv(), { cookie: cookies.staff }), locale())).status).toBe(403);
    const foreign = await upload(post(csv(), asAdmin({ origin: "https://evil.example" })), locale());
    expect(foreign.status).toBe(403);
    // A sandboxed frame of another site posts with Origin "null" too: only the browser's own
    // Sec-Fetch-Site tells the console's no-referrer form (same-origin) from it.
    const nullCrossSite = asAdmin({ origin: "null", "sec-fetch-site": "cross-site" });
    expect((await upload(post(csv(), nullCrossSite), locale())).status).toBe(403);
    expect((await upload(post(csv(), asAdmin({ origin: "null" })), locale())).status).toBe(403);
    expect(await jobs()).toBe(before);
  });
});

describe("catalogue upload route: a good file", () => {
  it("keeps a PLANNED job and sends the browser to it; its progress is the city's, not another's", async () => {
    const city = await testDb().city.findUniqueOrThrow({ where: { id: world.cityId } });
    const code = creditCode(Date.now() % 1_000_000_000);
    const file = form({
      name: "one.csv",
      bytes: institutionsCsv(city.slug, code, `route-test-${code.slice(-6).toLowerCase()}`),
    });
    const answer = await upload(post(file, asAdmin({ accept: "text/html", origin })), locale());
    expect(answer.status).toBe(303);
    const location = answer.headers.get("location")!;
    const jobId = location.split("/").pop()!;
    expect(location).toBe(`/en/admin/import/${jobId}`);
    const job = await testDb().importJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(job).toMatchObject({ status: "PLANNED", fileName: "one.csv", format: "csv" });

    const read = (cookie: string) =>
      progress(new Request(`${origin}/en/admin/import/${jobId}/progress`, { headers: { cookie } }), {
        params: Promise.resolve({ locale: "en", job: jobId }),
      });
    const mine = await json(await read(cookies.admin));
    expect(mine).toEqual({
      status: 200,
      body: { status: "PLANNED", processedRows: 0, totalRows: expect.any(Number) },
    });
    expect((await read(cookies.otherAdmin)).status).toBe(404);
    expect((await read("")).status).toBe(401);
  });
});

describe("the proxy", () => {
  it("does not run on the upload (it would cut the body at an action's limit) but on the other import pages", async () => {
    const { unstable_doesMiddlewareMatch: matches } = await import("next/experimental/testing/server");
    const { config } = await import("../../proxy");
    for (const locale of ["en", "ar", "zh"])
      for (const upload of ["import", "translations"])
        expect(matches({ config, url: `${origin}/${locale}/admin/${upload}/upload` }), locale).toBe(false);
    for (const path of [
      "/en/admin/import",
      "/en/admin/import/abc/apply",
      "/en/admin/import/upload/x",
      "/en/admin/translations",
      "/en/admin/translations/abc/apply",
      "/en/admin/translations/upload/x",
      "/en/admin",
    ])
      expect(matches({ config, url: `${origin}${path}` }), path).toBe(true);
  });
});
