// An institution's old slug, answered with a permanent redirect (308) to the
// same page under its current slug, keeping the query string: a renamed
// institution's old links, bookmarks and search results keep working
// (lib/catalogue/institution-slug.ts). Called by a page when its institution
// is not found, before it answers 404.
import "server-only";
import { permanentRedirect } from "next/navigation";
import { resolveInstitutionSlug } from "@/lib/catalogue/institution-slug";
import { catalogueDb } from "@/app/[locale]/_catalogue/read-db";
import type { SearchParams } from "@/app/[locale]/page-props";

/** The query string of a page's search params ("" when there are none), repeated keys kept. */
export function queryString(query: SearchParams = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, v);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Redirects permanently when `slug` is a renamed institution's old slug; returns when it is not. */
export async function redirectRenamedInstitution(
  slug: string,
  path: (current: string) => string,
  query?: SearchParams | string,
): Promise<void> {
  const found = await resolveInstitutionSlug(await catalogueDb(), slug);
  if (found?.redirected)
    permanentRedirect(`${path(found.slug)}${typeof query === "string" ? query : queryString(query)}`);
}
