import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const root = path.join(import.meta.dirname, "../..");

/**
 * Every route file's pattern under app/<under> ("/api/v1/slots", "/fhir/r4/Slot/[id]")
 * and the HTTP methods it exports, read from the source. A catch-all ([...x])
 * answers every method itself and is left out.
 */
export function routeFiles(under: string, dir = path.join(root, "app", under)): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry.startsWith("[...")) continue;
      Object.assign(out, routeFiles(under, full));
    } else if (entry === "route.ts") {
      const source = readFileSync(full, "utf8");
      const methods = [
        ...source.matchAll(/^export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/gm),
      ].map((m) => m[1]!);
      out[`/${path.relative(path.join(root, "app"), dir).split(path.sep).join("/")}`] = methods.sort();
    }
  }
  return out;
}
