-- Catalogue search documents (ADR 0029). One row per institution with every
-- value the finder filters, counts and matches on, a sort key per locale, and
-- facet totals per value, all kept by triggers on the tables they derive from,
-- so the admin console, the catalogue import, the seeds and FHIR writes keep
-- them right without calling anything.

-- The migration runner splits a script at every semicolon, quotes and dollar
-- quotes included (ADR 0002), so the function bodies below are U& strings that
-- spell their semicolons as the Unicode escape 003B (and double their backslashes).

-- The 14 locales of lib/i18n/locales.ts (tests/integration/catalogue-search.test.ts checks they agree).
CREATE FUNCTION "catalogue_locales"() RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
U&' SELECT ARRAY[''en'',''zh'',''ru'',''ar'',''ja'',''ko'',''fr'',''es'',''de'',''id'',''th'',''vi'',''mn'',''kk''] ';

-- Han unigrams and bigrams of every run of Han characters: "北京协和" ->
-- {北,京,协,和,北京,京协,协和}. A one-character term looks up its unigram, a
-- longer one all its bigrams (lib/catalogue/search-document.ts hanQueryGrams).
CREATE FUNCTION "han_grams"(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS U&'
  SELECT COALESCE(array_agg(DISTINCT g ORDER BY g), ''{}'')
  FROM (
    SELECT substr(m[1], k, n) AS g
    FROM regexp_matches(t, ''[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]+'', ''g'') AS m,
      generate_series(1, char_length(m[1])) AS k,
      (VALUES (1), (2)) AS v(n)
    WHERE k + n - 1 <= char_length(m[1])
  ) grams
';

CREATE TABLE "institution_search" (
  "institution_id" TEXT PRIMARY KEY REFERENCES "institution"("id") ON DELETE CASCADE,
  "city_id" TEXT NOT NULL,
  "ownership" TEXT NOT NULL,
  "guide_listed" BOOLEAN NOT NULL,
  "emergency" BOOLEAN NOT NULL,
  "languages" TEXT[] NOT NULL,
  "accreditations" TEXT[] NOT NULL,
  "services" TEXT[] NOT NULL,
  -- specialties of offered departments, conditions of offered packages
  "specialties" TEXT[] NOT NULL,
  "conditions" TEXT[] NOT NULL,
  "tcm" BOOLEAN NOT NULL,
  "package_count" INTEGER NOT NULL,
  -- insurers with a direct-billing agreement on some day, and (same order) the
  -- days each is in force, and direct_days the days any agreement is. The finder
  -- tests the day it is asked about, so "active today" stays exact.
  "insurers" TEXT[] NOT NULL,
  "insurer_days" datemultirange[] NOT NULL,
  "direct_days" datemultirange NOT NULL,
  "name_zh" TEXT NOT NULL,
  -- lower-cased names in every language (one element per translation), joined
  -- by newlines in names_text for the trigram index
  "names" TEXT[] NOT NULL,
  "names_text" TEXT NOT NULL,
  -- pinyin without spaces: "beijingxieheyiyuan"
  "pinyin" TEXT NOT NULL,
  -- lower-cased names of offered departments and packages, every language
  "care" TEXT NOT NULL,
  -- han_grams of the Chinese name, the names and the care names
  "han" TEXT[] NOT NULL,
  -- every undated facet value as "facet:value" (city:<id>, ownership:PUBLIC,
  -- specialty:cardiology, ...), so one unnest counts all facets in one pass
  "tokens" TEXT[] NOT NULL
);
CREATE INDEX "institution_search_city_idx" ON "institution_search" ("city_id");
CREATE INDEX "institution_search_languages_idx" ON "institution_search" USING gin ("languages");
CREATE INDEX "institution_search_accreditations_idx" ON "institution_search" USING gin ("accreditations");
CREATE INDEX "institution_search_services_idx" ON "institution_search" USING gin ("services");
CREATE INDEX "institution_search_specialties_idx" ON "institution_search" USING gin ("specialties");
CREATE INDEX "institution_search_conditions_idx" ON "institution_search" USING gin ("conditions");
CREATE INDEX "institution_search_insurers_idx" ON "institution_search" USING gin ("insurers");
CREATE INDEX "institution_search_han_idx" ON "institution_search" USING gin ("han");
CREATE INDEX "institution_search_names_trgm_idx" ON "institution_search" USING gin ("names_text" gin_trgm_ops);
CREATE INDEX "institution_search_pinyin_trgm_idx" ON "institution_search" USING gin ("pinyin" gin_trgm_ops);
CREATE INDEX "institution_search_care_trgm_idx" ON "institution_search" USING gin ("care" gin_trgm_ops);

-- The finder's orders per locale: the name as the page shows it (the locale's,
-- else English, else Chinese) and the city's (else English, else empty).
CREATE TABLE "institution_sort" (
  "locale" TEXT NOT NULL,
  "institution_id" TEXT NOT NULL REFERENCES "institution"("id") ON DELETE CASCADE,
  "guide_listed" BOOLEAN NOT NULL,
  "name" TEXT NOT NULL,
  "city_name" TEXT NOT NULL,
  "slug" TEXT NOT NULL,
  PRIMARY KEY ("locale", "institution_id")
);
CREATE INDEX "institution_sort_relevance_idx" ON "institution_sort" ("locale", "guide_listed" DESC, "name", "slug");
CREATE INDEX "institution_sort_name_idx" ON "institution_sort" ("locale", "name", "slug");
CREATE INDEX "institution_sort_city_idx" ON "institution_sort" ("locale", "city_name", "name", "slug");

-- How many institutions have each facet value, for the finder without filters
-- or text. days: the days the count holds ('(,)' for undated values, an
-- agreement's merged days for insurer and direct), so a day's count is the sum
-- of the rows whose days contain it.
CREATE TABLE "institution_facet_total" (
  "facet" TEXT NOT NULL,
  "value" TEXT NOT NULL,
  "days" daterange NOT NULL,
  "n" INTEGER NOT NULL,
  PRIMARY KEY ("facet", "value", "days")
);

CREATE FUNCTION "institution_facet_values"(d "institution_search")
RETURNS TABLE ("facet" text, "value" text, "days" daterange) LANGUAGE sql IMMUTABLE AS U&'
  SELECT ''all'', '''', ''(,)''::daterange
  UNION ALL SELECT ''city'', d.city_id, ''(,)''
  UNION ALL SELECT ''ownership'', d.ownership, ''(,)''
  UNION ALL SELECT ''tcm'', d.tcm::text, ''(,)''
  UNION ALL SELECT ''emergency'', d.emergency::text, ''(,)''
  UNION ALL SELECT ''specialty'', x, ''(,)'' FROM unnest(d.specialties) x
  UNION ALL SELECT ''language'', x, ''(,)'' FROM unnest(d.languages) x
  UNION ALL SELECT ''accreditation'', x, ''(,)'' FROM unnest(d.accreditations) x
  UNION ALL SELECT ''service'', x, ''(,)'' FROM unnest(d.services) x
  UNION ALL SELECT ''insurer'', u.ins, r FROM unnest(d.insurers, d.insurer_days) AS u(ins, ds), unnest(u.ds) AS r
  UNION ALL SELECT ''direct'', '''', r FROM unnest(d.direct_days) AS r
';

-- Statement-level: one upsert per statement, however many documents it changed.
CREATE FUNCTION "institution_facet_total_insert"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
  INSERT INTO institution_facet_total AS t (facet, value, days, n)
  SELECT v.facet, v.value, v.days, count(*)::int FROM new_rows d, institution_facet_values(d) v
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (facet, value, days) DO UPDATE SET n = t.n + EXCLUDED.n\003B
  RETURN NULL\003B
END ';
CREATE FUNCTION "institution_facet_total_delete"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
  INSERT INTO institution_facet_total AS t (facet, value, days, n)
  SELECT v.facet, v.value, v.days, -count(*)::int FROM old_rows d, institution_facet_values(d) v
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (facet, value, days) DO UPDATE SET n = t.n + EXCLUDED.n\003B
  RETURN NULL\003B
END ';
CREATE FUNCTION "institution_facet_total_update"() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
  INSERT INTO institution_facet_total AS t (facet, value, days, n)
  SELECT f.facet, f.value, f.days, sum(f.delta)::int
  FROM (
    SELECT v.*, 1 AS delta FROM new_rows d, institution_facet_values(d) v
    UNION ALL
    SELECT v.*, -1 AS delta FROM old_rows d, institution_facet_values(d) v
  ) f
  GROUP BY 1, 2, 3 HAVING sum(f.delta) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT (facet, value, days) DO UPDATE SET n = t.n + EXCLUDED.n\003B
  RETURN NULL\003B
END ';
CREATE TRIGGER "institution_search_totals_insert" AFTER INSERT ON "institution_search"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "institution_facet_total_insert"();
CREATE TRIGGER "institution_search_totals_update" AFTER UPDATE ON "institution_search"
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "institution_facet_total_update"();
CREATE TRIGGER "institution_search_totals_delete" AFTER DELETE ON "institution_search"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "institution_facet_total_delete"();

-- Recomputes the documents (and, with sort_keys, the sort rows) of the given
-- institutions from the catalogue tables. The documents are locked first: under
-- READ COMMITTED the statements after the lock see what a concurrent refresh of
-- the same institution committed, so two edits of one institution cannot leave
-- a document that misses either.
CREATE FUNCTION "institution_search_refresh"(ids text[], sort_keys boolean DEFAULT true) RETURNS void
LANGUAGE plpgsql AS U&'
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN\003B END IF\003B
  PERFORM 1 FROM institution_search WHERE institution_id = ANY(ids) ORDER BY institution_id FOR UPDATE\003B
  DELETE FROM institution_search s WHERE s.institution_id = ANY(ids)
    AND NOT EXISTS (SELECT 1 FROM institution i WHERE i.id = s.institution_id)\003B

  INSERT INTO institution_search AS s (
    institution_id, city_id, ownership, guide_listed, emergency, languages, accreditations, services,
    specialties, conditions, tcm, package_count, insurers, insurer_days, direct_days,
    name_zh, names, names_text, pinyin, care, han, tokens)
  SELECT i.id, i.city_id, i.ownership::text, i.guide_listed, i.emergency_24h,
    i.languages, i.accreditations, i.services::text[],
    dep.specialties, pkg.conditions,
    pkg.offered > 0 OR ''tcm'' = ANY(dep.specialties), pkg.offered,
    bill.insurers, bill.days, bill.direct,
    i.name_zh, tr.names, array_to_string(tr.names, E''\\n''),
    replace(lower(i.name_pinyin), '' '', ''''),
    care.text,
    han_grams(i.name_zh || E''\\n'' || array_to_string(tr.names, E''\\n'') || E''\\n'' || care.text),
    ARRAY[''city:'' || i.city_id, ''ownership:'' || i.ownership::text,
      ''tcm:'' || (pkg.offered > 0 OR ''tcm'' = ANY(dep.specialties))::text, ''emergency:'' || i.emergency_24h::text]
      || ARRAY(SELECT ''specialty:'' || x FROM unnest(dep.specialties) x)
      || ARRAY(SELECT ''language:'' || x FROM unnest(i.languages) x)
      || ARRAY(SELECT ''accreditation:'' || x FROM unnest(i.accreditations) x)
      || ARRAY(SELECT ''service:'' || x FROM unnest(i.services::text[]) x)
  FROM institution i
  CROSS JOIN LATERAL (
    SELECT COALESCE(array_agg(DISTINCT d.specialty ORDER BY d.specialty), ''{}'') AS specialties
    FROM department d WHERE d.institution_id = i.id AND d.retired_at IS NULL) dep
  CROSS JOIN LATERAL (
    SELECT (SELECT count(*)::int FROM tcm_package p WHERE p.institution_id = i.id AND p.retired_at IS NULL) AS offered,
      COALESCE((SELECT array_agg(DISTINCT c ORDER BY c) FROM tcm_package p, unnest(p.conditions) c
        WHERE p.institution_id = i.id AND p.retired_at IS NULL), ''{}'') AS conditions) pkg
  CROSS JOIN LATERAL (
    SELECT COALESCE(array_agg(x.insurer_id ORDER BY x.insurer_id), ''{}'') AS insurers,
      COALESCE(array_agg(x.days ORDER BY x.insurer_id), ''{}'') AS days,
      COALESCE((SELECT range_agg(daterange(a.valid_from, a.valid_to, ''[]'')) FROM direct_billing_agreement a
        WHERE a.institution_id = i.id), ''{}''::datemultirange) AS direct
    FROM (SELECT a.insurer_id, range_agg(daterange(a.valid_from, a.valid_to, ''[]'')) AS days
      FROM direct_billing_agreement a WHERE a.institution_id = i.id GROUP BY a.insurer_id) x) bill
  CROSS JOIN LATERAL (
    SELECT COALESCE(array_agg(lower(t.name) ORDER BY t.locale), ''{}'') AS names
    FROM institution_translation t WHERE t.institution_id = i.id) tr
  CROSS JOIN LATERAL (
    SELECT COALESCE(string_agg(n, E''\\n'' ORDER BY n), '''') AS text FROM (
      SELECT DISTINCT lower(t.name) AS n FROM department_translation t JOIN department d ON d.id = t.department_id
        WHERE d.institution_id = i.id AND d.retired_at IS NULL
      UNION
      SELECT lower(t.name) FROM tcm_package_translation t JOIN tcm_package p ON p.id = t.package_id
        WHERE p.institution_id = i.id AND p.retired_at IS NULL) names) care
  WHERE i.id = ANY(ids)
  ORDER BY i.id
  ON CONFLICT (institution_id) DO UPDATE SET
    city_id = EXCLUDED.city_id, ownership = EXCLUDED.ownership, guide_listed = EXCLUDED.guide_listed,
    emergency = EXCLUDED.emergency, languages = EXCLUDED.languages, accreditations = EXCLUDED.accreditations,
    services = EXCLUDED.services, specialties = EXCLUDED.specialties, conditions = EXCLUDED.conditions,
    tcm = EXCLUDED.tcm, package_count = EXCLUDED.package_count, insurers = EXCLUDED.insurers,
    insurer_days = EXCLUDED.insurer_days, direct_days = EXCLUDED.direct_days, name_zh = EXCLUDED.name_zh,
    names = EXCLUDED.names, names_text = EXCLUDED.names_text, pinyin = EXCLUDED.pinyin, care = EXCLUDED.care,
    han = EXCLUDED.han, tokens = EXCLUDED.tokens
  WHERE s IS DISTINCT FROM EXCLUDED\003B

  IF NOT sort_keys THEN RETURN\003B END IF\003B
  DELETE FROM institution_sort s WHERE s.institution_id = ANY(ids)
    AND NOT EXISTS (SELECT 1 FROM institution i WHERE i.id = s.institution_id)\003B
  INSERT INTO institution_sort AS s (locale, institution_id, guide_listed, name, city_name, slug)
  SELECT l.locale, i.id, i.guide_listed, COALESCE(t.name, te.name, i.name_zh), COALESCE(ct.name, cte.name, ''''), i.slug
  FROM institution i
  CROSS JOIN unnest(catalogue_locales()) AS l(locale)
  LEFT JOIN institution_translation t ON t.institution_id = i.id AND t.locale = l.locale
  LEFT JOIN institution_translation te ON te.institution_id = i.id AND te.locale = ''en''
  LEFT JOIN city_translation ct ON ct.city_id = i.city_id AND ct.locale = l.locale
  LEFT JOIN city_translation cte ON cte.city_id = i.city_id AND cte.locale = ''en''
  WHERE i.id = ANY(ids)
  ORDER BY 1, 2
  ON CONFLICT (locale, institution_id) DO UPDATE SET
    guide_listed = EXCLUDED.guide_listed, name = EXCLUDED.name, city_name = EXCLUDED.city_name, slug = EXCLUDED.slug
  WHERE s IS DISTINCT FROM EXCLUDED\003B
END ';

-- One trigger function for every source table. TG_ARGV[0]: a query (format's
-- %I is the transition table) giving the institutions the changed rows belong
-- to, TG_ARGV[1]: 'sort' when the change can move a sort key.
CREATE FUNCTION "institution_search_on_change"() RETURNS trigger LANGUAGE plpgsql AS U&'
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
  PERFORM institution_search_refresh(ARRAY(SELECT DISTINCT x FROM unnest(changed) x WHERE x IS NOT NULL ORDER BY x),
    TG_ARGV[1] = ''sort'')\003B
  RETURN NULL\003B
END ';

DO U&'
DECLARE
  src record\003B
BEGIN
  FOR src IN SELECT * FROM (VALUES
    (''institution'', ''SELECT array_agg(id) FROM %I'', ''sort''),
    (''institution_translation'', ''SELECT array_agg(institution_id) FROM %I'', ''sort''),
    (''city_translation'', ''SELECT array_agg(i.id) FROM institution i WHERE i.city_id IN (SELECT city_id FROM %I)'', ''sort''),
    (''department'', ''SELECT array_agg(institution_id) FROM %I'', ''doc''),
    (''department_translation'', ''SELECT array_agg(d.institution_id) FROM department d WHERE d.id IN (SELECT department_id FROM %I)'', ''doc''),
    (''tcm_package'', ''SELECT array_agg(institution_id) FROM %I'', ''doc''),
    (''tcm_package_translation'', ''SELECT array_agg(p.institution_id) FROM tcm_package p WHERE p.id IN (SELECT package_id FROM %I)'', ''doc''),
    (''direct_billing_agreement'', ''SELECT array_agg(institution_id) FROM %I'', ''doc'')
  ) AS t(tab, ids, kind) LOOP
    EXECUTE format(''CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION institution_search_on_change(%L, %L)'',
      src.tab || ''_search_insert'', src.tab, src.ids, src.kind)\003B
    EXECUTE format(''CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION institution_search_on_change(%L, %L)'',
      src.tab || ''_search_update'', src.tab, src.ids, src.kind)\003B
    EXECUTE format(''CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION institution_search_on_change(%L, %L)'',
      src.tab || ''_search_delete'', src.tab, src.ids, src.kind)\003B
  END LOOP\003B
END ';

-- Fill for the catalogue already there.
SELECT institution_search_refresh(ARRAY(SELECT id FROM institution ORDER BY id));
