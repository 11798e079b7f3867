// The varied requests of `npm run bench` (issue 21): a seeded, deterministic
// generator of finder query strings, free-text searches, institution and
// package URLs, drawn from what the seeded catalogue really holds (its
// vocabulary, read once per scale). One fixed URL per route measured a cache;
// patients send thousands of different queries, so the bench does too.
import { conditions, ownerships, specialties, therapies } from "../../../lib/catalogue/codes";
import { locales } from "../../../lib/i18n/locales";
import { prng } from "../../../lib/seed/prng";

/** What a seeded catalogue offers to filter and search on (read from the database by bench.ts). */
export interface CatalogueVocabulary {
  citySlugs: string[];
  insurerSlugs: string[];
  /** Languages some institution serves in (ISO 639-1). */
  languages: string[];
  institutionSlugs: string[];
  /** Real (non-synthetic) institution names: Latin, Han, pinyin. */
  names: { latin: string[]; han: string[]; pinyin: string[] };
  /** Department names as patients type them: English and Chinese. */
  departmentNames: { latin: string[]; han: string[] };
}

export type TermScript = "latin" | "pinyin" | "han";
export type TermBreadth = "broad" | "narrow";
export interface SearchTerm {
  text: string;
  script: TermScript;
  breadth: TermBreadth;
}

/** Terms nearly every institution's name contains: the expensive end of free text. */
export const BROAD_TERMS: readonly SearchTerm[] = [
  { text: "医院", script: "han", breadth: "broad" },
  { text: "医", script: "han", breadth: "broad" },
  { text: "Hospital", script: "latin", breadth: "broad" },
  { text: "hospital", script: "latin", breadth: "broad" },
  { text: "zhongyi", script: "pinyin", breadth: "broad" },
  { text: "yiyuan", script: "pinyin", breadth: "broad" },
];

/** Terms that name one institution or a few (two-character Han included: no trigram for them). */
export const NARROW_TERMS: readonly SearchTerm[] = [
  { text: "协和", script: "han", breadth: "narrow" },
  { text: "xiehe", script: "pinyin", breadth: "narrow" },
  { text: "Peking Union", script: "latin", breadth: "narrow" },
];

/** Every search term of a catalogue: the fixed broad and narrow ones, its real names and department names. */
export function searchTerms(vocab: CatalogueVocabulary): SearchTerm[] {
  const narrow = (script: TermScript) => (text: string) => ({ text, script, breadth: "narrow" as const });
  const all = [
    ...BROAD_TERMS,
    ...NARROW_TERMS,
    ...vocab.names.latin.map(narrow("latin")),
    ...vocab.names.han.map(narrow("han")),
    ...vocab.names.pinyin.map(narrow("pinyin")),
    ...vocab.departmentNames.latin.map(narrow("latin")),
    ...vocab.departmentNames.han.map(narrow("han")),
  ].filter((t) => t.text.trim().length > 0);
  const seen = new Set<string>();
  return all.filter((t) => !seen.has(t.text) && seen.add(t.text));
}

type Random = () => number;
const pickOf =
  (random: Random) =>
  <T>(items: readonly T[]): T =>
    items[Math.floor(random() * items.length)]!;

/** One finder filter set (no free text): 0 to 4 filters, a sort, a page. Canonical parameter order. */
function finderFilters(random: Random, vocab: CatalogueVocabulary): URLSearchParams {
  const pick = pickOf(random);
  const params = new URLSearchParams();
  const choices: [string, () => string][] = [
    ["city", () => pick(vocab.citySlugs)],
    ["specialty", () => pick(specialties)],
    ["language", () => pick(vocab.languages)],
    ["insurer", () => pick(vocab.insurerSlugs)],
    ["payment", () => pick(["direct", "self"])],
    ["ownership", () => pick(ownerships)],
    ["tcm", () => "1"],
  ];
  // Fewer filters are more common: a landing page, then one or two refinements.
  const wanted = pick([0, 1, 1, 2, 2, 2, 3, 3, 4]);
  const chosen = new Set<number>();
  while (chosen.size < wanted) chosen.add(Math.floor(random() * choices.length));
  for (const [i, [key, value]] of choices.entries()) if (chosen.has(i)) params.set(key, value());
  const sort = pick(["relevance", "relevance", "name", "city"]);
  if (sort !== "relevance") params.set("sort", sort);
  const page = pick([1, 1, 1, 1, 2, 2, 3]);
  if (page > 1) params.set("page", String(page));
  return params;
}

/** Distinct strings from `make` until `count` (or until the generator stops finding new ones). */
function distinct(count: number, make: () => string): string[] {
  const out = new Set<string>();
  for (let tries = 0; out.size < count && tries < count * 50; tries++) out.add(make());
  return [...out];
}

/** Finder query strings with filters only (API with varied filters, finder page). */
export function finderQueries(vocab: CatalogueVocabulary, count = 1200, seed = 21): string[] {
  const random = prng(seed);
  return distinct(count, () => finderFilters(random, vocab).toString());
}

/** Free-text query strings: every term, alone or with a filter, a sort or a page. */
export function textQueries(vocab: CatalogueVocabulary, count = 1200, seed = 2121): string[] {
  const random = prng(seed);
  const pick = pickOf(random);
  const terms = searchTerms(vocab);
  // Every term once on its own first, so a short run still sees all of them.
  const plain = terms.map((t) => new URLSearchParams({ q: t.text }).toString());
  const varied = distinct(count, () => {
    const params = finderFilters(random, vocab);
    if (random() < 0.5) for (const key of [...params.keys()]) if (key !== "page") params.delete(key);
    const q = new URLSearchParams({ q: pick(terms).text });
    for (const [k, v] of params) q.set(k, v);
    return q.toString();
  });
  return [...new Set([...plain, ...varied])].slice(0, Math.max(count, plain.length));
}

/** Package finder query strings (city, condition, therapy, duration, sort). */
export function packageQueries(vocab: CatalogueVocabulary, count = 400, seed = 2122): string[] {
  const random = prng(seed);
  const pick = pickOf(random);
  return distinct(count, () => {
    const params = new URLSearchParams();
    if (random() < 0.5) params.set("city", pick(vocab.citySlugs));
    if (random() < 0.4) params.set("condition", pick(conditions));
    if (random() < 0.4) params.set("therapy", pick(therapies));
    if (random() < 0.3) params.set("maxDays", String(pick([7, 14, 21, 30])));
    const sort = pick(["relevance", "relevance", "price", "days", "sessions"]);
    if (sort !== "relevance") params.set("sort", sort);
    return params.toString();
  });
}

/** Every locale in turn (Arabic and Chinese included); 3 is prime to their count, so all 14 come round. */
const localeAt = (i: number) => locales[(i * 3) % locales.length]!;

const withQuery = (pathname: string, query: string) => (query ? `${pathname}?${query}` : pathname);

export interface BenchRoute {
  name: string;
  /** Which target applies (scripts/bench.ts): static baseline, API, page. */
  kind: "static" | "api" | "page";
  /** Judged against issue 21's page targets (5x static p95, 25% of its req/s): the finder and institution pages. */
  judged?: boolean;
  /** The URLs a run cycles through, in a fixed order. */
  paths: string[];
}

/** The catalogue suite's routes, each with its list of varied URLs. */
export function catalogueRoutes(vocab: CatalogueVocabulary): BenchRoute[] {
  const finder = finderQueries(vocab);
  const text = textQueries(vocab);
  const random = prng(2123);
  const pick = pickOf(random);
  const institutions = distinct(
    1200,
    () => `/${localeAt(Math.floor(random() * 1000))}/hospitals/${pick(vocab.institutionSlugs)}`,
  );
  return [
    { name: "static /icon.svg (baseline)", kind: "static", paths: ["/icon.svg"] },
    // The floor of a page render: the same locale layout and shell as the catalogue pages, translated
    // text only, no database read, never in the page cache. What any page costs before its own work.
    { name: "privacy page (no database)", kind: "page", paths: locales.map((l) => `/${l}/privacy`) },
    { name: "API, varied filters", kind: "api", paths: finder.map((q) => withQuery("/api/v1/hospitals", q)) },
    { name: "API, free text", kind: "api", paths: text.map((q) => withQuery("/api/v1/hospitals", q)) },
    {
      name: "finder page, varied",
      kind: "page",
      judged: true,
      paths: finder.map((q, i) => withQuery(`/${localeAt(i)}/hospitals`, q)),
    },
    { name: "institution page", kind: "page", judged: true, paths: institutions },
    {
      name: "packages page",
      kind: "page",
      paths: packageQueries(vocab).map((q, i) => withQuery(`/${localeAt(i)}/packages`, q)),
    },
  ];
}
