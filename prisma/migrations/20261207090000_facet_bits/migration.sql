-- Facet bitmaps (ADR 0029, "Counting filters"). The finder with filters and no
-- text must count, for every facet, the institutions that pass every *other*
-- filter. Counted row by row, a filter that keeps most of the catalogue
-- ("language=en", "ownership=PUBLIC") reads most of the documents: a Seq Scan
-- whose cost grows with the catalogue (docs/benchmarks.md, issue 21). Here
-- every institution has a fixed position (institution_ord), and every facet
-- value a bit string with the positions of the institutions that have it, kept
-- by triggers on institution_search like institution_facet_total. A search then
-- ANDs the bit strings of its filters and counts each value with bit_count: it
-- reads one row per facet value, whatever the filters, and the work grows with
-- the catalogue by one bit per institution.

-- The migration runner splits a script at every semicolon, quotes and dollar
-- quotes included (ADR 0002), so the function bodies below are U& strings that
-- spell their semicolons as the Unicode escape 003B (and double their backslashes).

-- An institution's position in every bit string. Never reused and never
-- deleted with the institution: the delete trigger of a document still needs it
-- to clear the institution's bits, and a hole costs one bit.
CREATE SEQUENCE "institution_ord_seq" AS integer MINVALUE 0 START 0;
CREATE TABLE "institution_ord" (
  "institution_id" TEXT PRIMARY KEY,
  "ord" INTEGER NOT NULL UNIQUE
);

-- bits: bit i is set when the institution at position i has the value on the
-- days (the same keys as institution_facet_total). Strings may differ in length
-- (each ends at its last position ever set): a search pads them to the longest.
CREATE TABLE "institution_facet_bits" (
  "facet" TEXT NOT NULL,
  "value" TEXT NOT NULL,
  "days" daterange NOT NULL,
  "bits" varbit NOT NULL,
  PRIMARY KEY ("facet", "value", "days")
);

-- b padded with zeros to n bits (n at least its length).
CREATE FUNCTION "facet_bits_fit"(b varbit, n integer) RETURNS varbit LANGUAGE sql IMMUTABLE PARALLEL SAFE AS U&'
  SELECT CASE WHEN length(b) >= n THEN b ELSE b || repeat(''0'', n - length(b))::varbit END
';

-- zeros (a string of zeros) with the given positions set (each below its
-- length). Built in SQL over the span from the lowest position to the highest
-- and placed with overlay, so a seed's chunk (positions next to each other)
-- costs its span, not the whole string.
CREATE FUNCTION "facet_bits_of"(positions integer[], zeros varbit) RETURNS varbit
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS U&'
  SELECT CASE WHEN r.lo IS NULL THEN zeros ELSE
    overlay(zeros PLACING (
      SELECT string_agg(CASE WHEN p.x IS NULL THEN ''0'' ELSE ''1'' END, '''' ORDER BY g)
      FROM generate_series(r.lo, r.hi) g LEFT JOIN (SELECT DISTINCT x FROM unnest(positions) x) p ON p.x = g
    )::varbit FROM r.lo + 1) END
  FROM (SELECT min(x) AS lo, max(x) AS hi FROM unnest(positions) x) r
';

-- b with the positions in ons set and those in offs cleared. A few positions
-- (an edit) are set in place, many (a seed, an import, the fill below) as a
-- string ORed in and one ANDed out, so a statement that changes k
-- institutions costs about their span, not k x length.
CREATE FUNCTION "facet_bits_apply"(b varbit, ons integer[], offs integer[]) RETURNS varbit
LANGUAGE plpgsql IMMUTABLE AS U&'
DECLARE
  size integer := GREATEST(length(b), COALESCE((SELECT max(x) + 1 FROM unnest(ons) x), 0))\003B
  i integer\003B
BEGIN
  b := facet_bits_fit(b, size)\003B
  offs := ARRAY(SELECT x FROM unnest(offs) x WHERE x < size)\003B
  IF cardinality(ons) + cardinality(offs) <= 16 THEN
    FOREACH i IN ARRAY ons LOOP b := set_bit(b, i, 1)\003B END LOOP\003B
    FOREACH i IN ARRAY offs LOOP b := set_bit(b, i, 0)\003B END LOOP\003B
    RETURN b\003B
  END IF\003B
  IF cardinality(ons) > 0 THEN b := b | facet_bits_of(ons, b # b)\003B END IF\003B
  IF cardinality(offs) > 0 THEN b := b & ~facet_bits_of(offs, b # b)\003B END IF\003B
  RETURN b\003B
END ';

-- One facet value's change in a statement: the positions that gain it and those that lose it.
CREATE TYPE "facet_bits_change" AS ("facet" text, "value" text, "days" daterange, "ons" integer[], "offs" integer[]);

-- Applies the changes. Rows are created, then locked in key order (as the
-- totals' upsert locks its rows), then rewritten, so two statements that touch
-- the same values wait for each other instead of deadlocking.
CREATE FUNCTION "institution_facet_bits_write"(changes "facet_bits_change"[]) RETURNS void LANGUAGE plpgsql AS U&'
BEGIN
  IF changes IS NULL OR cardinality(changes) = 0 THEN RETURN\003B END IF\003B
  INSERT INTO institution_facet_bits (facet, value, days, bits)
  SELECT c.facet, c.value, c.days, B'''' FROM unnest(changes) c ORDER BY 1, 2, 3
  ON CONFLICT DO NOTHING\003B
  PERFORM 1 FROM institution_facet_bits b JOIN unnest(changes) c USING (facet, value, days)
    ORDER BY b.facet, b.value, b.days FOR UPDATE OF b\003B
  UPDATE institution_facet_bits b SET bits = facet_bits_apply(b.bits, c.ons, c.offs)
  FROM unnest(changes) c WHERE b.facet = c.facet AND b.value = c.value AND b.days = c.days\003B
END ';

-- Statement-level, like the totals: the documents a statement inserted,
-- changed or deleted, as the facet values each position gains or loses.
CREATE FUNCTION "institution_facet_bits_insert"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
  INSERT INTO institution_ord (institution_id, ord)
  SELECT n.institution_id, nextval(''institution_ord_seq'')
  FROM (SELECT d.institution_id FROM new_rows d ORDER BY 1) n
  WHERE NOT EXISTS (SELECT 1 FROM institution_ord o WHERE o.institution_id = n.institution_id)\003B
  PERFORM institution_facet_bits_write(ARRAY(
    SELECT ROW(v.facet, v.value, v.days, array_agg(o.ord ORDER BY o.ord), ''{}''::integer[])::facet_bits_change
    FROM (SELECT d.institution_id, v.* FROM new_rows d, institution_facet_values(d) v) v
    JOIN institution_ord o ON o.institution_id = v.institution_id
    GROUP BY v.facet, v.value, v.days))\003B
  RETURN NULL\003B
END ';
CREATE FUNCTION "institution_facet_bits_delete"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
  PERFORM institution_facet_bits_write(ARRAY(
    SELECT ROW(v.facet, v.value, v.days, ''{}''::integer[], array_agg(o.ord ORDER BY o.ord))::facet_bits_change
    FROM (SELECT d.institution_id, v.* FROM old_rows d, institution_facet_values(d) v) v
    JOIN institution_ord o ON o.institution_id = v.institution_id
    GROUP BY v.facet, v.value, v.days))\003B
  RETURN NULL\003B
END ';
CREATE FUNCTION "institution_facet_bits_update"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
  PERFORM institution_facet_bits_write(ARRAY(
    SELECT ROW(f.facet, f.value, f.days,
        COALESCE(array_agg(f.ord ORDER BY f.ord) FILTER (WHERE f.delta > 0), ''{}''),
        COALESCE(array_agg(f.ord ORDER BY f.ord) FILTER (WHERE f.delta < 0), ''{}''))::facet_bits_change
    FROM (
      SELECT v.facet, v.value, v.days, o.ord, sum(v.delta) AS delta
      FROM (SELECT d.institution_id, v.*, 1 AS delta FROM new_rows d, institution_facet_values(d) v
        UNION ALL SELECT d.institution_id, v.*, -1 FROM old_rows d, institution_facet_values(d) v) v
      JOIN institution_ord o ON o.institution_id = v.institution_id
      GROUP BY 1, 2, 3, 4 HAVING sum(v.delta) <> 0) f
    GROUP BY f.facet, f.value, f.days))\003B
  RETURN NULL\003B
END ';
CREATE TRIGGER "institution_search_bits_insert" AFTER INSERT ON "institution_search"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "institution_facet_bits_insert"();
CREATE TRIGGER "institution_search_bits_update" AFTER UPDATE ON "institution_search"
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "institution_facet_bits_update"();
CREATE TRIGGER "institution_search_bits_delete" AFTER DELETE ON "institution_search"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "institution_facet_bits_delete"();

-- Fill for the catalogue already there. (The documents are read whole in a
-- subquery first: PostgreSQL 18 fails to plan institution_facet_values over a
-- table's row directly, "variable not found in subplan target list".)
INSERT INTO institution_ord (institution_id, ord)
SELECT s.institution_id, nextval('institution_ord_seq') FROM (SELECT institution_id FROM institution_search ORDER BY 1) s;
SELECT institution_facet_bits_write(ARRAY(
  SELECT ROW(v.facet, v.value, v.days, array_agg(o.ord ORDER BY o.ord), '{}'::integer[])::facet_bits_change
  FROM (SELECT d FROM institution_search d OFFSET 0) x CROSS JOIN LATERAL institution_facet_values(x.d) v
  JOIN institution_ord o ON o.institution_id = (x.d).institution_id
  GROUP BY v.facet, v.value, v.days));
