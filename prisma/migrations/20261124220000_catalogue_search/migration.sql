-- Finder search: pinyin without spaces ("xiehe" finds "bei jing xie he yi yuan")
-- and lower-cased translated names, both through trigram indexes.
CREATE INDEX "institution_name_pinyin_compact_trgm_idx" ON "institution" USING gin ((replace("name_pinyin", ' ', '')) gin_trgm_ops);
CREATE INDEX "department_institution_specialty_idx" ON "department" ("institution_id", "specialty");
CREATE INDEX "direct_billing_agreement_institution_validity_idx" ON "direct_billing_agreement" ("institution_id", "valid_from", "valid_to");
CREATE INDEX "tcm_package_price_idx" ON "tcm_package" ("price_fen");
