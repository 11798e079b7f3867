// The in-process half of the catalogue bench: the real use cases called on a
// sample of the varied requests against one scale's database, each call's
// statements captured by auto_explain (explain.ts), checked for sequential
// scans of large tables (plan-check.ts). Cache off: bench.ts sets
// FACET_CACHE_SECONDS=0 before any use case reads the environment.
import { findHospitals } from "../../../lib/catalogue/find-hospitals";
import { getHomeCatalogue } from "../../../lib/catalogue/get-home-catalogue";
import { getInstitution } from "../../../lib/catalogue/get-institution";
import { hospitalQuerySchema } from "../../../lib/catalogue/hospital-filters";
import { packageQuerySchema } from "../../../lib/catalogue/package-filters";
import { searchHospitals } from "../../../lib/catalogue/search-hospitals";
import { searchPackages } from "../../../lib/catalogue/search-packages";
import { locales } from "../../../lib/i18n/locales";
import type { DbClient } from "../../../lib/db/create-client";
import { explainingClient, tableRows } from "./explain";
import {
  callFigures,
  largeSeqScans,
  planText,
  statementName,
  type CallFigures,
  type CapturedPlan,
} from "./plan-check";
import {
  BROAD_TERMS,
  finderQueries,
  NARROW_TERMS,
  packageQueries,
  searchTerms,
  type CatalogueVocabulary,
} from "./queries";
import { prng } from "../../../lib/seed/prng";

export interface GroupResult {
  name: string;
  calls: CallFigures[];
  seqScans: { relation: string; rows: number; path: string; statement: string }[];
  errors: string[];
}

export interface WorstPlan {
  useCase: string;
  request: string;
  durationMs: number;
  statement: string;
  plan: string;
}

interface Call {
  /** What is asked, for the report (query string, slug or term). */
  label: string;
  run: (db: DbClient) => Promise<unknown>;
}

/** Every k-th item, so a sample spreads over the whole generated list. */
function spreadSample<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)]!);
}

const localeAt = (i: number) => locales[(i * 5 + 1) % locales.length]!;
const hospitalQuery = (qs: string) => hospitalQuerySchema.parse(Object.fromEntries(new URLSearchParams(qs)));

/** The groups of calls, each a use case on one kind of request. */
function groups(
  vocab: CatalogueVocabulary,
  sample: number,
): { name: string; useCase: string; calls: Call[] }[] {
  const finder = spreadSample(finderQueries(vocab), sample);
  const find = (qs: string, i: number): Call => ({
    label: `${localeAt(i)} ?${qs}`,
    run: (db) => findHospitals(db, hospitalQuery(qs), localeAt(i)),
  });
  const random = prng(3321);
  const names = searchTerms(vocab).filter((t) => t.breadth === "narrow");
  const narrow = [...NARROW_TERMS, ...spreadSample(names.slice(NARROW_TERMS.length), 5)];
  const slugs = Array.from(
    { length: Math.ceil(sample / 2) },
    () => vocab.institutionSlugs[Math.floor(random() * vocab.institutionSlugs.length)]!,
  );
  const packages = spreadSample(packageQueries(vocab), Math.ceil(sample / 2));
  return [
    {
      name: "findHospitals: landing (no filter)",
      useCase: "findHospitals",
      calls: ["en", "zh", "ar", "ru"].map((locale) => ({
        label: `${locale} (no filter)`,
        run: (db) => findHospitals(db, hospitalQuery(""), locale),
      })),
    },
    { name: "findHospitals: varied filters", useCase: "findHospitals", calls: finder.map(find) },
    {
      name: "findHospitals: broad text",
      useCase: "findHospitals",
      calls: BROAD_TERMS.map((t, i) => find(new URLSearchParams({ q: t.text }).toString(), i)),
    },
    {
      name: "findHospitals: narrow text",
      useCase: "findHospitals",
      calls: narrow.map((t, i) => find(new URLSearchParams({ q: t.text }).toString(), i)),
    },
    {
      name: "searchHospitals: varied filters",
      useCase: "searchHospitals",
      calls: spreadSample(finder, Math.ceil(sample / 4)).map((qs, i) => ({
        label: `${localeAt(i)} ?${qs}`,
        run: (db) => searchHospitals(db, hospitalQuery(qs), localeAt(i)),
      })),
    },
    {
      name: "getInstitution",
      useCase: "getInstitution",
      calls: slugs.map((slug, i) => ({
        label: `${localeAt(i)} ${slug}`,
        run: (db) => getInstitution(db, slug, localeAt(i)),
      })),
    },
    {
      name: "searchPackages",
      useCase: "searchPackages",
      calls: packages.map((qs, i) => ({
        label: `${localeAt(i)} ?${qs}`,
        run: (db) =>
          searchPackages(
            db,
            packageQuerySchema.parse(Object.fromEntries(new URLSearchParams(qs))),
            localeAt(i),
          ),
      })),
    },
    {
      name: "getHomeCatalogue",
      useCase: "getHomeCatalogue",
      calls: ["en", "zh", "ar"].map((locale) => ({
        label: locale,
        run: (db) => getHomeCatalogue(db, locale),
      })),
    },
  ];
}

/** Rows the machine-speed reference statement sums (10-20 ms on this machine, by its load). */
export const REFERENCE_ROWS = 100_000;

export async function runInProcess(
  url: string,
  vocab: CatalogueVocabulary,
  options: { sample: number; largeTableRows: number },
): Promise<{ groups: GroupResult[]; worst: WorstPlan[]; referenceMs: number[] }> {
  const sizes = await tableRows(url);
  const client = explainingClient(url);
  const worst = new Map<string, WorstPlan>();
  const results: GroupResult[] = [];
  const referenceMs: number[] = [];
  // The machine's speed while the groups ran: a fixed statement that reads no table, timed
  // the same way, 5 times before the groups and 5 after. The database times are absolute
  // (the targets are), and this 2-core machine's speed varies by about 1.5x within
  // an hour; the reference says how fast it was during this run.
  const reference = async () => {
    for (let i = 0; i < 5; i++) {
      await client.db
        .$queryRaw`SELECT sum(g)::bigint AS s FROM generate_series(1, ${REFERENCE_ROWS}::int) AS g`;
      referenceMs.push(...client.take().map((p) => p.durationMs));
    }
  };
  try {
    // One call first, so connections are open and the catalogue is in shared buffers.
    await findHospitals(client.db, hospitalQuery(""), "en");
    client.take();
    await reference();
    for (const group of groups(vocab, options.sample)) {
      const result: GroupResult = { name: group.name, calls: [], seqScans: [], errors: [] };
      const seen = new Set<string>();
      for (const call of group.calls) {
        try {
          await call.run(client.db);
        } catch (error) {
          result.errors.push(`${call.label}: ${(error as Error).message}`);
        }
        const plans: CapturedPlan[] = client.take();
        result.calls.push(callFigures(plans));
        for (const p of plans) {
          for (const scan of largeSeqScans(p.plan, sizes, options.largeTableRows)) {
            const statement = statementName(p.queryText);
            const key = `${scan.relation}\t${statement}`;
            if (seen.has(key)) continue;
            seen.add(key);
            result.seqScans.push({ ...scan, statement });
          }
          const current = worst.get(group.useCase);
          if (!current || p.durationMs > current.durationMs)
            worst.set(group.useCase, {
              useCase: group.useCase,
              request: call.label,
              durationMs: p.durationMs,
              statement: statementName(p.queryText, 400),
              plan: planText(p.plan),
            });
        }
      }
      results.push(result);
    }
    await reference();
  } finally {
    await client.close();
  }
  return { groups: results, worst: [...worst.values()], referenceMs };
}
