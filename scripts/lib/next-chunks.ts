// Which client chunks of a production build (.next) a page loads, read from the build's own
// manifests: Next's runtime from build-manifest.json's rootMainFiles, and each route's layouts',
// error boundaries' and page's chunks from its client reference manifest. Chunks that code imports
// later (`import()` on a first input, say) are in neither. Used by the compile hints the build adds
// (scripts/lib/compile-hints.ts, ADR 0034) and by the JavaScript budget (tests/e2e/js-budget.spec.ts).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const MANIFEST = "page_client-reference-manifest.js";

/** Next's runtime: the chunks every page loads before its own, paths relative to .next. */
export function runtimeChunks(nextDir: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(nextDir, "build-manifest.json"), "utf8")) as {
    rootMainFiles: string[];
  };
  return manifest.rootMainFiles;
}

/** Every client chunk a route loads with its page (route as in the build, e.g. "/[locale]/hospitals"). */
export function routeChunks(nextDir: string, route: string): string[] {
  const file = path.join(nextDir, "server/app", route, MANIFEST);
  const sandbox: { __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> } = {};
  // The manifest is a script assigning globalThis.__RSC_MANIFEST[route]; run it against a sandbox.
  new Function("globalThis", "self", readFileSync(file, "utf8"))(sandbox, sandbox);
  const manifest = sandbox.__RSC_MANIFEST?.[route === "/" ? "/page" : `${route}/page`];
  if (!manifest) throw new Error(`no client reference manifest for ${route}`);
  return [...new Set(Object.values(manifest.entryJSFiles).flat())];
}

/** Every app route of the build that has a page with client components. */
export function routesWithClientChunks(nextDir: string): string[] {
  const app = path.join(nextDir, "server/app");
  const routes: string[] = [];
  const visit = (relative: string) => {
    const absolute = path.join(app, relative);
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      if (entry.isDirectory()) visit(path.join(relative, entry.name));
      else if (entry.name === MANIFEST) routes.push(`/${relative.split(path.sep).join("/")}`);
    }
  };
  if (existsSync(app)) visit("");
  return routes.sort();
}

/** The chunks some page loads on its first load: the runtime and every route's own, without repeats. */
export function chunksLoadedWithPages(nextDir: string): string[] {
  const chunks = new Set(runtimeChunks(nextDir));
  for (const route of routesWithClientChunks(nextDir))
    for (const chunk of routeChunks(nextDir, route)) chunks.add(chunk);
  return [...chunks].sort();
}
