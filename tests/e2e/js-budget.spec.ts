// The JavaScript budget of the patient pages (issue 21 item 3, ADR 0031), read
// from the production build the e2e server runs: for each page, every chunk
// the browser loads for it (Next's runtime, then the client chunks of each
// layout, error boundary and the page, from the page's client reference
// manifest), gzipped. Next 16's and React 19's own runtime is about 129 KiB of
// it on every page, whatever the app does (the webpack build measured the same),
// so the budget is set on the app's own part above that runtime, and on the
// total as a ceiling; the figures are printed. A browser check proves the
// reading covers what Chromium really loads.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { expect, test, type Response } from "@playwright/test";
import { COMPILE_HINT } from "../../scripts/lib/compile-hints";
import { chunksLoadedWithPages, routeChunks, runtimeChunks } from "../../scripts/lib/next-chunks";
import { MIN_BYTES } from "../../scripts/lib/static-assets";

const NEXT = path.join(import.meta.dirname, "../../.next");
const KiB = 1024;

/** The app's own gzipped JavaScript a page may load above Next's and React's runtime, and the ceiling of the total. */
const PAGES = [
  { name: "home", route: "/[locale]", path: "/en", own: 32, total: 160 },
  { name: "finder", route: "/[locale]/hospitals", path: "/en/hospitals", own: 32, total: 160 },
  {
    name: "institution",
    route: "/[locale]/hospitals/[slug]",
    path: "/en/hospitals/pumch-international",
    own: 32,
    total: 160,
  },
  { name: "packages", route: "/[locale]/packages", path: "/en/packages", own: 32, total: 160 },
  {
    name: "package",
    route: "/[locale]/packages/[slug]",
    path: "/en/packages/guanganmen-neck-back-pain",
    own: 32,
    total: 160,
  },
  {
    name: "choose a time",
    route: "/[locale]/book/[hospital]",
    path: "/en/book/beijing-united-family?department=dentistry",
    own: 38,
    total: 165,
  },
  { name: "booking details", route: "/[locale]/book/details", path: null, own: 38, total: 165 },
] as const;

const gzipped = (file: string) => gzipSync(readFileSync(path.join(NEXT, file))).length;

function pageBudget(route: string) {
  const runtime = runtimeChunks(NEXT);
  const own = routeChunks(NEXT, route).filter((f) => !runtime.includes(f));
  const sum = (files: string[]) => files.reduce((total, f) => total + gzipped(f), 0) / KiB;
  return { runtime: sum(runtime), own: sum(own), files: [...runtime, ...own] };
}

test.describe("JavaScript budget", () => {
  test("each patient page's gzipped JavaScript stays within its budget", () => {
    const rows = PAGES.map((p) => ({ page: p, measured: pageBudget(p.route) }));
    console.log("page: runtime + own = total gzipped KiB (budget: own, total)");
    for (const { page, measured } of rows)
      console.log(
        `  ${page.name.padEnd(16)} ${measured.runtime.toFixed(1)} + ${measured.own.toFixed(1)} = ${(measured.runtime + measured.own).toFixed(1)} KiB (${page.own}, ${page.total})`,
      );
    for (const { page, measured } of rows) {
      expect(measured.own, `${page.name}: the app's own JavaScript`).toBeLessThanOrEqual(page.own);
      expect(measured.runtime + measured.own, `${page.name}: all JavaScript`).toBeLessThanOrEqual(page.total);
    }
  });

  test("the build's reading covers every script Chromium loads", async ({ page }) => {
    for (const p of PAGES.filter((p) => p.path !== null)) {
      const expected = new Set(pageBudget(p.route).files.map((f) => `/_next/${f}`));
      // The scripts of the page's own load (before any prefetch of a link's next page, which comes later).
      await page.goto(p.path!, { waitUntil: "load" });
      const loaded = await page.evaluate(() =>
        performance
          .getEntriesByType("resource")
          .map((e) => new URL(e.name).pathname)
          .filter((pathname) => pathname.endsWith(".js")),
      );
      expect(loaded.length, p.name).toBeGreaterThan(0);
      expect(
        loaded.filter((f) => !expected.has(f)),
        `${p.name}: scripts the budget does not count`,
      ).toEqual([]);
    }
  });

  test("the chunks pages load carry V8's compile hint, and the chunks loaded later do not (ADR 0034)", async ({
    request,
  }) => {
    const loadedWithPages = new Set(chunksLoadedWithPages(NEXT));
    const chunksDir = path.join(NEXT, "static/chunks");
    const all = readdirSync(chunksDir)
      .filter((f) => f.endsWith(".js"))
      .map((f) => `static/chunks/${f}`);
    const hinted = (f: string) => readFileSync(path.join(NEXT, f), "utf8").startsWith(COMPILE_HINT);
    expect(
      all.filter((f) => loadedWithPages.has(f) && !hinted(f)),
      "chunks pages load, without the hint",
    ).toEqual([]);
    expect(
      all.filter((f) => !loadedWithPages.has(f) && hinted(f)),
      "chunks loaded later, with the hint",
    ).toEqual([]);
    // Some chunks are loaded only later (the booking form's check, legacy browsers' polyfills), so the
    // second list can fail.
    expect(all.some((f) => !loadedWithPages.has(f))).toBe(true);
    // What the server sends is what the build holds: the hint is the first line a browser reads.
    for (const chunk of runtimeChunks(NEXT)) {
      const body = await (await request.get(`/_next/${chunk}`)).text();
      expect(body.startsWith(COMPILE_HINT), chunk).toBe(true);
    }
  });

  test("Chromium gets each script and style sheet of a page as the build's Brotli copy, kept for a year (ADR 0035)", async ({
    page,
  }) => {
    for (const p of PAGES.filter((p) => p.path !== null)) {
      const assets: { pathname: string; encoding?: string; cacheControl?: string }[] = [];
      const collect = (response: Response) => {
        const pathname = new URL(response.url()).pathname;
        if (!pathname.startsWith("/_next/static/") || !/\.(js|css)$/.test(pathname)) return;
        const headers = response.headers();
        assets.push({
          pathname,
          encoding: headers["content-encoding"],
          cacheControl: headers["cache-control"],
        });
      };
      page.on("response", collect);
      await page.goto(p.path!, { waitUntil: "load" });
      page.off("response", collect);
      expect(assets.length, p.name).toBeGreaterThan(0);
      for (const asset of assets) {
        // The build writes no copy of a small file: that one goes as it is.
        const small = statSync(path.join(NEXT, asset.pathname.slice("/_next/".length))).size < MIN_BYTES;
        expect(asset.encoding, `${p.name}: ${asset.pathname}`).toBe(small ? undefined : "br");
        expect(asset.cacheControl, `${p.name}: ${asset.pathname}`).toBe("public,max-age=31536000,immutable");
      }
    }
  });
});
