-- The text lookups of the finder read the GIN indexes of institution_search (lib/catalogue/search-hospitals.ts).
-- With the default fastupdate of GIN, every document a refresh writes (an import, a seed, an edit: the
-- refresh upserts whole documents) goes to an unsorted pending list of the index until a vacuum merges
-- it, and every search reads that whole list, and the planner prices it in, so right after a bulk load
-- narrow terms ("Peking Union", "xiehe") were planned as a sequential scan of every document
-- (docs/benchmarks.md, issue 21: 2,060 buffers at 8,500 institutions instead of ~400, until
-- autovacuum ran). Without the pending list a write updates the index in place: the catalogue is
-- written rarely and searched often.
ALTER INDEX "institution_search_han_idx" SET (fastupdate = off);
ALTER INDEX "institution_search_names_trgm_idx" SET (fastupdate = off);
ALTER INDEX "institution_search_pinyin_trgm_idx" SET (fastupdate = off);
ALTER INDEX "institution_search_care_trgm_idx" SET (fastupdate = off);
ALTER INDEX "institution_search_specialties_idx" SET (fastupdate = off);
ALTER INDEX "institution_search_conditions_idx" SET (fastupdate = off);
ALTER INDEX "institution_search_languages_idx" SET (fastupdate = off);
ALTER INDEX "institution_search_accreditations_idx" SET (fastupdate = off);
ALTER INDEX "institution_search_services_idx" SET (fastupdate = off);
ALTER INDEX "institution_search_insurers_idx" SET (fastupdate = off);

-- What a database migrated before this one already holds in the lists goes into the indexes now.
SELECT gin_clean_pending_list(c.oid) FROM pg_class c JOIN pg_index x ON x.indexrelid = c.oid
  WHERE x.indrelid = '"institution_search"'::regclass AND c.relam = (SELECT oid FROM pg_am WHERE amname = 'gin');
