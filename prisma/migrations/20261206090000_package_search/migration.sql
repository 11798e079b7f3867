-- Package search documents (issue 21, ADR 0029's pattern for the package
-- finder). One row per offered TCM package with every value the package finder
-- filters, sorts and matches on, and the number of offered packages per
-- (condition, therapy, city, duration), so the finder's total and city counts
-- for its select filters never count packages row by row. Both are kept by
-- triggers, so the admin console, the catalogue import, the seeds and retiring a
-- package keep them right without calling anything.

-- The migration runner splits a script at every semicolon (ADR 0002): function
-- bodies are U& strings spelling their semicolons as \003B.

-- Offered packages only: "offered" is lib/catalogue/offered.ts's rule (not
-- retired), restated here as the refresh's retired_at IS NULL, as
-- institution_search_refresh does. The institution's values (city, guide
-- listing, names) are read from its institution_search document (ADR 0029),
-- so an institution edit reaches its packages through that document's trigger.
CREATE TABLE "package_search" (
  "package_id" TEXT PRIMARY KEY REFERENCES "tcm_package"("id") ON DELETE CASCADE,
  "institution_id" TEXT NOT NULL,
  "city_id" TEXT NOT NULL,
  "guide_listed" BOOLEAN NOT NULL,
  "slug" TEXT NOT NULL,
  "conditions" TEXT[] NOT NULL,
  "therapies" TEXT[] NOT NULL,
  "sessions" INTEGER NOT NULL,
  "duration_days" INTEGER NOT NULL,
  "price_fen" INTEGER NOT NULL,
  -- lower-cased names the text filter matches, one per line: the package's in
  -- every language, the institution's Chinese name and its names in every language
  "names" TEXT NOT NULL,
  -- han_grams of names, for Han terms (lib/catalogue/search-document.ts hanQueryGrams)
  "han" TEXT[] NOT NULL
);
CREATE INDEX "package_search_institution_idx" ON "package_search" ("institution_id");
-- One per list order (lib/catalogue/search-packages.ts), and the same in one
-- city: the page is an index walk that stops at the page (a city's walk on the
-- catalogue-wide order read about 1,500 buffers at 85,000 institutions, 25 with these).
CREATE INDEX "package_search_relevance_idx" ON "package_search" ("guide_listed" DESC, "price_fen", "slug");
CREATE INDEX "package_search_price_idx" ON "package_search" ("price_fen", "slug");
CREATE INDEX "package_search_days_idx" ON "package_search" ("duration_days", "slug");
CREATE INDEX "package_search_sessions_idx" ON "package_search" ("sessions" DESC, "slug");
CREATE INDEX "package_search_city_relevance_idx" ON "package_search" ("city_id", "guide_listed" DESC, "price_fen", "slug");
CREATE INDEX "package_search_city_price_idx" ON "package_search" ("city_id", "price_fen", "slug");
CREATE INDEX "package_search_city_days_idx" ON "package_search" ("city_id", "duration_days", "slug");
CREATE INDEX "package_search_city_sessions_idx" ON "package_search" ("city_id", "sessions" DESC, "slug");
-- GIN without a pending list (as migration 20261206110000_text_search_plans does for
-- institution_search): right after a bulk load the list is unsorted until a vacuum,
-- every search reads it and the planner prices it in.
CREATE INDEX "package_search_conditions_idx" ON "package_search" USING gin ("conditions") WITH (fastupdate = off);
CREATE INDEX "package_search_therapies_idx" ON "package_search" USING gin ("therapies") WITH (fastupdate = off);
CREATE INDEX "package_search_names_trgm_idx" ON "package_search" USING gin ("names" gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX "package_search_han_idx" ON "package_search" USING gin ("han") WITH (fastupdate = off);

-- Offered packages per (condition, therapy, city): '' stands for "any", so a
-- package counts once under ('', ''), once under each of its conditions with
-- '', each of its therapies with '', and each pair. n is the count, by_days[k]
-- the count of those lasting k days (k = 1 for anything shorter, 366 for
-- anything longer: maxDays is 1 to 365), so the finder's total and city counts
-- under condition, therapy, city and maxDays are sums of at most one row per
-- city. The table has a row per combination present, however many packages
-- there are. A row whose count falls to 0 stays (n = 0).
CREATE TABLE "package_facet_total" (
  "condition" TEXT NOT NULL,
  "therapy" TEXT NOT NULL,
  "city_id" TEXT NOT NULL,
  "n" INTEGER NOT NULL,
  "by_days" INTEGER[] NOT NULL,
  PRIMARY KEY ("condition", "therapy", "city_id")
);

-- Element-wise a + b (1-based arrays, a missing element is 0).
CREATE FUNCTION "int_array_add"(a int[], b int[]) RETURNS int[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS U&'
  SELECT COALESCE(array_agg(COALESCE(a[k], 0) + COALESCE(b[k], 0) ORDER BY k), ''{}'')
  FROM generate_series(1, GREATEST(COALESCE(array_upper(a, 1), 0), COALESCE(array_upper(b, 1), 0))) k
';

-- Statement-level: one upsert per statement, rows in key order so concurrent
-- writers do not deadlock. The changed documents count +1 (new) and -1 (old)
-- in every cell they fall in, summed per cell, then spread into by_days.
-- Dynamic SQL only so one body reads new_rows, old_rows or both.
CREATE FUNCTION "package_facet_total_apply"() RETURNS trigger LANGUAGE plpgsql AS U&'
DECLARE
  src text\003B
BEGIN
  src := concat_ws('' UNION ALL '',
    CASE WHEN TG_OP <> ''DELETE'' THEN ''SELECT conditions, therapies, city_id, duration_days, 1 AS delta FROM new_rows'' END,
    CASE WHEN TG_OP <> ''INSERT'' THEN ''SELECT conditions, therapies, city_id, duration_days, -1 AS delta FROM old_rows'' END)\003B
  EXECUTE format(''
  WITH d AS (%s), cell AS (
    SELECT c.v AS condition, th.v AS therapy, d.city_id, LEAST(GREATEST(d.duration_days, 1), 366) AS day,
      sum(d.delta)::int AS delta
    FROM d
    CROSS JOIN LATERAL (SELECT DISTINCT x FROM unnest(d.conditions) x UNION ALL SELECT '''''''') c(v)
    CROSS JOIN LATERAL (SELECT DISTINCT x FROM unnest(d.therapies) x UNION ALL SELECT '''''''') th(v)
    GROUP BY 1, 2, 3, 4 HAVING sum(d.delta) <> 0
  ), grp AS (
    SELECT condition, therapy, city_id, sum(delta)::int AS n, max(day) AS top FROM cell GROUP BY 1, 2, 3
  )
  INSERT INTO package_facet_total AS t (condition, therapy, city_id, n, by_days)
  SELECT g.condition, g.therapy, g.city_id, g.n, array_agg(COALESCE(c.delta, 0) ORDER BY k)
  FROM grp g
  CROSS JOIN LATERAL generate_series(1, g.top) k
  LEFT JOIN cell c ON c.condition = g.condition AND c.therapy = g.therapy AND c.city_id = g.city_id AND c.day = k
  GROUP BY g.condition, g.therapy, g.city_id, g.n
  ORDER BY 1, 2, 3
  ON CONFLICT (condition, therapy, city_id) DO UPDATE SET n = t.n + EXCLUDED.n,
    by_days = int_array_add(t.by_days, EXCLUDED.by_days)'', src)\003B
  RETURN NULL\003B
END ';
CREATE TRIGGER "package_search_totals_insert" AFTER INSERT ON "package_search"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "package_facet_total_apply"();
CREATE TRIGGER "package_search_totals_update" AFTER UPDATE ON "package_search"
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "package_facet_total_apply"();
CREATE TRIGGER "package_search_totals_delete" AFTER DELETE ON "package_search"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "package_facet_total_apply"();

-- Recomputes the documents of every package of the given institutions. The
-- institutions' documents (institution_search) are locked first, in id order,
-- as institution_search_refresh locks them: one lock per institution orders a
-- package edit after a concurrent edit of its institution (and of its other
-- packages), and under READ COMMITTED the statements after the lock see what
-- that edit committed.
CREATE FUNCTION "package_search_refresh"(ids text[]) RETURNS void LANGUAGE plpgsql AS U&'
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN\003B END IF\003B
  PERFORM 1 FROM institution_search WHERE institution_id = ANY(ids) ORDER BY institution_id FOR UPDATE\003B
  DELETE FROM package_search d WHERE d.institution_id = ANY(ids)
    AND NOT EXISTS (SELECT 1 FROM tcm_package p JOIN institution_search s ON s.institution_id = p.institution_id
      WHERE p.id = d.package_id AND p.retired_at IS NULL)\003B
  INSERT INTO package_search AS d (package_id, institution_id, city_id, guide_listed, slug, conditions, therapies,
    sessions, duration_days, price_fen, names, han)
  SELECT p.id, p.institution_id, s.city_id, s.guide_listed, p.slug, p.conditions, p.therapies,
    p.sessions, p.duration_days, p.price_fen, x.names, han_grams(x.names)
  FROM tcm_package p
  JOIN institution_search s ON s.institution_id = p.institution_id
  CROSS JOIN LATERAL (SELECT array_to_string(
      ARRAY(SELECT lower(t.name) FROM tcm_package_translation t WHERE t.package_id = p.id ORDER BY t.locale)
        || lower(s.name_zh) || s.names, E''\\n'') AS names) x
  WHERE p.institution_id = ANY(ids) AND p.retired_at IS NULL
  ORDER BY p.id
  ON CONFLICT (package_id) DO UPDATE SET
    institution_id = EXCLUDED.institution_id, city_id = EXCLUDED.city_id, guide_listed = EXCLUDED.guide_listed,
    slug = EXCLUDED.slug, conditions = EXCLUDED.conditions, therapies = EXCLUDED.therapies,
    sessions = EXCLUDED.sessions, duration_days = EXCLUDED.duration_days, price_fen = EXCLUDED.price_fen,
    names = EXCLUDED.names, han = EXCLUDED.han
  WHERE d IS DISTINCT FROM EXCLUDED\003B
END ';

-- One trigger function for every source. TG_ARGV[0]: a query (format's %I is
-- the transition table) giving the institutions whose packages the changed rows touch.
CREATE FUNCTION "package_search_on_change"() RETURNS trigger LANGUAGE plpgsql AS U&'
DECLARE
  changed text[] := ''{}''\003B
  more text[]\003B
BEGIN
  IF TG_OP <> ''DELETE'' THEN
    EXECUTE format(TG_ARGV[0], ''new_rows'') INTO more\003B
    changed := changed || COALESCE(more, ''{}'')\003B
  END IF\003B
  IF TG_OP <> ''INSERT'' THEN
    EXECUTE format(TG_ARGV[0], ''old_rows'') INTO more\003B
    changed := changed || COALESCE(more, ''{}'')\003B
  END IF\003B
  PERFORM package_search_refresh(ARRAY(SELECT DISTINCT x FROM unnest(changed) x WHERE x IS NOT NULL ORDER BY x))\003B
  RETURN NULL\003B
END ';

-- Sources: the packages and their translations, and the institutions' documents
-- (an institution's city, guide listing or names change there, and a bulk loader
-- that turns triggers off and then calls institution_search_refresh, as the
-- synthetic seed does, builds the package documents through this trigger too).
-- Deleting an institution's document needs nothing: its packages go with it.
DO U&'
DECLARE
  src record\003B
  op text\003B
BEGIN
  FOR src IN SELECT * FROM (VALUES
    (''tcm_package'', ''SELECT array_agg(institution_id) FROM %I'', ARRAY[''INSERT'', ''UPDATE'', ''DELETE'']),
    (''tcm_package_translation'', ''SELECT array_agg(p.institution_id) FROM tcm_package p WHERE p.id IN (SELECT package_id FROM %I)'', ARRAY[''INSERT'', ''UPDATE'', ''DELETE'']),
    (''institution_search'', ''SELECT array_agg(institution_id) FROM %I'', ARRAY[''INSERT'', ''UPDATE''])
  ) AS t(tab, ids, ops) LOOP
    FOREACH op IN ARRAY src.ops LOOP
      EXECUTE format(''CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION package_search_on_change(%L)'',
        src.tab || ''_package_search_'' || lower(op), op, src.tab,
        CASE op WHEN ''INSERT'' THEN ''NEW TABLE AS new_rows'' WHEN ''DELETE'' THEN ''OLD TABLE AS old_rows''
          ELSE ''NEW TABLE AS new_rows OLD TABLE AS old_rows'' END,
        src.ids)\003B
    END LOOP\003B
  END LOOP\003B
END ';

-- Fill for the catalogue already there.
SELECT package_search_refresh(ARRAY(SELECT id FROM institution ORDER BY id));
