// One home for the finder's counting with filters and no text (ADR 0029,
// "Counting filters"): the bit strings of institution_facet_bits (one per facet
// value, a bit per institution position, kept by triggers in
// prisma/migrations/20261207090000_facet_bits) ANDed per filter, each facet
// value counted with bit_count, and the page read from the matching positions.
// A search reads one row per facet value whatever its filters keep, instead of
// every document that passes all filters but one.
import { Prisma } from "../db/generated/client";
import type { HospitalFacetKey, HospitalQuery } from "./hospital-filters";
import { cityIdOf, facetTokenSql, insurerIdOf } from "./search-document";

/** A filter as the facet value it keeps (institution_facet_bits' facet and value). */
export interface FacetValueRef {
  facet: string;
  value: Prisma.Sql;
}

/** The facet value one filter keeps, or null when it is not set (payment=self keeps every institution). */
export function filterFacetValue(q: HospitalQuery, key: HospitalFacetKey): FacetValueRef | null {
  const plain = (value: string | undefined) =>
    value === undefined ? null : { facet: key, value: Prisma.sql`${value}` };
  switch (key) {
    case "city":
      return q.city ? { facet: "city", value: cityIdOf(q.city) } : null;
    case "insurer":
      return q.insurer ? { facet: "insurer", value: insurerIdOf(q.insurer) } : null;
    case "payment":
      return q.payment === "direct" ? { facet: "direct", value: Prisma.sql`''` } : null;
    case "tcm":
      return plain(q.tcm === undefined ? undefined : String(q.tcm));
    case "emergency":
      return plain(q.emergency === undefined ? undefined : String(q.emergency));
    default:
      return plain(q[key]);
  }
}

/** The facet a row of institution_facet_bits counts for: "direct" and "all" are payment's values. */
const facetOf = Prisma.sql`CASE WHEN t.facet IN ('direct', 'all') THEN 'payment' ELSE t.facet END`;

/**
 * The common table expressions of a count: `tok` (every facet value's bits on
 * the day, padded to one length) and `excl` (one row: `hit`, the positions
 * passing every filter, and per filtered facet `e_<facet>`, those passing every
 * other filter).
 */
export function facetBitsCtes(filters: Map<HospitalFacetKey, FacetValueRef>, on: string): Prisma.Sql[] {
  const keys = [...filters.keys()];
  const mask = (k: HospitalFacetKey) => Prisma.raw(`m.m_${k}`);
  const and = (ks: HospitalFacetKey[]) => Prisma.join([Prisma.sql`m.m_all`, ...ks.map(mask)], " & ");
  return [
    Prisma.sql`facet_bits AS MATERIALIZED (
      SELECT b.facet, b.value, b.bits FROM institution_facet_bits b WHERE b.days @> ${on}::date)`,
    Prisma.sql`bit_size AS MATERIALIZED (SELECT COALESCE(max(length(b.bits)), 0) AS n FROM facet_bits b)`,
    Prisma.sql`tok AS MATERIALIZED (
      SELECT b.facet, b.value, bit_or(facet_bits_fit(b.bits, z.n)) AS bits FROM facet_bits b, bit_size z GROUP BY 1, 2)`,
    Prisma.sql`masks AS MATERIALIZED (SELECT
      COALESCE((SELECT t.bits FROM tok t WHERE t.facet = 'all'), z.zeros) AS m_all,
      ${Prisma.join(
        keys.map((k) => {
          const { facet, value } = filters.get(k)!;
          return Prisma.sql`COALESCE((SELECT t.bits FROM tok t WHERE t.facet = ${facet} AND t.value = ${value}), z.zeros) AS ${Prisma.raw(`m_${k}`)}`;
        }),
      )}
      FROM (SELECT repeat('0', s.n)::varbit AS zeros FROM bit_size s) z)`,
    Prisma.sql`excl AS MATERIALIZED (SELECT ${and(keys)} AS hit,
      ${Prisma.join(keys.map((k) => Prisma.sql`${and(keys.filter((o) => o !== k))} AS ${Prisma.raw(`e_${k}`)}`))}
      FROM masks m)`,
  ];
}

/**
 * The counts as rows of (token, n), tokens as the finder's documents spell
 * them ("city:<id>", "payment:direct", "total:"), after facetBitsCtes: each
 * value counted among the positions passing every filter but its own facet's.
 */
export function facetBitsCounts(
  filters: Map<HospitalFacetKey, FacetValueRef>,
  withFacets: boolean,
): Prisma.Sql {
  const total = Prisma.sql`SELECT 'total:' AS token, bit_count(e.hit)::int AS n FROM excl e`;
  if (!withFacets) return total;
  const keys = [...filters.keys()];
  const except = Prisma.sql`CASE ${facetOf} ${Prisma.join(
    keys.map((k) => Prisma.sql`WHEN ${k} THEN ${Prisma.raw(`e.e_${k}`)}`),
    " ",
  )} ELSE e.hit END`;
  return Prisma.sql`SELECT ${facetTokenSql(Prisma.sql`t.facet`, Prisma.sql`t.value`)} AS token, bit_count(${except} & t.bits)::int AS n
    FROM tok t, excl e
    UNION ALL ${total}`;
}

/**
 * Buffers a page read costs per row, measured at 85,000 institutions
 * (docs/benchmarks.md): walking the sort index and finding a row's position
 * (WALK), or going from a matching position to its sort row (READ).
 */
const WALK_ROW_BUFFERS = 4;
const READ_ROW_BUFFERS = 7;

/**
 * Whether the page is read by walking the list's order (else from the
 * matching positions): `matches` of `size` positions match and the page ends
 * at row `reach`. A walk reads about reach x size / matches rows, the other way
 * every match; the cheaper wins (at 85,000 and page 1, the walk from about
 * 1,000 matches).
 */
export function walksListOrder(matches: number, size: number, reach: number): boolean {
  return matches * matches * READ_ROW_BUFFERS >= reach * size * WALK_ROW_BUFFERS;
}

/**
 * The page after facetBitsCtes, as (id, ord) rows in the list's order over
 * institution_sort aliased `s`, ending at row `reach` (offset + page size).
 * Many matches: the sort index is walked and each row's bit tested, which stops
 * after the page; few: their positions are read from the bits and only those
 * rows are sorted (walksListOrder decides, in SQL here). PostgreSQL runs one
 * branch: the other's condition is a one-time filter. The walk's test is
 * written `<> 0` so the planner expects most rows to pass (as they do there)
 * and keeps the walk: with `= 1` it estimated 0.5% and sorted every row of the
 * locale instead.
 */
export function facetBitsPage(
  sortIn: string,
  paging: Prisma.Sql,
  window: Prisma.Sql,
  reach: number,
): Prisma.Sql {
  return Prisma.sql`page_bits AS MATERIALIZED (
      SELECT e.hit, length(e.hit) AS n,
        bit_count(e.hit)::float8 * bit_count(e.hit) * ${READ_ROW_BUFFERS}
          >= ${reach}::float8 * length(e.hit) * ${WALK_ROW_BUFFERS} AS dense
      FROM excl e),
    page AS MATERIALIZED (
      (SELECT s.institution_id AS id, ${window} FROM institution_sort s
        WHERE s.locale = ${sortIn} AND (SELECT p.dense FROM page_bits p)
          AND get_bit((SELECT p.hit FROM page_bits p), (SELECT o.ord FROM institution_ord o
            WHERE o.institution_id = s.institution_id AND o.ord < (SELECT p.n FROM page_bits p))) <> 0
        ${paging})
      UNION ALL
      (SELECT s.institution_id AS id, ${window}
        FROM generate_series(0, (SELECT p.n FROM page_bits p) - 1) AS g(pos)
        JOIN institution_ord o ON o.ord = g.pos
        JOIN institution_sort s ON s.locale = ${sortIn} AND s.institution_id = o.institution_id
        WHERE NOT (SELECT p.dense FROM page_bits p) AND get_bit((SELECT p.hit FROM page_bits p), g.pos) = 1
        ${paging}))`;
}
