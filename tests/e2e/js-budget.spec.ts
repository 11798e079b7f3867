// The JavaScript budget of the patient pages (issue 21 item 3, ADR 0031), read
// from the production build the e2e server runs: for each page, every chunk
// the browser loads for it (Next's runtime, then the client chunks of each
// layout, error boundary and the page, from the page's client reference
// manifest), gzipped. Next 16's and React 19's own runtime is about 129 KiB of
// it on every page, whatever the app does (the webpack build measured the same),
// so the budget is set on the app's own part above that runtime, and on the
// total as a ceiling; the figures are printed. A browser check proves the
// reading covers what Chromium really loads.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";

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

/** Next's runtime: the chunks every page loads before its own (build-manifest.json's rootMainFiles). */
function runtimeChunks(): string[] {
  return (
    JSON.parse(readFileSync(path.join(NEXT, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] }
  ).rootMainFiles;
}

/** Every client chunk of a route: its layouts', error boundaries' and page's (the client reference manifest). */
function routeChunks(route: string): string[] {
  const file = path.join(NEXT, "server/app", route, "page_client-reference-manifest.js");
  const sandbox: { __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> } = {};
  // The manifest is a script assigning globalThis.__RSC_MANIFEST[route]; run it against a sandbox.
  new Function("globalThis", "self", readFileSync(file, "utf8"))(sandbox, sandbox);
  const manifest = sandbox.__RSC_MANIFEST?.[`${route}/page`];
  if (!manifest) throw new Error(`no client reference manifest for ${route}`);
  return [...new Set(Object.values(manifest.entryJSFiles).flat())];
}

function pageBudget(route: string) {
  const runtime = runtimeChunks();
  const own = routeChunks(route).filter((f) => !runtime.includes(f));
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
});
