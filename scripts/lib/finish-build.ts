// What every production build gets after `next build`, in this order: V8's compile hint on the chunks
// pages load (ADR 0034), then the Brotli and gzip copies of the static assets (ADR 0035), made of the
// hinted bytes. `npm run build` (scripts/finish-build.ts) and `buildIfNeeded` (npm start, the benches)
// both run it; it returns the lines they print.
import { addCompileHints } from "./compile-hints";
import { precompressStaticAssets } from "./static-assets";

export function finishBuild(nextDir: string): string[] {
  const hinted = addCompileHints(nextDir);
  const compressed = precompressStaticAssets(nextDir);
  return [
    `V8 compile hint added to ${hinted.length} chunk(s) pages load on their first load (ADR 0034).`,
    `Brotli and gzip copies written of ${compressed} static file(s) (ADR 0035).`,
  ];
}
