// V8's explicit compile hint on the chunks pages load (ADR 0034). A script starting with the magic
// comment `//# allFunctionsCalledOnLoad` has all its functions compiled eagerly, off the main thread
// while it streams in, instead of lazily on the main thread when each is first called: Next's and
// React's runtime and the pages' own client chunks run nearly all their functions on load (hydration),
// so under the CPU of a phone this took 300-400 ms of throttled main-thread time off every page.
// Chunks loaded later by `import()` are left alone: compiling code that may never run costs.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chunksLoadedWithPages } from "./next-chunks";

export const COMPILE_HINT = "//# allFunctionsCalledOnLoad\n";

/** Adds the hint to each chunk pages load, once; returns the chunks it changed (relative to .next). */
export function addCompileHints(nextDir: string): string[] {
  const changed: string[] = [];
  for (const chunk of chunksLoadedWithPages(nextDir)) {
    if (!chunk.endsWith(".js")) continue;
    const file = path.join(nextDir, chunk);
    const source = readFileSync(file, "utf8");
    if (source.startsWith(COMPILE_HINT)) continue;
    writeFileSync(file, COMPILE_HINT + source);
    changed.push(chunk);
  }
  return changed;
}
