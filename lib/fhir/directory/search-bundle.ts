// A directory search answered as a searchset Bundle: reads the query with the
// resource's schema (unknown parameters ignored or, with Prefer:
// handling=strict, refused), runs the search in the request's language, and
// links self (what was applied: ignored parameters left out, _count as capped),
// next and previous pages (_offset in a stable order).
import type { Bundle } from "@medplum/fhirtypes";
import type { z } from "zod";
import { searchset } from "../bundle";
import { fhirLocale } from "../http";
import type { DirectoryPage } from "./searches";
import { parseSearch, readSearch } from "./search-params";
import { directoryText, type DirectoryText } from "./text";

type PagedSchema = z.ZodObject<z.ZodRawShape>;
type Paged = { _count: number; _offset: number };

export async function directorySearch<S extends PagedSchema>(
  request: Request,
  schema: S,
  run: (query: z.output<S> & Paged, text: DirectoryText) => Promise<DirectoryPage>,
): Promise<Bundle> {
  const raw = readSearch(request, new Set(Object.keys(schema.shape)));
  const query = parseSearch(schema, raw) as z.output<S> & Paged;
  const page = await run(query, await directoryText(fhirLocale(request)));
  const { _count: count, _offset: offset } = query;
  const self: Record<string, string | null> = Object.fromEntries(raw.ignored.map((name) => [name, null]));
  if (raw.values._count) self._count = String(count);
  return searchset(request, {
    matches: page.matches,
    includes: page.includes,
    ...(page.total !== undefined ? { total: page.total } : {}),
    self,
    next: page.hasMore ? { _offset: String(offset + count) } : null,
    previous: offset > 0 && count > 0 ? { _offset: offset > count ? String(offset - count) : null } : null,
  });
}
