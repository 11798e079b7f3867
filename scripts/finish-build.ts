// `npm run build`'s second step: compile hints and compressed copies of the static assets
// (scripts/lib/finish-build.ts).
import path from "node:path";
import { finishBuild } from "./lib/finish-build";

for (const line of finishBuild(path.resolve(import.meta.dirname, "../.next"))) console.log(`[build] ${line}`);
