-- The home page's institutions (lib/catalogue/get-home-catalogue.ts): the first
-- 12 in the order guide-listed, then demo, then slug. With this index they are
-- the first 12 entries of an index walk. Without it PostgreSQL sorted every
-- institution (a sequential scan of the table) to take 12, or, with only the
-- guide_listed index, sorted the whole first group whenever fewer than 12 are
-- guide-listed. The home page's city counts come from institution_facet_total
-- (ADR 0029) and its package counts from tcm_package's institution_id index, so
-- nothing else is needed. (No semicolon in these comments: the runner splits
-- the script at every one, ADR 0002.)
CREATE INDEX "institution_home_order_idx" ON "institution" ("guide_listed" DESC, "is_demo" DESC, "slug");
