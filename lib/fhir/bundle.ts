// Searchset Bundles: entries with their fullUrl and search mode, and the
// self/next/previous links on the public FHIR base (a client follows them as
// they are).
import type { Bundle, BundleEntry, BundleLink, Resource } from "@medplum/fhirtypes";
import { FHIR_BASE_PATH, fhirBaseUrl, fhirUrl } from "./systems";

type QueryChanges = Readonly<Record<string, string | null>>;

/** The request's URL on the public FHIR base, with `changes` applied to its query (null removes a parameter). */
export function requestUrl(request: Request, changes: QueryChanges = {}): string {
  const url = new URL(request.url);
  const path = url.pathname.startsWith(FHIR_BASE_PATH)
    ? url.pathname.slice(FHIR_BASE_PATH.length)
    : url.pathname;
  const params = new URLSearchParams(url.search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) params.delete(key);
    else params.set(key, value);
  }
  const query = params.toString();
  return `${fhirBaseUrl()}${path}${query ? `?${query}` : ""}`;
}

export interface SearchPage {
  /** The resources that matched, in the page's order. */
  matches: Resource[];
  /** Resources added by _include (each once). */
  includes?: Resource[];
  total?: number;
  /** Query changes that lead to the next / previous page, null when there is none. */
  next?: QueryChanges | null;
  previous?: QueryChanges | null;
  /** Query changes for the self link, e.g. removing parameters the search ignored. */
  self?: QueryChanges;
}

function entryOf(resource: Resource, mode: "match" | "include"): BundleEntry {
  return {
    fullUrl: fhirUrl(`${resource.resourceType}/${resource.id}`),
    resource,
    search: { mode },
  };
}

/** A searchset Bundle of one page of results. */
export function searchset(request: Request, page: SearchPage): Bundle {
  const link: BundleLink[] = [{ relation: "self", url: requestUrl(request, page.self) }];
  if (page.next) link.push({ relation: "next", url: requestUrl(request, { ...page.self, ...page.next }) });
  if (page.previous)
    link.push({ relation: "previous", url: requestUrl(request, { ...page.self, ...page.previous }) });
  return {
    resourceType: "Bundle",
    type: "searchset",
    ...(page.total !== undefined ? { total: page.total } : {}),
    link,
    entry: [
      ...page.matches.map((r) => entryOf(r, "match")),
      ...(page.includes ?? []).map((r) => entryOf(r, "include")),
    ],
  };
}
