// `npm run build`'s second step: V8's compile hint on the chunks pages load (scripts/lib/compile-hints.ts).
import path from "node:path";
import { addCompileHints } from "./lib/compile-hints";

const changed = addCompileHints(path.resolve(import.meta.dirname, "../.next"));
console.log(`[build] V8 compile hint added to ${changed.length} chunk(s) pages load on their first load`);
