// The compile hints the build adds (ADR 0034) on a build's layout in miniature: the runtime and each
// route's chunks get the hint once, however often the step runs; a chunk only `import()` loads does not.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addCompileHints, COMPILE_HINT } from "../../scripts/lib/compile-hints";
import { chunksLoadedWithPages, routesWithClientChunks } from "../../scripts/lib/next-chunks";

let next: string;

function write(relative: string, text: string) {
  mkdirSync(path.dirname(path.join(next, relative)), { recursive: true });
  writeFileSync(path.join(next, relative), text);
}

/** A client reference manifest as Next writes it: a script assigning globalThis.__RSC_MANIFEST[route]. */
function clientManifest(route: string, files: string[]) {
  const key = JSON.stringify(`${route}/page`);
  const entry = JSON.stringify({ entryJSFiles: { [`[project]/app${route}/page`]: files } });
  return `globalThis.__RSC_MANIFEST=(globalThis.__RSC_MANIFEST||{});globalThis.__RSC_MANIFEST[${key}]=${entry};`;
}

const read = (chunk: string) => readFileSync(path.join(next, chunk), "utf8");

beforeEach(() => {
  next = mkdtempSync(path.join(os.tmpdir(), "compile-hints-"));
  write("build-manifest.json", JSON.stringify({ rootMainFiles: ["static/chunks/runtime.js"] }));
  write(
    "server/app/[locale]/hospitals/page_client-reference-manifest.js",
    clientManifest("/[locale]/hospitals", ["static/chunks/finder.js", "static/chunks/shell.js"]),
  );
  write(
    "server/app/[locale]/book/details/page_client-reference-manifest.js",
    clientManifest("/[locale]/book/details", [
      "static/chunks/shell.js",
      "static/chunks/form.js",
      "static/chunks/form.css",
    ]),
  );
  for (const name of ["runtime", "finder", "shell", "form", "lazy-check"])
    write(`static/chunks/${name}.js`, `console.log("${name}");\n`);
  write("static/chunks/form.css", "body{}\n");
});

afterEach(() => rmSync(next, { recursive: true, force: true }));

describe("compile hints", () => {
  it("finds the routes and the chunks their pages load", () => {
    expect(routesWithClientChunks(next)).toEqual(["/[locale]/book/details", "/[locale]/hospitals"]);
    expect(chunksLoadedWithPages(next)).toEqual([
      "static/chunks/finder.js",
      "static/chunks/form.css",
      "static/chunks/form.js",
      "static/chunks/runtime.js",
      "static/chunks/shell.js",
    ]);
  });

  it("adds the hint as the first line of each script pages load, once, and leaves the rest alone", () => {
    expect(addCompileHints(next).sort()).toEqual([
      "static/chunks/finder.js",
      "static/chunks/form.js",
      "static/chunks/runtime.js",
      "static/chunks/shell.js",
    ]);
    expect(addCompileHints(next)).toEqual([]);
    expect(read("static/chunks/runtime.js")).toBe(`${COMPILE_HINT}console.log("runtime");\n`);
    expect(read("static/chunks/shell.js")).toBe(`${COMPILE_HINT}console.log("shell");\n`);
    expect(read("static/chunks/lazy-check.js")).toBe(`console.log("lazy-check");\n`);
    expect(read("static/chunks/form.css")).toBe("body{}\n");
  });
});
