// The translation routes (issue 19) as a browser and a script reach them: the
// export answers an attachment to a city admin, 401/403 to others; the upload
// (multipart, outside server actions' 256 KiB) sends a browser on to the dry
// run or back with the reason, answers a script the localized error, and
// writes no job for a refused file or a post from another site; the apply
// route writes the plan once.
import { AsyncLocalStorage } from "node:async_hooks";
import { beforeAll, describe, expect, it } from "vitest";
import { xliff2js, js2xliff } from "xliff";
import { writeTranslations } from "../../lib/catalogue/translation-text";
import { signInFromForm } from "../helpers/auth-forms";
import { testDb } from "../helpers/db";
import { createWorld, PASSWORD, type World } from "../helpers/staff-fixtures";
import en from "../../messages/en.json" with { type: "json" };

(globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage;
const { GET: exportFile } = await import("../../app/[locale]/admin/translations/export/route");
const { POST: upload } = await import("../../app/[locale]/admin/translations/upload/route");
const { POST: apply } = await import("../../app/[locale]/admin/translations/[job]/apply/route");
const { problemFromQuery } = await import("../../app/[locale]/_console/upload-answer");

const origin = "http://portal.test";
const locale = { params: Promise.resolve({ locale: "en" }) };
let world: World;
let city = "";
let instId = "";
let admin = "";
let staff = "";
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

const uploadRequest = (xml: string, headers: Record<string, string>) => {
  const data = new FormData();
  data.set("language", "ru");
  data.set("city", city);
  data.set("file", new File([xml], "ru.xlf", { type: "application/xliff+xml" }));
  return new Request(`${origin}/en/admin/translations/upload`, {
    method: "POST",
    body: data,
    headers: { host: "portal.test", ...headers },
  });
};
const browser = { accept: "text/html" };
const jobs = () => testDb().importJob.count({ where: { kind: "TRANSLATION" } });

beforeAll(async () => {
  const db = testDb();
  world = await createWorld(db);
  city = (await db.city.findUniqueOrThrow({ where: { id: world.cityId } })).slug;
  instId = (
    await db.institution.findFirstOrThrow({ where: { cityId: world.cityId }, orderBy: { slug: "asc" } })
  ).id;
  await db.$transaction((tx) =>
    writeTranslations(tx, "institution", [{ id: instId, locale: "en", fields: { name: "Route Hospital" } }]),
  );
  admin = await cookieOf(world.emails.cityAdmin!);
  staff = await cookieOf(world.emails.staffA!);
});

describe("the export route", () => {
  it("answers the admin an XLIFF attachment, and 401/403 to anyone else", async () => {
    const url = `${origin}/en/admin/translations/export?city=${city}&language=ru&scope=all&format=xliff`;
    const ok = await exportFile(new Request(url, { headers: { cookie: admin } }), locale);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^application\/xliff\+xml/);
    expect(ok.headers.get("content-disposition")).toMatch(/^attachment; filename="[a-z0-9.-]+\.xlf"$/);
    const doc = await xliff2js(await ok.text());
    expect(Object.keys(Object.values(doc.resources)[0]!)).toContain(`institution/${instId}/name`);
    expect((await exportFile(new Request(url), locale)).status).toBe(401);
    expect((await exportFile(new Request(url, { headers: { cookie: staff } }), locale)).status).toBe(403);
    const bad = await exportFile(
      new Request(url.replace("language=ru", "language=xx"), { headers: { cookie: admin } }),
      locale,
    );
    expect(bad.status).toBe(400);
  });
});

describe("the upload and apply routes", () => {
  const good = () =>
    js2xliff({
      sourceLanguage: "en",
      targetLanguage: "ru",
      resources: {
        f: { [`institution/${instId}/name`]: { source: "Route Hospital", target: "Больница Маршрут" } },
      },
    });

  it("refuses a DOCTYPE, another site's post and a signed-out browser, writing no job", async () => {
    const before = await jobs();
    const doctype = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ru"><file id="f"><unit id="institution/${instId}/name"><segment><source>x</source><target>&e;</target></segment></unit></file></xliff>`;
    const script = await upload(uploadRequest(doctype, { cookie: admin }), locale);
    expect(script.status).toBe(400);
    expect((await script.json()).error.message).toBe(en.Errors.reasons.translationFileDoctype);
    const page = await upload(uploadRequest(doctype, { cookie: admin, ...browser }), locale);
    expect(page.status).toBe(303);
    const back = new URL(page.headers.get("location")!, origin);
    expect(back.pathname).toBe("/en/admin/translations");
    expect(problemFromQuery(back.searchParams.get("problem"))).toMatchObject({
      code: "VALIDATION_FAILED",
      reason: "translationFileDoctype",
    });
    const foreign = await upload(
      uploadRequest(await good(), { cookie: admin, origin: "https://evil.example" }),
      locale,
    );
    expect(foreign.status).toBe(403);
    const signedOut = await upload(uploadRequest(await good(), browser), locale);
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get("location")).toMatch(/^\/en\/staff\/sign-in\?next=/);
    expect((await upload(uploadRequest(await good(), { cookie: staff }), locale)).status).toBe(403);
    expect(await jobs()).toBe(before);
  });

  it("sends a browser to the dry run, and the apply writes it once", async () => {
    const planned = await upload(uploadRequest(await good(), { cookie: admin, ...browser }), locale);
    expect(planned.status).toBe(303);
    const location = planned.headers.get("location")!;
    expect(location).toMatch(/^\/en\/admin\/translations\/[a-z0-9]+$/);
    const job = location.split("/").pop()!;
    const params = { params: Promise.resolve({ locale: "en", job }) };
    const post = (cookie: string) =>
      new Request(`${origin}${location}/apply`, { method: "POST", headers: { cookie, ...browser } });
    expect((await apply(post(staff), params)).status).toBe(303); // back with FORBIDDEN
    expect((await testDb().importJob.findUniqueOrThrow({ where: { id: job } })).status).toBe("PLANNED");
    const applied = await apply(post(admin), params);
    expect(applied.status).toBe(303);
    expect(applied.headers.get("location")).toBe(location);
    expect(
      await testDb().institutionTranslation.findUniqueOrThrow({
        where: { institutionId_locale: { institutionId: instId, locale: "ru" } },
      }),
    ).toMatchObject({ name: "Больница Маршрут" });
    const again = await apply(post(admin), params);
    const conflict = new URL(again.headers.get("location")!, origin);
    expect(conflict.pathname).toBe(location);
    expect(problemFromQuery(conflict.searchParams.get("problem"))?.code).toBe("CONFLICT");
  });
});
